import KassaCore

extension CustomerColumn {
    /// The column a header names, recognised in Swedish, Dutch, French, German and English,
    /// ignoring case, accents, spaces and punctuation ("N° client", "Kund-nr", "E-post").
    /// Also recognises every target name (`first_name`, `vehicle_plate`) and `attrs.KEY`.
    /// `nil` for a header it does not know (the importer keeps such columns as attributes).
    public init?(recognizing header: String) {
        let trimmed = header.trimmingWhitespace()
        if trimmed.lowercased().hasPrefix(Self.attributePrefix), trimmed.count > Self.attributePrefix.count {
            self = .attribute(String(trimmed.dropFirst(Self.attributePrefix.count)))
            return
        }
        guard let known = Self.knownHeaders[HeaderKey.normalized(trimmed)] else { return nil }
        self = known
    }

    /// Header spellings per column. Written as exports spell them; folded when the table is built.
    /// A word that means different things in different languages is left out ("Naam" is a
    /// full name in Dutch, "Nom" a surname in French: those map to last_name only where the
    /// meaning is certain) — see the documentation of the importer for the choices.
    static let headerSpellings: [(CustomerColumn, [String])] = [
        (.field(.number), [
            "Kundnr", "Kund-nr", "Kundnummer", "Kund nr", "Kund-id", "Kundid",
            "Klantnummer", "Klantnr", "Klant-nr", "Klantcode", "Klant id", "Relatienummer", "Debiteurnummer",
            "N° client", "Nº client", "No client", "Numéro client", "Numéro de client", "Num client", "Code client",
            "Réf client", "Référence client",
            "Kundennummer", "Kunden-Nr", "Kundennr", "Kunden-ID", "Kd-Nr",
            "Customer number", "Customer no", "Customer nr", "Customer ID", "Client number", "Client ID",
            "Account number",
        ]),
        (.field(.firstName), [
            "Förnamn", "Tilltalsnamn", "Voornaam", "Roepnaam", "Prénom", "Vorname", "Rufname",
            "First name", "Firstname", "Given name", "Forename",
        ]),
        (.field(.lastName), [
            "Efternamn", "Achternaam", "Familienaam", "Nom", "Nom de famille", "Nachname", "Familienname",
            "Last name", "Lastname", "Surname", "Family name",
        ]),
        (.field(.company), [
            "Företag", "Företagsnamn", "Firma", "Firmanamn", "Bedrijf", "Bedrijfsnaam", "Firmanaam",
            "Société", "Entreprise", "Raison sociale", "Firmenname", "Unternehmen",
            "Company", "Company name", "Organisation", "Organization",
        ]),
        (.field(.isCompany), [
            "Företagskund", "Är företag", "Juridisk person", "Is bedrijf", "Zakelijk", "Zakelijke klant", "Bedrijfsklant",
            "Professionnel", "Client professionnel", "Est une entreprise", "Firmenkunde", "Geschäftskunde", "Ist Firma",
            "Is company", "Business customer", "Company customer",
        ]),
        (.field(.email), [
            "E-post", "Epost", "E-postadress", "Mejl", "Mejladress", "Mail",
            "E-mail", "Email", "E-mailadres", "Emailadres", "Mailadres",
            "Courriel", "Adresse e-mail", "Adresse mail", "Mél",
            "E-Mail-Adresse", "Emailadresse",
            "E-mail address", "Email address",
        ]),
        (.field(.billingEmail), [
            "Faktura e-post", "E-post faktura", "Fakturamejl", "Ekonomi e-post",
            "Factuur e-mail", "E-mail factuur", "Factuuradres e-mail", "E-mail facturatie", "Financieel e-mail",
            "E-mail facturation", "Courriel facturation", "Adresse e-mail de facturation", "E-mail financier",
            "Rechnungs-E-Mail", "E-Mail Rechnung", "Rechnungsmail", "E-Mail Buchhaltung",
            "Billing e-mail", "Billing email", "Invoice e-mail", "Invoice email", "Financial e-mail",
        ]),
        (.field(.contactEmails), [
            "Kontakt e-post", "Övriga e-postadresser", "Kontaktpersoner e-post",
            "Contact e-mail", "Contact e-mails", "Overige e-mailadressen",
            "E-mails contacts", "Courriels contacts", "Autres e-mails",
            "Kontakt-E-Mail", "Weitere E-Mails",
            "Contact emails", "Other emails", "Extra emails",
        ]),
        (.field(.mobile), [
            "Mobil", "Mobilnr", "Mobilnummer", "Mobiltelefon", "Mobiltelefonnummer", "Mobiltfn", "Mobiltel",
            "Mobiel", "Mobielnummer", "Mobiel nummer", "Mobiele telefoon", "Mobiel telefoonnummer", "GSM", "GSM-nummer",
            "Portable", "Tél portable", "Téléphone portable", "Tél. mobile", "Numéro de portable", "Numéro de mobile",
            "Handy", "Handynummer", "Mobilfunknummer", "Mobilnummer",
            "Mobile", "Mobile phone", "Mobile number", "Cell", "Cell phone", "Cellphone",
        ]),
        (.field(.street), [
            "Gatuadress", "Adress", "Gata", "Utdelningsadress", "Postadress",
            "Straat", "Adres", "Straat en huisnummer", "Straatnaam",
            "Rue", "Adresse", "Adresse 1", "Voie",
            "Straße", "Strasse", "Anschrift", "Straße und Hausnummer",
            "Street", "Address", "Street address", "Address 1", "Address line 1",
        ]),
        (.field(.postalCode), [
            "Postnummer", "Postnr", "Post nr", "Postcode", "Code postal", "CP", "PLZ", "Postleitzahl",
            "Postal code", "Zip", "Zip code", "Postcode/ZIP",
        ]),
        (.field(.city), [
            "Ort", "Postort", "Stad", "Plaats", "Woonplaats", "Ville", "Localité", "Commune",
            "Stadt", "Wohnort", "City", "Town", "Locality",
        ]),
        (.field(.country), [
            "Land", "Landskod", "Landcode", "Pays", "Code pays", "Länderkennzeichen", "Country", "Country code",
        ]),
        (.field(.family), [
            "Kundfamilj", "Familj", "Kundgrupp", "Klantfamilie", "Klantgroep", "Famille", "Famille client",
            "Groupe client", "Kundenfamilie", "Kundengruppe", "Family", "Customer family", "Customer group",
        ]),
        (.field(.type), [
            "Kundtyp", "Typ", "Klanttype", "Soort klant", "Type", "Type client", "Type de client", "Kundentyp",
            "Kundenart", "Customer type",
        ]),
        (.field(.category), [
            "Kategori", "Kundkategori", "Categorie", "Klantcategorie", "Catégorie", "Catégorie client",
            "Kategorie", "Kundenkategorie", "Category", "Customer category",
        ]),
        (.field(.points), [
            "Poäng", "Bonuspoäng", "Kundpoäng", "Punten", "Spaarpunten", "Klantpunten",
            "Points", "Points fidélité", "Points de fidélité", "Punkte", "Bonuspunkte", "Treuepunkte",
            "Loyalty points", "Bonus points",
        ]),
        (.field(.turnoverGroup), [
            "Omsättningsgrupp", "Omzetgroep", "Groupe de chiffre d'affaires", "Groupe CA", "Umsatzgruppe",
            "Turnover group", "Sales group",
        ]),
        (.field(.newsletter), [
            "Nyhetsbrev", "Nyhetsutskick", "Godkänd nyhetsutskick", "Samtycke",
            "Nieuwsbrief", "Mailing toegestaan", "Toestemming nieuwsbrief",
            "Accepte les emails promotionnels", "Accepte les e-mails promotionnels", "Newsletter",
            "Lettre d'information", "Infolettre", "Emails promotionnels",
            "Newsletter-Einwilligung", "Werbeeinwilligung",
            "Marketing consent", "Consent", "Opt-in", "Opt in",
        ]),
        (.field(.newsletterAt), [
            "Nyhetsbrev datum", "Samtycke datum", "Datum samtycke",
            "Nieuwsbrief datum", "Datum toestemming",
            "Date newsletter", "Date de consentement", "Date d'acceptation",
            "Newsletter Datum", "Einwilligungsdatum", "Datum Einwilligung",
            "Newsletter date", "Consent date", "Opt-in date", "Newsletter at",
        ]),
        (.field(.receivesStatusMails), [
            "Statusmejl", "Orderstatusmejl", "Statusmail", "Statusmails", "Orderstatus mail", "Klantstatusmail",
            "Mails de statut", "E-mails de statut", "Statusbenachrichtigung", "Status-E-Mails",
            "Status mails", "Status emails", "Order status mails", "Receives status mails",
        ]),
        (.field(.lastVisit), [
            "Senaste besök", "Senast besökt", "Sista besök", "Laatste bezoek", "Dernière visite",
            "Letzter Besuch", "Last visit", "Last visited",
        ]),
        (.vehicle(.type), [
            "Fordonstyp", "Fordon", "Voertuigtype", "Type voertuig", "Voertuig",
            "Type de véhicule", "Véhicule", "Fahrzeugtyp", "Fahrzeugart", "Fahrzeug",
            "Vehicle type", "Vehicle",
        ]),
        (.vehicle(.brand), [
            "Märke", "Fabrikat", "Fordonsmärke", "Merk", "Marque", "Marke", "Fahrzeugmarke", "Hersteller",
            "Brand", "Make", "Vehicle brand",
        ]),
        (.vehicle(.model), [
            "Modell", "Fordonsmodell", "Model", "Modèle", "Fahrzeugmodell", "Vehicle model",
        ]),
        (.vehicle(.plate), [
            "Regnr", "Reg-nr", "Reg.nr", "Registreringsnummer", "Kenteken", "Kentekennummer", "Nummerplaat",
            "Immatriculation", "Plaque", "N° d'immatriculation", "Kennzeichen", "Amtliches Kennzeichen",
            "Nummernschild", "Plate", "License plate", "Licence plate", "Number plate", "Registration",
            "Registration number",
        ]),
    ]

    /// Folded header → column, built from `headerSpellings` and the target names.
    static let knownHeaders: [String: CustomerColumn] = {
        var table: [String: CustomerColumn] = [:]
        for field in Customer.Field.allCases { table[HeaderKey.normalized(field.rawValue)] = .field(field) }
        for vehicle in VehicleField.allCases { table[HeaderKey.normalized(vehicle.rawValue)] = .vehicle(vehicle) }
        for (column, spellings) in headerSpellings {
            for spelling in spellings {
                let key = HeaderKey.normalized(spelling)
                // A spelling claimed twice would make recognition depend on table order.
                assert(table[key] == nil || table[key] == column, "header \(spelling) maps to \(table[key]!) and \(column)")
                table[key] = column
            }
        }
        return table
    }()
}
