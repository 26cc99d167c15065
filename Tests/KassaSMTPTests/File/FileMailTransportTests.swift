import Foundation
import KassaCore
import KassaTesting
import Testing
@testable import KassaSMTP

@Suite("The file mail transport: one private .eml file per outbox row")
struct FileMailTransportTests {
    private static let sender = MailAddress("info@example.se", displayName: "Cykelbutiken")

    private static func message(_ customer: String, _ address: String, mailing: Int64? = 7) -> OutgoingMessage {
        OutgoingMessage(channel: .email, mailingID: mailing, customerNumber: customer, address: address,
                        content: RenderedMessage(text: "Hej kund \(customer)!", subject: "Till \(customer)"),
                        purpose: .transactional, idempotencyKey: "kassa-\(mailing.map(String.init) ?? "test")-\(customer)")
    }

    private static func transport(_ outbox: String) -> FileMailTransport {
        FileMailTransport(directory: outbox, from: sender)
    }

    /// The `.eml` files of mailing 7, by name.
    private static func files(_ outbox: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: outbox + "/mail/mailing-7")) ?? [])
            .filter { $0.hasSuffix(".eml") }.sorted()
    }

    /// The value of header `name` in the message at `path`.
    private static func header(_ name: String, in path: String) throws -> String? {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let line = text.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
        return line.map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
    }

    /// Sends `message` into a scratch outbox to learn the name its file gets.
    private static func fileName(of message: OutgoingMessage) throws -> String {
        let scratch = TemporaryDirectory()
        _ = transport(scratch.path).deliver(message) {}
        return try #require(files(scratch.path).first)
    }

    @Test("customer numbers that read alike as file names each get a file with their own message")
    func lookAlikeNumbers() throws {
        let outbox = TemporaryDirectory()
        let transport = Self.transport(outbox.path)
        let customers = [("A.1", "punkt@example.se"), ("A_1", "streck@example.se"), ("Åsa1", "asa@example.se"),
                         ("_sa1", "under@example.se"), ("b1", "litet@example.se"), ("B1", "stort@example.se")]
        var references: [String: String] = [:]
        for (number, address) in customers {
            let outcome = transport.deliver(Self.message(number, address)) {}
            guard case .sent(let reference?) = outcome else {
                Issue.record("customer \(number): \(outcome)")
                continue
            }
            references[address] = reference
        }
        let names = Self.files(outbox.path)
        #expect(names.count == customers.count, "\(names)")
        // Distinct on a disk that ignores case, too.
        #expect(Set(names.map { $0.lowercased() }).count == customers.count, "\(names)")
        var addressesSeen: [String] = []
        for name in names {
            let path = outbox.file("mail/mailing-7/\(name)")
            let to = try #require(try Self.header("To", in: path))
            let address = try #require(customers.map(\.1).first { to.contains("<\($0)>") || to == $0 }, "\(name): \(to)")
            addressesSeen.append(address)
            // The outbox row's reference is this very file's Message-ID.
            #expect(try Self.header("Message-ID", in: path) == "<\(references[address] ?? "?")>", "\(name)")
        }
        #expect(addressesSeen.sorted() == customers.map(\.1).sorted())
    }

    @Test("a resent message whose file is there already counts as sent and the file stays as it was")
    func sameMessageAgain() throws {
        let outbox = TemporaryDirectory()
        let message = Self.message("1001", "asa@example.se")
        guard case .sent = Self.transport(outbox.path).deliver(message, commit: {}) else {
            Issue.record("the first send was not sent")
            return
        }
        let name = try #require(Self.files(outbox.path).first)
        let first = try Data(contentsOf: URL(fileURLWithPath: outbox.file("mail/mailing-7/\(name)")))
        let again = Self.transport(outbox.path).deliver(message) {}
        guard case .sent(let reference?) = again else {
            Issue.record("the resend: \(again)")
            return
        }
        #expect(reference.contains("already in the outbox"))
        #expect(Self.files(outbox.path) == [name])
        #expect(try Data(contentsOf: URL(fileURLWithPath: outbox.file("mail/mailing-7/\(name)"))) == first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox.file("mail/mailing-7")) == [name])
    }

    @Test("a file of another message at the name is not taken for this one")
    func foreignFile() throws {
        let message = Self.message("A.1", "punkt@example.se")
        let name = try Self.fileName(of: message)
        // A file someone else put there, and another customer's message under this name
        // (which is what a disk that ignores case or a lossy name makes of two customers).
        let other = TemporaryDirectory()
        _ = Self.transport(other.path).deliver(Self.message("A_1", "streck@example.se")) {}
        let otherMessage = try String(contentsOfFile: other.file("mail/mailing-7/\(try #require(Self.files(other.path).first))"), encoding: .utf8)
        for foreign in ["From: someone@example.org\r\nSubject: not ours\r\n\r\nHello\r\n", otherMessage] {
            let outbox = TemporaryDirectory()
            let path = try outbox.write("mail/mailing-7/\(name)", foreign)
            let outcome = Self.transport(outbox.path).deliver(message) {}
            guard case .failed(let reason) = outcome else {
                Issue.record("a foreign file was taken for the message: \(outcome)")
                continue
            }
            #expect(reason.contains(path), "\(reason)")
            #expect(reason.contains("another message"), "\(reason)")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == foreign)
            #expect(try FileManager.default.contentsOfDirectory(atPath: outbox.file("mail/mailing-7")) == [name])
        }
    }

    @Test("files are readable by their owner alone, in folders only the owner can enter")
    func privateModes() throws {
        let shop = TemporaryDirectory()
        let outbox = shop.file("outbox")
        guard case .sent = Self.transport(outbox).deliver(Self.message("1001", "asa@example.se"), commit: {}) else {
            Issue.record("not sent")
            return
        }
        guard case .sent = Self.transport(outbox).deliver(Self.message("1001", "asa@example.se", mailing: nil), commit: {}) else {
            Issue.record("the test send was not sent")
            return
        }
        let name = try #require(Self.files(outbox).first)
        #expect(filePermissions(outbox + "/mail/mailing-7/" + name) == 0o600)
        let test = try #require(try FileManager.default.contentsOfDirectory(atPath: outbox + "/mail/test").first)
        #expect(filePermissions(outbox + "/mail/test/" + test) == 0o600)
        for folder in ["", "/mail", "/mail/mailing-7", "/mail/test"] {
            #expect(filePermissions(outbox + folder) == 0o700, "outbox\(folder)")
        }
    }

    @Test("a symbolic link planted at the file's name is refused, not followed")
    func plantedLink() throws {
        let message = Self.message("1001", "asa@example.se")
        let name = try Self.fileName(of: message)
        let outbox = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: outbox.file("mail/mailing-7"), withIntermediateDirectories: true)
        let target = outbox.file("elsewhere.eml")
        let link = outbox.file("mail/mailing-7/\(name)")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let outcome = Self.transport(outbox.path).deliver(message) {}
        guard case .failed(let reason) = outcome else {
            Issue.record("the link was taken for the message: \(outcome)")
            return
        }
        #expect(reason.contains(link) && reason.contains("symbolic link"), "\(reason)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
