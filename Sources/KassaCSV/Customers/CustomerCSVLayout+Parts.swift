import KassaCore

extension CustomerCSVLayout {
    /// What importing this file writes over a customer who is already in the register.
    ///
    /// By default, what the file carries and nothing else, so that a file never erases
    /// what it does not hold: the fields its columns fill, the vehicles when it has a
    /// vehicle column (a customer's vehicles are then those of the file, one per row), the
    /// contact addresses when it has a contact column, and the attributes it has columns
    /// for, key by key (an empty cell removes that attribute; the customer's other
    /// attributes stay). Consent stays unless the file has the consent column; see
    /// `CustomerParts` for its time.
    ///
    /// `replacing` overwrites whole customers, as the file has them: every field, the
    /// vehicles, the contact addresses and all attributes, emptied where the file has no
    /// column. Two things are still never emptied by a file that cannot hold them: the
    /// points, unless the file has a points column, and the cards, which no column holds
    /// (a card ordered from the card service has a record there).
    public func parts(replacing: Bool = false) -> CustomerParts {
        var fields: Set<Customer.Field> = [.number]
        var vehicles = false
        var attributeKeys: Set<String> = []
        for column in columns {
            switch column {
            case .field(let field): fields.insert(field)
            case .vehicle: vehicles = true
            case .attribute(let key): attributeKeys.insert(key)
            case .ignored: break
            }
        }
        guard replacing else {
            return CustomerParts(fields: fields, vehicles: vehicles, attributes: .keys(attributeKeys))
        }
        var everything = Set(Customer.Field.allCases)
        if !fields.contains(.points) { everything.remove(.points) }
        return CustomerParts(fields: everything, vehicles: true, cards: false, attributes: .all)
    }
}
