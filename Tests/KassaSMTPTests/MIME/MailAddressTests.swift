import Testing
@testable import KassaSMTP

@Suite("Mail addresses")
struct MailAddressTests {
    @Test("The usual ways to write a mailbox", arguments: [
        ("info@example.se", nil, "info@example.se"),
        ("<info@example.se>", nil, "info@example.se"),
        ("Cykelbutiken <info@example.se>", "Cykelbutiken", "info@example.se"),
        ("  Åsa Öberg   <asa@example.se> ", "Åsa Öberg", "asa@example.se"),
        ("\"Berg, Anna \\\"AB\\\"\" <anna@example.se>", "Berg, Anna \"AB\"", "anna@example.se"),
    ])
    func parsing(text: String, name: String?, address: String) throws {
        let mailbox = try MailAddress(parsing: text)
        #expect(mailbox.displayName == name)
        #expect(mailbox.address == address)
    }

    @Test("Addresses that are not local@domain are refused, naming the input", arguments: [
        "", "info", "@example.se", "info@", "a b@example.se", "a@b@c", "Shop <info@example..se>", "a,b@example.se",
    ])
    func invalid(text: String) {
        do {
            _ = try MailAddress(parsing: text)
            Issue.record("\(text.debugDescription) was accepted")
        } catch {
            #expect(error.code == .invalidAddress)
            #expect(error.message.contains("\"\(text)\""))
        }
    }
}
