/// How a customer is named to people: in lists, and in a message's To header.
extension Customer {
    /// First and last name, as far as they are known.
    public var personName: String {
        [firstName, lastName].compactMap { $0 }.joined(separator: " ")
    }

    /// "Åsa Öberg (Öbergs Cykel AB)", "Åsa Öberg" or "Öbergs Cykel AB": how lists show a
    /// customer ("Utskrift", `kassa select`).
    public var listName: String {
        let person = personName
        return company.map { person.isEmpty ? $0 : "\(person) (\($0))" } ?? person
    }

    /// "Åsa Öberg", or the company's name when there is no person's name: the display name
    /// of an e-mail's To header; `nil` when neither is known.
    public var recipientName: String? {
        let person = personName
        return person.isEmpty ? company : person
    }
}
