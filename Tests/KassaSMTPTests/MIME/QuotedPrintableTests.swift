import KassaTesting
import Testing
@testable import KassaSMTP

@Suite("Quoted-printable bodies")
struct QuotedPrintableTests {
    private func encoded(_ text: String) -> String {
        String(decoding: QuotedPrintable.encode(text), as: UTF8.self)
    }

    @Test("Non-ASCII, = and trailing whitespace are encoded; line ends become CRLF")
    func basics() {
        #expect(encoded("Hej Åsa") == "Hej =C3=85sa")
        #expect(encoded("a=b") == "a=3Db")
        #expect(encoded("slut  \nnästa\t") == "slut =20\r\nn=C3=A4sta=09")
        #expect(encoded("a\r\nb\nc\rd") == "a\r\nb\r\nc\r\nd")
        #expect(encoded(".\n.") == ".\r\n.")
        #expect(encoded("") == "")
    }

    @Test("Long lines get soft breaks and no line exceeds 76")
    func softBreaks() throws {
        let line = String(repeating: "å", count: 100) + String(repeating: "x", count: 200)
        let text = encoded(line)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count > 5)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        // No escape is cut by a soft break: every "=" but a final one starts "=XX".
        for line in lines {
            let body = line.hasSuffix("=") ? Array(line.utf8.dropLast()) : Array(line.utf8)
            for (index, byte) in body.enumerated() where byte == UInt8(ascii: "=") {
                #expect(index + 2 < body.count, "\(line)")
            }
        }
        #expect(try MIMETestDecoder.decodeQuotedPrintable(Array(text.utf8)) == Array(line.utf8))
        // A line of exactly 76 characters needs no soft break.
        #expect(encoded(String(repeating: "y", count: 76)) == String(repeating: "y", count: 76))
        #expect(encoded(String(repeating: "y", count: 77)).components(separatedBy: "\r\n").count == 2)
    }

    @Test("Random texts round-trip with CRLF line ends and stay within 76 columns")
    func randomRoundTrip() throws {
        var random = SeededRandom(seed: 99)
        let pieces = ["a", " ", "\t", "=", "å", "€", "👍", "\n", "\r\n", ".", "From ", String(repeating: "z", count: 30)]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...60, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let bytes = QuotedPrintable.encode(text)
            #expect(bytes.allSatisfy { $0 < 128 })
            let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 76 })
            #expect(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.hasSuffix("\t") })
            let decoded = String(decoding: try MIMETestDecoder.decodeQuotedPrintable(bytes), as: UTF8.self)
            #expect(decoded == text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"))
        }
    }
}
