/// Countries as exports write them: ISO codes, or names in the five languages.
enum CountryCode {
    /// The upper-case ISO 3166-1 alpha-2 code of `text`, or `nil` when it names no country.
    ///
    /// Accepted: any assigned alpha-2 code (`se`, `SE`), the alpha-3 codes and the Swedish,
    /// Dutch, French, German and English names of the countries in `names` ("Sverige",
    /// "Pays-Bas", "Deutschland"), case- and accent-insensitive.
    static func parse(_ text: String) -> String? {
        // The common cell, a code in capitals, needs no folding.
        if text.utf8.count == 2, text.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }), assigned.contains(text) {
            return text
        }
        let key = HeaderKey.normalized(text)
        if let code = names[key] { return code }
        if key.count == 2 {
            let code = key.uppercased()
            return assigned.contains(code) ? code : nil
        }
        return nil
    }

    /// Every assigned ISO 3166-1 alpha-2 code.
    static let assigned: Set<String> = Set("""
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
        BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
        EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
        HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
        LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
        NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
        SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
        TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Folded names and alpha-3 codes of the shops' countries and their neighbours.
    static let names: [String: String] = {
        let table: [String: [String]] = [
            "SE": ["SWE", "Sverige", "Zweden", "Suède", "Schweden", "Sweden"],
            "NL": ["NLD", "Nederländerna", "Nederland", "Pays-Bas", "Niederlande", "Netherlands", "Holland"],
            "BE": ["BEL", "Belgien", "België", "Belgique", "Belgium"],
            "FR": ["FRA", "Frankrike", "Frankrijk", "France", "Frankreich"],
            "DE": ["DEU", "Tyskland", "Duitsland", "Allemagne", "Deutschland", "Germany"],
            "GB": ["GBR", "UK", "Storbritannien", "Förenade kungariket", "England", "Verenigd Koninkrijk",
                   "Groot-Brittannië", "Royaume-Uni", "Grande-Bretagne", "Großbritannien", "Vereinigtes Königreich",
                   "United Kingdom", "Great Britain"],
            "DK": ["DNK", "Danmark", "Denemarken", "Danemark", "Dänemark", "Denmark"],
            "NO": ["NOR", "Norge", "Noorwegen", "Norvège", "Norwegen", "Norway"],
            "FI": ["FIN", "Finland", "Finlande", "Finnland", "Suomi"],
            "IS": ["ISL", "Island", "IJsland", "Islande", "Iceland"],
            "LU": ["LUX", "Luxemburg", "Luxembourg"],
            "AT": ["AUT", "Österrike", "Oostenrijk", "Autriche", "Österreich", "Austria"],
            "CH": ["CHE", "Schweiz", "Zwitserland", "Suisse", "Switzerland"],
            "IE": ["IRL", "Irland", "Ierland", "Irlande", "Ireland"],
            "ES": ["ESP", "Spanien", "Spanje", "Espagne", "Spain", "España"],
            "PT": ["PRT", "Portugal"],
            "IT": ["ITA", "Italien", "Italië", "Italie", "Italy", "Italia"],
            "PL": ["POL", "Polen", "Pologne", "Poland", "Polska"],
            "US": ["USA", "Förenta staterna", "Verenigde Staten", "États-Unis", "Vereinigte Staaten", "United States"],
        ]
        var names: [String: String] = [:]
        for (code, spellings) in table {
            for spelling in spellings { names[HeaderKey.normalized(spelling)] = code }
        }
        return names
    }()
}
