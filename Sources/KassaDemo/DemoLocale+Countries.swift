import KassaCore

/// The five countries of the demo register (SPEC §11: sv, nl, fr, de, en).
///
/// E-mail domains are all under names reserved for examples (RFC 2606: `.example`,
/// `example.com`, …), so demo mail can never reach a real mailbox. British mobiles use
/// Ofcom's range for drama (07700 900000–900999); the other countries' mobiles have the
/// real shape of their country and random digits, so they may belong to real people:
/// never send SMS to demo customers through a real gateway.
extension DemoLocale {
    static let all: [DemoLocale] = [sweden, netherlands, france, germany, britain]

    static let sweden = DemoLocale(
        country: "SE", language: "sv", weight: 35,
        femaleNames: names(["Åsa", "Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Emma", "Elin",
                            "Ingrid", "Märta", "Linnéa", "Maja", "Ebba", "Sofia", "Birgitta", "Agnes", "Signe"]),
        maleNames: names(["Lars", "Anders", "Johan", "Per", "Erik", "Karl", "Nils", "Björn", "Mikael", "Olof",
                          "Göran", "Åke", "Sven", "Oskar", "Hugo", "Jörgen", "Måns", "Gustav", "Ture"]),
        lastNames: names(["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
                          "Persson", "Svensson", "Gustafsson", "Pettersson", "Lindström", "Öberg", "Åkesson",
                          "Sjöberg", "Lindqvist", "Bergström", "Ekström", "Håkansson", "Strömberg", "Löfgren",
                          "Söderberg", "Wåhlin", "Björk"]),
        places: [
            Place(city: "Stockholm", postalCode: swedish(111, 118)),
            Place(city: "Göteborg", postalCode: swedish(411, 418)),
            Place(city: "Malmö", postalCode: swedish(211, 218)),
            Place(city: "Uppsala", postalCode: swedish(751, 754)),
            Place(city: "Linköping", postalCode: swedish(581, 589)),
            Place(city: "Örebro", postalCode: swedish(702, 703)),
            Place(city: "Västerås", postalCode: swedish(721, 725)),
            Place(city: "Umeå", postalCode: swedish(903, 907)),
            Place(city: "Lund", postalCode: swedish(222, 227)),
            Place(city: "Jönköping", postalCode: swedish(553, 556)),
            Place(city: "Gävle", postalCode: swedish(802, 806)),
        ],
        streets: ["Storgatan", "Drottninggatan", "Kungsgatan", "Sveavägen", "Götgatan", "Östra Långgatan",
                  "Västra Hamngatan", "Ringvägen", "Skolgatan", "Björkvägen", "Ekvägen", "Järnvägsgatan",
                  "Hantverkargatan", "Södra Förstadsgatan", "Åsgatan", "Fältvägen"],
        address: { street, number in "\(street) \(number)" },
        mobile: { random in "+467\(random.pick(["0", "2", "3", "6", "9"]))\(random.digits(7))" },
        mailDomains: ["telia.example", "bredband.example", "comhem.example", "example.com"],
        companyPatterns: ["{last}s Cykel AB", "{city} Bil & Motor AB", "Cykelverkstan i {city} AB",
                          "{last} Bygg AB", "Däckcentrum {city} AB"],
        invoiceMailbox: "faktura",
        brands: [
            "bike": [("Crescent", ["Elis", "Elda", "Alvar"]), ("Monark", ["Karin", "Esther"]),
                     ("Skeppshult", ["Nature", "Speed"])],
            "e-bike": [("Crescent", ["Elmer", "Elina"]), ("Monark", ["E-Karin"])],
            "car": [("Volvo", ["V60", "XC60", "XC90", "V70", "240"]), ("Saab", ["9-3", "9-5", "900"]),
                    ("Volkswagen", ["Golf", "Passat"]), ("Toyota", ["Corolla", "RAV4"])],
            "moped": [("Crescent", ["Compact"]), ("Yamaha", ["Aerox"])],
        ],
        plate: { random in
            // ABC 123, or ABC 12D since 2019.
            let last = random.percent(50) ? random.digits(1) : random.letters(1, from: plateLetters)
            return "\(random.letters(3, from: plateLetters)) \(random.digits(2))\(last)"
        })

    static let netherlands = DemoLocale(
        country: "NL", language: "nl", weight: 20,
        femaleNames: names(["Sanne", "Emma", "Anouk", "Femke", "Lotte", "Eva", "Fleur", "Sophie", "Julia", "Anke",
                            "Marieke", "Noor", "Saskia", "Mirjam", "Loïs", "Chloë", "Ilse", "Yvonne"]),
        maleNames: names(["Daan", "Bram", "Sem", "Lucas", "Thijs", "Jeroen", "Pieter", "Joost", "Maarten", "Ruud",
                          "Sander", "Wouter", "Bart", "Niels", "Jan", "Kees", "Gijs", "Teun"]),
        lastNames: names(["de Vries", "de Jong", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
                          "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "van den Berg",
                          "van der Meer", "Dekker", "Brouwer", "van Leeuwen", "Kuijpers", "IJzerman"]),
        places: [
            Place(city: "Amsterdam", postalCode: dutch(1011, 1109)),
            Place(city: "Rotterdam", postalCode: dutch(3011, 3089)),
            Place(city: "Den Haag", postalCode: dutch(2491, 2599)),
            Place(city: "Utrecht", postalCode: dutch(3511, 3585)),
            Place(city: "Eindhoven", postalCode: dutch(5611, 5658)),
            Place(city: "Groningen", postalCode: dutch(9711, 9747)),
            Place(city: "'s-Hertogenbosch", postalCode: dutch(5211, 5247)),
            Place(city: "Haarlem", postalCode: dutch(2011, 2037)),
            Place(city: "Zwolle", postalCode: dutch(8011, 8047)),
            Place(city: "Leiden", postalCode: dutch(2311, 2334)),
        ],
        streets: ["Kerkstraat", "Dorpsstraat", "Hoofdstraat", "Stationsweg", "Molenweg", "Schoolstraat",
                  "Julianastraat", "Beatrixlaan", "Prinsengracht", "Keizersgracht", "Oudegracht", "Coolsingel",
                  "Vondelstraat", "Wilhelminaplein"],
        address: { street, number in "\(street) \(number)" },
        mobile: { random in "+316\(random.digits(8))" },
        mailDomains: ["ziggo.example", "kpnmail.example", "xs4all.example", "example.net"],
        companyPatterns: ["{last} Fietsen B.V.", "Garage {last} B.V.", "Tweewielers {city} V.O.F.",
                          "Autobedrijf {last}"],
        invoiceMailbox: "facturen",
        brands: [
            "bike": [("Gazelle", ["Orange C7", "Chamonix", "Ultimate"]), ("Batavus", ["Finez", "Dinsdag"]),
                     ("Sparta", ["A-Shine", "Pick-Up"]), ("Cortina", ["U4", "E-U4"])],
            "e-bike": [("Gazelle", ["Grenoble C7", "Arroyo"]), ("Sparta", ["M7b", "c-Grid"]),
                       ("Stromer", ["ST1", "ST3"])],
            "car": [("Volkswagen", ["Polo", "Golf"]), ("Peugeot", ["208", "308"]), ("Opel", ["Corsa", "Astra"]),
                    ("Kia", ["Picanto", "Niro"])],
            "moped": [("Vespa", ["Primavera", "Sprint"]), ("Piaggio", ["Zip"])],
        ],
        plate: { random in
            "\(random.digits(2))-\(random.letters(3, from: plateLetters))-\(random.within(1...9))"
        })

    static let france = DemoLocale(
        country: "FR", language: "fr", weight: 15,
        femaleNames: names(["Émilie", "Camille", "Léa", "Chloé", "Manon", "Inès", "Céline", "Hélène", "Sophie",
                            "Marie", "Élodie", "Anaïs", "Zoé", "Maëlle", "Océane", "Nathalie", "Béatrice",
                            "Geneviève"]),
        maleNames: names(["Jean", "Pierre", "François", "Louis", "Hugo", "Théo", "Julien", "Nicolas", "Stéphane",
                          "Jérôme", "Frédéric", "Sébastien", "Noël", "Gaël", "Raphaël", "Benoît", "Loïc"]),
        lastNames: names(["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
                          "Leroy", "Moreau", "Lefèvre", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
                          "Rousseau", "Mercier", "Faure", "Chevalier", "Gauthier", "Bélanger"]),
        places: [
            Place(city: "Paris", postalCode: numeric(75001, 75020)),
            Place(city: "Lyon", postalCode: numeric(69001, 69009)),
            Place(city: "Marseille", postalCode: numeric(13001, 13016)),
            Place(city: "Toulouse", postalCode: oneOf(["31000", "31100", "31200", "31300", "31400", "31500"])),
            Place(city: "Nice", postalCode: oneOf(["06000", "06100", "06200", "06300"])),
            Place(city: "Nantes", postalCode: oneOf(["44000", "44100", "44200", "44300"])),
            Place(city: "Bordeaux", postalCode: oneOf(["33000", "33100", "33200", "33300", "33800"])),
            Place(city: "Lille", postalCode: oneOf(["59000", "59160", "59260", "59777", "59800"])),
            Place(city: "Strasbourg", postalCode: oneOf(["67000", "67100", "67200"])),
            Place(city: "Besançon", postalCode: oneOf(["25000"])),
            Place(city: "Orléans", postalCode: oneOf(["45000", "45100"])),
            Place(city: "Nîmes", postalCode: oneOf(["30000", "30900"])),
        ],
        streets: ["rue de la République", "rue Victor Hugo", "avenue Jean Jaurès", "boulevard Saint-Michel",
                  "rue de la Paix", "rue Pasteur", "place de l'Église", "rue du Général Leclerc",
                  "chemin des Écoliers", "allée des Tilleuls", "rue Émile Zola", "quai des Chartrons"],
        address: { street, number in "\(number) \(street)" },
        mobile: { random in "+33\(random.pick(["6", "7"]))\(random.digits(8))" },
        mailDomains: ["orange.example", "free.example", "laposte.example", "example.org"],
        companyPatterns: ["Garage {last} SARL", "Cycles {last} SAS", "Transports {last} & Fils",
                          "Carrosserie de {city}"],
        invoiceMailbox: "factures",
        brands: [
            "bike": [("Peugeot", ["LC01", "LR01"]), ("Lapierre", ["Shaper", "Trekking"]),
                     ("Btwin", ["Elops 520", "Riverside"])],
            "e-bike": [("Peugeot", ["eC01", "eT01"]), ("Moustache", ["Samedi", "Lundi"])],
            "car": [("Renault", ["Clio", "Mégane", "Zoé"]), ("Peugeot", ["208", "308", "3008"]),
                    ("Citroën", ["C3", "C4", "Berlingo"]), ("Dacia", ["Sandero", "Duster"])],
            "moped": [("Peugeot", ["Kisbee", "Django"]), ("MBK", ["Booster"])],
        ],
        plate: { random in
            "\(random.letters(2, from: plateLetters))-\(random.digits(3))-\(random.letters(2, from: plateLetters))"
        })

    static let germany = DemoLocale(
        country: "DE", language: "de", weight: 20,
        femaleNames: names(["Anna", "Lena", "Julia", "Sophie", "Marie", "Laura", "Jana", "Ursula", "Brigitte",
                            "Käthe", "Sabine", "Gisela", "Monika", "Hannah", "Franziska", "Jutta", "Lotte"],
                           umlautsAsE: true),
        maleNames: names(["Jürgen", "Günter", "Klaus", "Hans", "Peter", "Stefan", "Thomas", "Michael", "Andreas",
                          "Jörg", "Uwe", "Matthias", "Lukas", "Felix", "Jonas", "Sören", "Maximilian"],
                         umlautsAsE: true),
        lastNames: names(["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                          "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
                          "Schröder", "Neumann", "Zimmermann", "Krüger", "Weiß", "Köhler", "Groß", "Jäger",
                          "Böhm"], umlautsAsE: true),
        places: [
            Place(city: "Berlin", postalCode: numeric(10115, 14199)),
            Place(city: "Hamburg", postalCode: numeric(20095, 22769)),
            Place(city: "München", postalCode: numeric(80331, 81929)),
            Place(city: "Köln", postalCode: numeric(50667, 51149)),
            Place(city: "Frankfurt am Main", postalCode: numeric(60306, 60599)),
            Place(city: "Stuttgart", postalCode: numeric(70173, 70629)),
            Place(city: "Düsseldorf", postalCode: numeric(40210, 40629)),
            Place(city: "Leipzig", postalCode: numeric(4103, 4357)),
            Place(city: "Dresden", postalCode: numeric(1067, 1326)),
            Place(city: "Nürnberg", postalCode: numeric(90402, 90491)),
            Place(city: "Freiburg im Breisgau", postalCode: numeric(79098, 79117)),
        ],
        streets: ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Dorfstraße", "Bergstraße",
                  "Lindenstraße", "Kirchweg", "Goethestraße", "Schillerstraße", "Mühlenweg", "Am Marktplatz",
                  "Königsallee", "Friedrichstraße", "Münchner Straße"],
        address: { street, number in "\(street) \(number)" },
        mobile: { random in
            random.percent(50)
                ? "+491\(random.pick(["51", "52", "57", "59"]))\(random.digits(8))"
                : "+491\(random.pick(["60", "62", "70", "71", "72", "75", "76", "77", "78", "79"]))\(random.digits(7))"
        },
        mailDomains: ["web.example", "gmx.example", "t-online.example", "example.com"],
        companyPatterns: ["{last} GmbH", "Autohaus {last} GmbH", "Fahrradladen {last} KG",
                          "Zweirad-Center {city}"],
        invoiceMailbox: "rechnung",
        brands: [
            "bike": [("Cube", ["Kathmandu", "Touring", "Aim"]), ("Kalkhoff", ["Endeavour", "Agattu"]),
                     ("Canyon", ["Commuter", "Endurace"])],
            "e-bike": [("Kalkhoff", ["Image 5", "Entice"]), ("Riese & Müller", ["Nevo", "Load"]),
                       ("Cube", ["Nuride Hybrid"])],
            "car": [("Volkswagen", ["Golf", "Polo", "Passat", "ID.3"]), ("BMW", ["3er", "X1", "i3"]),
                    ("Mercedes-Benz", ["A-Klasse", "C-Klasse"]), ("Opel", ["Corsa", "Astra"]),
                    ("Škoda", ["Octavia", "Fabia"])],
            "moped": [("Simson", ["S51", "Schwalbe"]), ("Kreidler", ["Florett"])],
        ],
        plate: { random in
            let district = random.pick(["B", "HH", "M", "K", "F", "S", "D", "L", "DD", "N", "FR"])
            return "\(district)-\(random.letters(2, from: plateLetters)) \(random.within(1...9999))"
        })

    static let britain = DemoLocale(
        country: "GB", language: "en", weight: 10,
        femaleNames: names(["Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Charlotte", "Jessica",
                            "Hannah", "Chloe", "Lucy", "Ellie", "Sarah", "Margaret", "Elizabeth", "Siobhan",
                            "Niamh"]),
        maleNames: names(["Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "James", "William", "Oscar",
                          "Alfie", "Henry", "Edward", "David", "Richard", "Andrew", "Callum", "Rhys", "Eoin"]),
        lastNames: names(["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson",
                          "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White",
                          "Edwards", "Hughes", "Green", "Hall", "O'Brien", "McDonald", "Clarke", "Patel"]),
        places: [
            Place(city: "London", postalCode: british(["SW1A", "SW3", "SE1", "N1", "E1", "W1A", "NW3", "EC1A",
                                                        "WC2N"])),
            Place(city: "Manchester", postalCode: british(["M1", "M2", "M4", "M14", "M20"])),
            Place(city: "Birmingham", postalCode: british(["B1", "B2", "B15", "B29"])),
            Place(city: "Leeds", postalCode: british(["LS1", "LS2", "LS6"])),
            Place(city: "Bristol", postalCode: british(["BS1", "BS8"])),
            Place(city: "Edinburgh", postalCode: british(["EH1", "EH2", "EH3"])),
            Place(city: "Glasgow", postalCode: british(["G1", "G2", "G12"])),
            Place(city: "Oxford", postalCode: british(["OX1", "OX2", "OX4"])),
            Place(city: "Cambridge", postalCode: british(["CB1", "CB2", "CB4"])),
            Place(city: "York", postalCode: british(["YO1", "YO10"])),
            Place(city: "Brighton", postalCode: british(["BN1", "BN2"])),
        ],
        streets: ["High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road",
                  "Park Avenue", "Queen's Road", "King Street", "Mill Lane", "The Crescent", "Baker Street",
                  "Abbey Road"],
        address: { street, number in "\(number) \(street)" },
        mobile: { random in "+447700900\(random.digits(3))" },
        mailDomains: ["btinternet.example", "sky.example", "example.org"],
        companyPatterns: ["{last} & Sons Ltd", "{city} Cycles Ltd", "{last} Motors Ltd", "The {city} Bike Shop"],
        invoiceMailbox: "accounts",
        brands: [
            "bike": [("Raleigh", ["Pioneer", "Chopper", "Motus"]), ("Brompton", ["C Line", "P Line"]),
                     ("Pashley", ["Britannia", "Roadster"])],
            "e-bike": [("Raleigh", ["Motus Grand Tour"]), ("Brompton", ["Electric C Line"])],
            "car": [("Vauxhall", ["Corsa", "Astra"]), ("Ford", ["Fiesta", "Focus", "Puma"]),
                    ("Land Rover", ["Defender", "Discovery"]), ("Mini", ["Cooper", "Countryman"])],
            "moped": [("Honda", ["Vision", "PCX"]), ("Lambretta", ["V125"])],
        ],
        plate: { random in
            "\(random.letters(2, from: plateLetters))\(random.within(51...74)) \(random.letters(3, from: plateLetters))"
        })
}
