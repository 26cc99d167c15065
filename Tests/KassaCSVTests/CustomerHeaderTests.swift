import KassaCore
import Testing
@testable import KassaCSV

@Suite struct CustomerHeaderTests {
    /// The same export, with its header in each of the five languages.
    static let headers: [(language: String, header: [String])] = [
        ("sv", ["Kundnr", "Förnamn", "Efternamn", "Företag", "E-post", "Mobil", "Gatuadress", "Postnummer", "Ort",
                "Land", "Kundgrupp", "Kundtyp", "Kategori", "Poäng", "Omsättningsgrupp", "Nyhetsbrev",
                "Senaste besök", "Fordonstyp", "Märke", "Modell", "Regnr"]),
        ("nl", ["Klantnummer", "Voornaam", "Achternaam", "Bedrijf", "E-mailadres", "Mobiel", "Straat", "Postcode", "Plaats",
                "Land", "Klantgroep", "Klanttype", "Categorie", "Punten", "Omzetgroep", "Nieuwsbrief",
                "Laatste bezoek", "Voertuigtype", "Merk", "Model", "Kenteken"]),
        ("fr", ["N° client", "Prénom", "Nom", "Société", "Courriel", "Portable", "Adresse", "Code postal", "Ville",
                "Pays", "Famille client", "Type client", "Catégorie", "Points fidélité", "Groupe CA",
                "Accepte les emails promotionnels", "Dernière visite", "Type de véhicule", "Marque", "Modèle",
                "Immatriculation"]),
        ("de", ["Kundennummer", "Vorname", "Nachname", "Firma", "E-Mail", "Handy", "Straße", "PLZ", "Ort",
                "Land", "Kundengruppe", "Kundentyp", "Kategorie", "Punkte", "Umsatzgruppe", "Newsletter",
                "Letzter Besuch", "Fahrzeugtyp", "Marke", "Modell", "Kennzeichen"]),
        ("en", ["Customer number", "First name", "Last name", "Company", "E-mail", "Mobile", "Street", "Postal code",
                "City", "Country", "Customer group", "Customer type", "Category", "Loyalty points", "Turnover group",
                "Newsletter", "Last visit", "Vehicle type", "Brand", "Model", "Plate"]),
    ]

    static let expectedColumns: [CustomerColumn] = [
        .field(.number), .field(.firstName), .field(.lastName), .field(.company), .field(.email), .field(.mobile),
        .field(.street), .field(.postalCode), .field(.city), .field(.country), .field(.family), .field(.type),
        .field(.category), .field(.points), .field(.turnoverGroup), .field(.newsletter), .field(.lastVisit),
        .vehicle(.type), .vehicle(.brand), .vehicle(.model), .vehicle(.plate),
    ]

    @Test(arguments: headers.map(\.language))
    func recognisesTheHeadersOfEachLanguage(language: String) throws {
        let header = try #require(Self.headers.first { $0.language == language }).header
        let layout = try CustomerCSVLayout(header: header)
        #expect(layout.columns == Self.expectedColumns)
    }

    @Test func ignoresCaseAccentsAndPunctuation() {
        let spellings: [(String, CustomerColumn)] = [
            ("KUND-NR", .field(.number)), ("kund nr", .field(.number)), ("Kund_nr.", .field(.number)),
            ("Nº client", .field(.number)), ("numero client", .field(.number)), ("E-POST", .field(.email)),
            ("email", .field(.email)), ("  E-mail  ", .field(.email)), ("postnummer", .field(.postalCode)),
            ("Code Postal", .field(.postalCode)), ("GSM", .field(.mobile)), ("poang", .field(.points)),
            ("PUNTEN", .field(.points)), ("Strasse", .field(.street)), ("Reg.nr", .vehicle(.plate)),
            ("OMZETGROEP", .field(.turnoverGroup)), ("accepte les e-mails promotionnels", .field(.newsletter)),
        ]
        for (header, column) in spellings {
            #expect(CustomerColumn(recognizing: header) == column, "\(header)")
        }
    }

    @Test func everyTargetNameIsRecognisedAsAHeader() {
        for field in Customer.Field.allCases {
            #expect(CustomerColumn(recognizing: field.rawValue) == .field(field))
            #expect(CustomerColumn(target: field.rawValue) == .field(field))
        }
        for vehicle in CustomerColumn.VehicleField.allCases {
            #expect(CustomerColumn(recognizing: vehicle.rawValue) == .vehicle(vehicle))
        }
        #expect(CustomerColumn(recognizing: "attrs.Födelsedag") == .attribute("Födelsedag"))
    }

    @Test func headerSpellingsNeverClaimTwoColumns() {
        var seen: [String: CustomerColumn] = [:]
        for (column, spellings) in CustomerColumn.headerSpellings {
            for spelling in spellings {
                let key = HeaderKey.normalized(spelling)
                #expect(!key.isEmpty, "\(spelling)")
                if let earlier = seen[key] { #expect(earlier == column, "\(spelling)") }
                seen[key] = column
            }
        }
    }

    @Test func unknownColumnsBecomeAttributesAndEmptyHeadersAreIgnored() throws {
        let layout = try CustomerCSVLayout(header: ["Kundnr", "Födelsedag", "", " Skostorlek "])
        #expect(layout.columns == [.field(.number), .attribute("Födelsedag"), .ignored, .attribute("Skostorlek")])
    }

    @Test func mappingsOverrideRecognition() throws {
        let layout = try CustomerCSVLayout(
            header: ["Id", "Namn", "Telefon", "Land"],
            mappings: [
                CustomerColumnMapping(parsing: "Id=number"),
                CustomerColumnMapping(parsing: "namn=last_name"),       // matched ignoring case
                CustomerColumnMapping(parsing: "Telefon = mobile"),
                CustomerColumnMapping(parsing: "Land=attrs.Hemland"),
            ])
        #expect(layout.columns == [.field(.number), .field(.lastName), .field(.mobile), .attribute("Hemland")])
    }

    @Test func mappingCanResolveADuplicate() throws {
        #expect(throws: CSVError.self) { try CustomerCSVLayout(header: ["Kundnr", "E-post", "E-mail"]) }
        let layout = try CustomerCSVLayout(header: ["Kundnr", "E-post", "E-mail"],
                                           mappings: [CustomerColumnMapping(parsing: "E-mail=billing_email")])
        #expect(layout.columns == [.field(.number), .field(.email), .field(.billingEmail)])
        let ignored = try CustomerCSVLayout(header: ["Kundnr", "E-post", "E-mail"],
                                            mappings: [CustomerColumnMapping(parsing: "E-mail=ignore")])
        #expect(ignored.columns[2] == .ignored)
    }

    @Test func contactEmailsMayComeFromSeveralColumns() throws {
        let layout = try CustomerCSVLayout(header: ["Kundnr", "Contact e-mail", "Kontakt e-post"])
        #expect(layout.columns == [.field(.number), .field(.contactEmails), .field(.contactEmails)])
    }

    @Test func layoutErrorsNameTheProblem() {
        func error(_ header: [String], _ mappings: [String] = []) -> CSVError? {
            do {
                _ = try CustomerCSVLayout(header: header, mappings: mappings.map(CustomerColumnMapping.init(parsing:)),
                                          fileName: "kunder.csv")
                return nil
            } catch {
                return error as? CSVError
            }
        }
        let duplicate = error(["Kundnr", "E-post", "E-mail"])
        #expect(duplicate?.code == .duplicateColumn)
        #expect(duplicate?.description == "kunder.csv:1: column \"E-mail\": fills email, as column \"E-post\" does; keep one with --map (e.g. --map \"E-mail=ignore\")")
        let missing = error(["Förnamn", "Efternamn"])
        #expect(missing?.code == .missingColumn)
        #expect(missing?.description.hasPrefix("kunder.csv:1: no column holds the customer number") == true)
        let unknownColumn = error(["Kundnr"], ["Telefon=mobile"])
        #expect(unknownColumn?.code == .invalidMapping)
        #expect(unknownColumn?.description == "kunder.csv:1: --map names the column \"Telefon\", which the file does not have (its columns: \"Kundnr\")")
        let sameAttribute = error(["Kundnr", "Note", "Note"])
        #expect(sameAttribute?.code == .duplicateColumn)
    }

    @Test func malformedMappingsAreRefused() {
        for text in ["Kundnr", "=number", "Kundnr=phone"] {
            #expect(throws: CSVError.self, "\(text)") { try CustomerColumnMapping(parsing: text) }
        }
        do {
            _ = try CustomerColumnMapping(parsing: "Kundnr=phone")
        } catch let error as CSVError {
            #expect(error.code == .invalidMapping)
            #expect(error.description.hasPrefix("--map: \"phone\" is not a customer field; use one of number, first_name"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
