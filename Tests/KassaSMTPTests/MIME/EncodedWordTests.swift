import Foundation
import Testing
@testable import KassaSMTP

@Suite("RFC 2047 encoded words and header folding")
struct EncodedWordTests {
    private func header(_ field: MIMEHeaderField) throws -> (lines: [String], decoded: String) {
        var bytes: [UInt8] = []
        try field.write(into: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = Array(text.components(separatedBy: "\r\n").dropLast())
        let value = try MIMETestDecoder.parse(bytes + [13, 10]).decoded(field.name) ?? ""
        return (lines, value)
    }

    @Test("\"Åsa Öberg\" round-trips as a display name, in B (shorter than Q here)")
    func asaOberg() throws {
        let (lines, decoded) = try header(.mailboxes("From", [MailAddress("asa@example.se", displayName: "Åsa Öberg")]))
        #expect(lines == ["From: =?UTF-8?B?w4VzYSDDlmJlcmc=?= <asa@example.se>"])
        #expect(decoded == "Åsa Öberg <asa@example.se>")
    }

    @Test("A long Swedish subject: words of at most 75 characters, lines of at most 76, exact round trip")
    func longSwedishSubject() throws {
        let subject = "Årets största rea på cyklar, hjälmar och tillbehör – gäller endast för medlemmar i Cykelbutikens kundklubb i Växjö, Älmhult och Öland!"
        let (lines, decoded) = try header(.unstructured("Subject", subject))
        #expect(decoded == subject)
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 }, "\(lines)")
        let words = lines.joined(separator: " ").split(separator: " ").filter { $0.hasPrefix("=?") }
        #expect(words.allSatisfy { $0.utf8.count <= 75 && $0.hasPrefix("=?UTF-8?") && $0.hasSuffix("?=") })
        // One encoding for the whole subject: the shorter one.
        let prefixes = Set(words.map { $0.prefix(10) })
        #expect(prefixes.count == 1)
        let total = words.reduce(0) { $0 + $1.utf8.count }
        let other = EncodedWord.encode(subject, encoding: prefixes.first == "=?UTF-8?B?" ? .q : .b, firstLimit: 67)
        #expect(total <= other.reduce(0) { $0 + $1.utf8.count })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
    }

    @Test("Every word decodes on its own: no UTF-8 sequence, and in B no grapheme cluster, is split")
    func wholeCharacters() throws {
        let text = String(repeating: "Å👨‍👩‍👧‍👦é\u{301}ö 🇸🇪 ", count: 12)
        for encoding in [EncodedWord.Encoding.b, .q] {
            let words = EncodedWord.encode(text, encoding: encoding)
            var joined = ""
            for word in words {
                #expect(word.utf8.count <= 75)
                let decoded = MIMETestDecoder.decodeEncodedWords(word)
                #expect(!decoded.hasPrefix("=?"), "\(word) does not decode alone")
                if encoding == .b {
                    // The family emoji (25 octets) fits a B word, so clusters stay whole. In Q
                    // it takes 75 characters of payload, more than a word holds, so it is split
                    // between scalars there.
                    #expect(decoded.unicodeScalars.first.map { !$0.properties.isGraphemeExtend && $0 != "\u{200D}" } ?? true)
                }
                joined += decoded
            }
            #expect(joined == text)
        }
    }

    @Test("A cluster too long for one word is split between scalars and still round-trips")
    func hugeCluster() {
        let text = "a" + String(repeating: "\u{301}", count: 60)
        let words = EncodedWord.encode(text)
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.utf8.count <= 75 })
        #expect(MIMETestDecoder.decodeEncodedWords(words.joined(separator: " ")) == text)
    }

    @Test("Q uses only the characters RFC 2047 allows in a phrase")
    func qCharacters() {
        let word = EncodedWord.encode("a_b=c?d (e) \"f\", g.h", encoding: .q)[0]
        let payload = word.dropFirst("=?UTF-8?Q?".count).dropLast(2)
        #expect(payload.allSatisfy { $0.isLetter || $0.isNumber || "!*+-/=_".contains($0) })
        #expect(MIMETestDecoder.decodeEncodedWords(word) == "a_b=c?d (e) \"f\", g.h")
    }

    @Test("Plain ASCII stays plain and folds at spaces; what would look encoded is encoded")
    func asciiSubjects() throws {
        let plain = try header(.unstructured("Subject", "Your receipt"))
        #expect(plain.lines == ["Subject: Your receipt"])

        let long = String(repeating: "spring sale on bicycles ", count: 8).trimmingCharacters(in: .whitespaces)
        let folded = try header(.unstructured("Subject", long))
        #expect(folded.decoded == long)
        #expect(folded.lines.count > 1)
        #expect(folded.lines.allSatisfy { $0.utf8.count <= 76 && !$0.contains("=?") })

        for tricky in ["=?UTF-8?B?SGVq?= is not a word", "double  space", String(repeating: "x", count: 90), " leading"] {
            let encoded = try header(.unstructured("Subject", tricky))
            #expect(encoded.lines[0].contains("=?UTF-8?"), "\(tricky)")
            #expect(encoded.decoded == tricky)
            #expect(encoded.lines.allSatisfy { $0.utf8.count <= 76 })
        }
        #expect(try header(.unstructured("Subject", "")).lines == ["Subject:"])
    }

    @Test("Display names: atoms bare, specials quoted, addresses never encoded")
    func displayNames() throws {
        let list = try header(.mailboxes("To", [
            MailAddress("anna@example.se", displayName: "Anna Berg"),
            MailAddress("b@example.se", displayName: "Berg, Anna \"AB\""),
            MailAddress("c@example.se"),
        ]))
        #expect(list.decoded == "Anna Berg <anna@example.se>, \"Berg, Anna \\\"AB\\\"\" <b@example.se>, <c@example.se>")
        #expect(list.lines.joined().contains("<anna@example.se>"))
        #expect(list.lines.allSatisfy { $0.utf8.count <= 76 })
    }

    @Test("A long header name still leaves every line within 76")
    func longHeaderName() throws {
        let name = "X-" + String(repeating: "Lang", count: 15)
        let (lines, decoded) = try header(.unstructured(name, "Åsa Öberg har handlat för 1 200 kr i vår butik i Växjö"))
        #expect(decoded == "Åsa Öberg har handlat för 1 200 kr i vår butik i Växjö")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
    }

    @Test("A token too long to fold gets its own line; over 998 octets it is an error")
    func unfoldableToken() throws {
        let url = "<https://shop.example.se/unsubscribe?token=" + String(repeating: "a", count: 100) + ">"
        let (lines, _) = try header(MIMEHeaderField("List-Unsubscribe", [url]))
        #expect(lines == ["List-Unsubscribe:", " " + url])

        let huge = MIMEHeaderField("List-Unsubscribe", ["<https://x/" + String(repeating: "a", count: 1000) + ">"])
        var bytes: [UInt8] = []
        #expect(throws: MIMEError.self) { try huge.write(into: &bytes) }
    }
}
