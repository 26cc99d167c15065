import KassaTesting
import Testing
@testable import KassaSMTP

@Suite("SMTP data: dot-stuffing, CRLF, line limits, 8-bit")
struct SMTPDataEncoderTests {
    private func encoded(_ text: String, allowEightBit: Bool = false) throws(SMTPError) -> String {
        String(decoding: try SMTPDataEncoder.encode(Array(text.utf8), allowEightBit: allowEightBit).bytes, as: UTF8.self)
    }

    @Test("Lines starting with a dot get a second dot", arguments: [
        ("a\r\n.b\r\n", "a\r\n..b\r\n.\r\n"),
        (".first\r\n", "..first\r\n.\r\n"),
        ("..two\r\n", "...two\r\n.\r\n"),
        ("a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n.\r\n"),
        ("a.b\r\n", "a.b\r\n.\r\n"),
        ("x\r\n.", "x\r\n..\r\n.\r\n"),
    ])
    func dotStuffing(input: String, expected: String) throws {
        #expect(try encoded(input) == expected)
    }

    @Test("A message ending without a line end gets one before the final dot")
    func missingFinalLineEnd() throws {
        #expect(try encoded("Subject: x\r\n\r\nno newline") == "Subject: x\r\n\r\nno newline\r\n.\r\n")
        #expect(try encoded("") == ".\r\n")
        #expect(try encoded("\r\n") == "\r\n.\r\n")
    }

    @Test("LF, CR and CRLF all become CRLF; a CR LF pair stays one line end")
    func lineEnds() throws {
        #expect(try encoded("a\nb\rc\r\nd\n\ne") == "a\r\nb\r\nc\r\nd\r\n\r\ne\r\n.\r\n")
        #expect(try encoded("a\r\r\nb") == "a\r\n\r\nb\r\n.\r\n")
        #expect(try encoded("a\n.b") == "a\r\n..b\r\n.\r\n")
    }

    @Test("998 octets per line are allowed, 999 are refused with the line number")
    func lineLimit() throws {
        let ok = String(repeating: "x", count: 998)
        #expect(try encoded("a\r\n" + ok + "\r\n").utf8.count == 3 + 998 + 2 + 3)
        // The stuffed dot does not count (RFC 5321 §4.5.3.1.6).
        #expect(try encoded("." + String(repeating: "x", count: 997)).hasPrefix(".."))
        do {
            _ = try encoded("a\nb\n" + ok + "y\n")
            Issue.record("a 999-octet line was accepted")
        } catch {
            #expect(error.code == .lineTooLong)
            #expect(error.message.contains("Line 3"))
        }
    }

    @Test("NUL is refused; 8-bit only when allowed, and then reported")
    func forbiddenBytes() throws {
        #expect(throws: SMTPError.self) { _ = try encoded("a\0b") }
        do {
            _ = try encoded("Subject: x\r\n\r\nHej Åsa")
            Issue.record("8-bit data was accepted without 8BITMIME")
        } catch {
            #expect(error.code == .eightBitNotSupported)
            #expect(error.message.contains("Line 3"))
        }
        let eightBit = try SMTPDataEncoder.encode(Array("Hej Åsa".utf8), allowEightBit: true)
        #expect(eightBit.containsEightBitData)
        #expect(!(try SMTPDataEncoder.encode(Array("Hej Asa".utf8), allowEightBit: true)).containsEightBitData)
        #expect(try SMTPDataEncoder.check(Array("Hej Åsa".utf8), allowEightBit: true))
        #expect(throws: SMTPError.self) { try SMTPDataEncoder.check(Array("Hej Åsa".utf8), allowEightBit: false) }
    }

    @Test("Undoing the stuffing gives back the message with CRLF line ends, for random messages")
    func roundTrip() throws {
        var random = SeededRandom(seed: 2026)
        let pieces = [".", "..", "a", "Å", "\r\n", "\n", "\r", " ", ".\r\n", "x.y"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let data = try SMTPDataEncoder.encode(Array(text.utf8), allowEightBit: true).bytes
            let wire = String(decoding: data, as: UTF8.self)
            #expect(wire.hasSuffix("\r\n.\r\n") || wire == ".\r\n")
            // What a server does: split lines, stop at the lone dot, drop one leading dot.
            var lines = wire.components(separatedBy: "\r\n")
            #expect(lines.removeLast() == "")
            #expect(lines.removeLast() == ".")
            #expect(!lines.contains("."))
            let unstuffed = lines.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
            var expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            if !expected.isEmpty, !expected.hasSuffix("\n") { expected += "\n" }
            #expect(unstuffed.map { $0 + "\n" }.joined() == expected, "\(text.debugDescription)")
        }
    }
}
