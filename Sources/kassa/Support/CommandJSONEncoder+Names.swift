import KassaCore

// One name per concept in every `--json` output: `number` is the customer number wherever
// it appears (other numbers say whose: `card_number`, `cheque_number`), and a customer's
// own attributes are `attrs`, as `c.attrs` in Lua.

extension Customer: JSONKeyRenaming {
    static let jsonKeys = ["attributes": "attrs"]
}

extension OutboxEntry: JSONKeyRenaming {
    static let jsonKeys = ["customer": "number"]
}

extension MailingPreview.Message: JSONKeyRenaming {
    static let jsonKeys = ["customer": "number"]
}

extension IssuedCheque: JSONKeyRenaming {
    static let jsonKeys = ["number": "cheque_number", "customer_number": "number"]
}

extension ChequePreview.Entry: JSONKeyRenaming {
    static let jsonKeys = ["customer_number": "number"]
}

extension ChequeAward: JSONKeyRenaming {
    static let jsonKeys = ["customer_number": "number"]
}

extension RemainingCheque: JSONKeyRenaming {
    static let jsonKeys = ["customer_number": "number"]
}

extension CardOrder: JSONKeyRenaming {
    static let jsonKeys = ["customer_number": "number"]
}

extension CustomerCard: JSONKeyRenaming {
    static let jsonKeys = ["number": "card_number"]
}
