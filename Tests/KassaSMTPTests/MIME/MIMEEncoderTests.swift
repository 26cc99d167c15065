import KassaTesting
import Foundation
import Testing
@testable import KassaSMTP

@Suite("MIME encoder: whole messages, decoded back")
struct MIMEEncoderTests {
    static let stockholm = TimeZone(identifier: "Europe/Stockholm")!
    static let date = Date(timeIntervalSince1970: 1_771_020_309)
    static let pdf: [UInt8] = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }

    static let subject = "Välkommen till vårens stora cykelrea – nu med ännu fler erbjudanden för dig som är medlem i kundklubben!"
    static let text = "Hej Åsa!\n\nVi har rea på allt i butiken. " + String(repeating: "Långa rader ska brytas mjukt. ", count: 9)
        + "\n.\nEn rad som slutar med mellanslag  \nFrom the start\n=3D är inte kodat\n\nHälsningar\nCykelbutiken\n"
    static let html = "<html><body><p>Hej Åsa!</p><p>" + String(repeating: "Rea på cyklar = glädje. ", count: 12) + "</p></body></html>"

    static func fullMessage() throws -> MailMessage {
        MailMessage(
            from: try MailAddress(parsing: "Cykelbutiken i Växjö <info@example.se>"),
            to: [MailAddress("asa@example.se", displayName: "Åsa Öberg")],
            replyTo: MailAddress("kundtjanst@example.se", displayName: "Kundtjänst"),
            subject: subject,
            text: text,
            html: html,
            attachments: [
                MailAttachment(filename: "Kvitto för Åsa.pdf", contentType: "application/pdf", data: pdf),
                MailAttachment(filename: "villkor.txt", contentType: "text/plain", data: Array("Villkor".utf8)),
            ],
            headers: [MailHeader(name: "X-Kassa-Mailing", value: "42")],
            listUnsubscribe: ListUnsubscribe(url: "https://shop.example.se/u/8f2c", mailto: "unsubscribe@example.se", oneClick: true)
        )
    }

    static func encode(_ message: MailMessage, seed: UInt64 = 1) throws(MIMEError) -> EncodedMail {
        var random = SeededRandom(seed: seed)
        return try MIMEEncoder(timeZone: stockholm).encode(message, date: date, using: &random)
    }

    /// Lines of `bytes`, which must all end with CRLF.
    static func lines(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        return text.components(separatedBy: "\r\n").dropLast()
    }

    @Test("The full message decodes back to what was given")
    func roundTrip() throws {
        let mail = try Self.encode(Self.fullMessage())
        let top = try MIMETestDecoder.parse(mail.bytes)

        #expect(top.decoded("From") == "Cykelbutiken i Växjö <info@example.se>")
        #expect(top.decoded("To") == "Åsa Öberg <asa@example.se>")
        #expect(top.decoded("Reply-To") == "Kundtjänst <kundtjanst@example.se>")
        #expect(top.decoded("Subject") == Self.subject)
        #expect(top.raw("Date") == "Fri, 13 Feb 2026 23:05:09 +0100")
        #expect(top.raw("MIME-Version") == "1.0")
        #expect(top.raw("Message-ID") == "<\(mail.messageID)>")
        #expect(top.raw("X-Kassa-Mailing") == "42")
        #expect(top.raw("List-Unsubscribe") == "<https://shop.example.se/u/8f2c>, <mailto:unsubscribe@example.se>")
        #expect(top.raw("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")

        #expect(top.mediaType == "multipart/mixed")
        let parts = try top.parts()
        #expect(parts.map(\.mediaType) == ["multipart/alternative", "application/pdf", "text/plain"])

        let alternatives = try parts[0].parts()
        #expect(alternatives.map(\.mediaType) == ["text/plain", "text/html"])
        for part in alternatives {
            #expect(part.parameter("charset", of: "Content-Type") == "UTF-8")
            #expect(part.raw("Content-Transfer-Encoding") == "quoted-printable")
        }
        #expect(try alternatives[0].text() == Self.text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try alternatives[1].text() == Self.html)

        let pdf = parts[1]
        #expect(pdf.raw("Content-Transfer-Encoding") == "base64")
        #expect(pdf.raw("Content-Disposition")?.hasPrefix("attachment;") == true)
        #expect(pdf.parameter("filename", of: "Content-Disposition") == "Kvitto för Åsa.pdf")
        #expect(pdf.plainParameter("filename", of: "Content-Disposition") == "Kvitto for Asa.pdf")
        #expect(pdf.parameter("name", of: "Content-Type") == "Kvitto for Asa.pdf")
        #expect(try pdf.body() == Self.pdf)

        #expect(parts[2].parameter("filename", of: "Content-Disposition") == "villkor.txt")
        #expect(try parts[2].text() == "Villkor")

        #expect(mail.sender == "info@example.se")
        #expect(mail.recipients == ["asa@example.se"])
        #expect(!mail.requiresSMTPUTF8)
    }

    @Test("No header line over 78 (76 in fact), no body line over 76, base64 lines of exactly 76")
    func lineLengths() throws {
        let mail = try Self.encode(Self.fullMessage())
        let top = try MIMETestDecoder.parse(mail.bytes)
        var headerLines = top.headerLines
        #expect(headerLines.allSatisfy { $0.utf8.count <= 76 }, "\(headerLines.filter { $0.utf8.count > 76 })")

        let parts = try top.parts()
        let alternatives = try parts[0].parts()
        for part in parts + alternatives {
            headerLines += part.headerLines
            #expect(part.headerLines.allSatisfy { $0.utf8.count <= 76 })
        }
        for part in alternatives {
            #expect(Self.lines(part.rawBody + [13, 10]).allSatisfy { $0.utf8.count <= 76 })
        }
        let base64Lines = Self.lines(parts[1].rawBody + [13, 10])
        #expect(base64Lines.dropLast().allSatisfy { $0.utf8.count == 76 })
        #expect(base64Lines.last!.utf8.count <= 76)

        // The whole message: 7-bit, CRLF only, and SMTP takes it without 8BITMIME.
        #expect(mail.bytes.allSatisfy { $0 < 128 })
        #expect(Self.lines(mail.bytes).allSatisfy { $0.utf8.count <= 998 })
        #expect(try !SMTPDataEncoder.check(mail.bytes, allowEightBit: false))
    }

    @Test("Text only is a single text/plain part; HTML only a single text/html part")
    func singleParts() throws {
        var message = try Self.fullMessage()
        message.attachments = []
        message.html = nil
        let textOnly = try MIMETestDecoder.parse(Self.encode(message).bytes)
        #expect(textOnly.mediaType == "text/plain")
        #expect(textOnly.raw("Content-Transfer-Encoding") == "quoted-printable")
        // A single-part body ends with the message, so its last line end is the message's.
        #expect(try textOnly.text() == Self.text.replacingOccurrences(of: "\n", with: "\r\n"))

        message.text = nil
        message.html = Self.html
        let htmlOnly = try MIMETestDecoder.parse(Self.encode(message).bytes)
        #expect(htmlOnly.mediaType == "text/html")
        #expect(try htmlOnly.text() == Self.html + "\r\n")

        message.html = nil
        let empty = try MIMETestDecoder.parse(Self.encode(message).bytes)
        #expect(empty.mediaType == "text/plain")
    }

    @Test("Text and HTML without attachments are multipart/alternative at the top")
    func alternativeAtTop() throws {
        var message = try Self.fullMessage()
        message.attachments = []
        let top = try MIMETestDecoder.parse(Self.encode(message).bytes)
        #expect(top.mediaType == "multipart/alternative")
        #expect(try top.parts().map(\.mediaType) == ["text/plain", "text/html"])
    }

    @Test("Boundaries are distinct and occur only as delimiters")
    func boundaries() throws {
        let mail = try Self.encode(Self.fullMessage())
        let top = try MIMETestDecoder.parse(mail.bytes)
        let outer = try #require(top.parameter("boundary", of: "Content-Type"))
        let inner = try #require(try top.parts()[0].parameter("boundary", of: "Content-Type"))
        #expect(outer != inner)
        #expect(!outer.contains(inner) && !inner.contains(outer))
        let text = String(decoding: mail.bytes, as: UTF8.self)
        // Each boundary appears in its Content-Type and in its delimiter lines only.
        #expect(text.components(separatedBy: outer).count - 1 == 1 + 4)
        #expect(text.components(separatedBy: inner).count - 1 == 1 + 3)
        for line in Self.lines(mail.bytes) where line.contains(outer) || line.contains(inner) {
            #expect(line.hasPrefix("--") || line.contains("boundary=\""), "\(line)")
        }
    }

    @Test("The same seed gives the same bytes; Message-IDs are unique and at the sender's domain")
    func identifiers() throws {
        let message = try Self.fullMessage()
        #expect(try Self.encode(message, seed: 5).bytes == Self.encode(message, seed: 5).bytes)
        #expect(try Self.encode(message, seed: 5).messageID != Self.encode(message, seed: 6).messageID)

        let encoder = MIMEEncoder(timeZone: Self.stockholm)
        var ids = Set<String>()
        for _ in 0..<1000 {
            let id = try encoder.encode(message, date: Self.date).messageID
            #expect(id.hasSuffix("@example.se"))
            #expect(id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
            ids.insert(id)
        }
        #expect(ids.count == 1000)

        let custom = MIMEEncoder(timeZone: Self.stockholm, messageIDDomain: "mail.cykelbutiken.se")
        #expect(try custom.encode(message).messageID.hasSuffix("@mail.cykelbutiken.se"))
    }

    @Test("Date is in RFC 5322 format in the shop's time zone", arguments: [
        (1_771_020_309, "Europe/Stockholm", "Fri, 13 Feb 2026 23:05:09 +0100"),
        (1_771_020_309, "America/New_York", "Fri, 13 Feb 2026 17:05:09 -0500"),
        (1_771_020_309, "Asia/Kolkata", "Sat, 14 Feb 2026 03:35:09 +0530"),
        (1_783_000_000, "Europe/Stockholm", "Thu, 02 Jul 2026 15:46:40 +0200"),
    ])
    func dateHeader(seconds: Int, zone: String, expected: String) {
        #expect(MailDate.format(Date(timeIntervalSince1970: TimeInterval(seconds)), timeZone: TimeZone(identifier: zone)!) == expected)
    }

    @Test("List-Unsubscribe without one-click has no Post header; one-click needs an https URL")
    func listUnsubscribe() throws {
        var message = try Self.fullMessage()
        message.listUnsubscribe = ListUnsubscribe(mailto: "mailto:unsubscribe@example.se?subject=stop")
        let mailtoOnly = try MIMETestDecoder.parse(Self.encode(message).bytes)
        #expect(mailtoOnly.raw("List-Unsubscribe") == "<mailto:unsubscribe@example.se?subject=stop>")
        #expect(mailtoOnly.raw("List-Unsubscribe-Post") == nil)

        message.listUnsubscribe = nil
        #expect(try MIMETestDecoder.parse(Self.encode(message).bytes).raw("List-Unsubscribe") == nil)

        for bad in [
            ListUnsubscribe(mailto: "unsubscribe@example.se", oneClick: true),
            ListUnsubscribe(url: "http://shop.example.se/u", oneClick: true),
            ListUnsubscribe(url: "ftp://shop.example.se/u"),
            ListUnsubscribe(url: "https://shop.example.se/u?a=b c"),
            ListUnsubscribe(),
        ] {
            message.listUnsubscribe = bad
            #expect(throws: MIMEError.self) { try Self.encode(message) }
        }
    }

    @Test("Bad input is refused with an error that names it")
    func validation() throws {
        let base = try Self.fullMessage()
        func error(_ change: (inout MailMessage) -> Void) -> MIMEError? {
            var message = base
            change(&message)
            do {
                _ = try Self.encode(message)
                return nil
            } catch {
                return error
            }
        }
        #expect(error { $0.to = [] }?.code == .noRecipients)
        #expect(error { $0.to = [MailAddress("not an address")] }?.code == .invalidAddress)
        #expect(error { $0.subject = "Hej\r\nBcc: spam@example.org" }?.code == .invalidHeader)
        #expect(error { $0.headers = [MailHeader(name: "X-Test", value: "a\nb")] }?.code == .invalidHeader)
        #expect(error { $0.headers = [MailHeader(name: "X Test", value: "a")] }?.code == .invalidHeader)
        let reserved = error { $0.headers = [MailHeader(name: "content-type", value: "text/plain")] }
        #expect(reserved?.code == .invalidHeader)
        #expect(reserved?.message.contains("\"content-type\"") == true)
        #expect(error { $0.attachments = [MailAttachment(filename: "", data: [1])] }?.code == .invalidAttachment)
        #expect(error { $0.attachments = [MailAttachment(filename: "a.pdf", contentType: "pdf", data: [1])] }?.code == .invalidAttachment)
    }

    @Test("Line breaks and other control characters in display names become single spaces: one header line each, nothing injected", arguments: [
        ("Åsa\r\nBcc: x@example.org", "Åsa Bcc: x@example.org"),
        ("Ann\nSmith", "Ann Smith"),
        ("\r\n Bo \u{0}\u{7F}\u{85}Ek\u{2028}\t", "Bo Ek"),
        ("\r\n", nil),
    ])
    func controlCharactersInDisplayNames(name: String, expected: String?) throws {
        var message = try Self.fullMessage()
        message.to = [MailAddress("asa@example.se", displayName: name)]
        message.from = MailAddress("info@example.se", displayName: "Cykel\r\nbutiken")
        let mail = try Self.encode(message)
        let top = try MIMETestDecoder.parse(mail.bytes)
        #expect(top.decoded("To") == (expected.map { "\($0) <asa@example.se>" } ?? "<asa@example.se>"))
        #expect(top.decoded("From") == "Cykel butiken <info@example.se>")
        #expect(top.fields.filter { $0.name.lowercased() == "bcc" }.isEmpty)
        #expect(mail.recipients == ["asa@example.se"])
    }

    @Test("A non-ASCII address is written as UTF-8, never encoded, and needs SMTPUTF8")
    func internationalAddress() throws {
        var message = try Self.fullMessage()
        message.to = [MailAddress("åsa@exempel.se", displayName: "Åsa")]
        let mail = try Self.encode(message)
        #expect(mail.requiresSMTPUTF8)
        #expect(mail.envelope.requiresSMTPUTF8)
        let top = try MIMETestDecoder.parse(mail.bytes)
        #expect(top.raw("To")?.hasSuffix("<åsa@exempel.se>") == true)
        #expect(top.decoded("To") == "Åsa <åsa@exempel.se>")
    }

    @Test("Extra headers with non-ASCII values become encoded words; ASCII ones stay as written")
    func extraHeaders() throws {
        var message = try Self.fullMessage()
        message.headers = [MailHeader(name: "X-Kampanj", value: "Vårrea 2026"), MailHeader(name: "Precedence", value: "bulk")]
        let top = try MIMETestDecoder.parse(Self.encode(message).bytes)
        #expect(top.raw("X-Kampanj")?.hasPrefix("=?UTF-8?") == true)
        #expect(top.decoded("X-Kampanj") == "Vårrea 2026")
        #expect(top.raw("Precedence") == "bulk")
    }

    @Test("The envelope of an encoded mail goes through the SMTP state machine unchanged")
    func envelopeThroughTheStateMachine() throws {
        let mail = try Self.encode(Self.fullMessage())
        var session = ScriptedSession.ready(EHLO.plain)
        #expect(session.send(mail.envelope) == [sent("MAIL FROM:<info@example.se>\r\n")])
        _ = session.server("250 ok\r\n")
        _ = session.server("250 ok\r\n")
        let data = session.server("354 go\r\n")
        guard case .sendMessageData(let bytes) = data.first else {
            Issue.record("expected the data, got \(data)")
            return
        }
        // The text has a line that is just ".", so the data is stuffed there and only there.
        let wire = String(decoding: bytes.dropLast(3), as: UTF8.self)
        #expect(wire.contains("\r\n..\r\n"))
        #expect(wire.replacingOccurrences(of: "\r\n..", with: "\r\n.") == String(decoding: mail.bytes, as: UTF8.self))
    }
}
