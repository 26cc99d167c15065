import Testing
@testable import KassaSMTP

@Suite("SMTP reply parser")
struct SMTPReplyParserTests {
    private func parseAll(_ text: String) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        return try parser.parse(Array(text.utf8))
    }

    @Test("A one-line reply: code, text, enhanced status code")
    func singleLine() throws {
        let replies = try parseAll("550 5.1.1 <bo@example.se>: Recipient address rejected\r\n")
        #expect(replies.count == 1)
        let reply = replies[0]
        #expect(reply.code == 550)
        #expect(reply.lines == ["5.1.1 <bo@example.se>: Recipient address rejected"])
        #expect(reply.enhancedStatusCode == SMTPEnhancedStatusCode(statusClass: 5, subject: 1, detail: 1))
        #expect(reply.text == "<bo@example.se>: Recipient address rejected")
        #expect(reply.category == .permanentNegative)
        #expect(reply.description == "550 5.1.1 <bo@example.se>: Recipient address rejected")
    }

    @Test("A multi-line reply keeps every line")
    func multiLine() throws {
        let replies = try parseAll("250-mx.example.se\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n")
        #expect(replies.map(\.lines) == [["mx.example.se", "PIPELINING", "SIZE 10240000", "8BITMIME"]])
        #expect(replies[0].enhancedStatusCode == nil)
    }

    @Test("A reply without text, and bare LF line ends, are accepted")
    func lenientForms() throws {
        let replies = try parseAll("250\r\n354 go\n221-bye\n221\n")
        #expect(replies.map(\.code) == [250, 354, 221])
        #expect(replies.map(\.lines) == [[""], ["go"], ["bye", ""]])
    }

    @Test("An enhanced status code must match the reply's class and have the right shape")
    func enhancedStatusCodeShape() throws {
        #expect(try parseAll("250 2.0.0 Ok\r\n")[0].enhancedStatusCode?.description == "2.0.0")
        #expect(try parseAll("451 4.7.100 later\r\n")[0].enhancedStatusCode?.detail == 100)
        #expect(try parseAll("550 2.1.0 odd\r\n")[0].enhancedStatusCode == nil)
        #expect(try parseAll("250 2.0 short\r\n")[0].enhancedStatusCode == nil)
        #expect(try parseAll("250 22.0.0 long\r\n")[0].enhancedStatusCode == nil)
        #expect(try parseAll("250 2.0.0000 long\r\n")[0].enhancedStatusCode == nil)
        #expect(try parseAll("250 2.0.0\r\n")[0].text == "")
    }

    @Test("Several replies in one read come out one by one, in order")
    func severalRepliesInOneRead() throws {
        var parser = SMTPReplyParser()
        parser.append(Array("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data\r\n".utf8))
        #expect(try parser.nextReply()?.lines == ["2.1.0 Ok"])
        #expect(try parser.nextReply()?.lines == ["2.1.5 Ok"])
        #expect(try parser.nextReply()?.code == 354)
        #expect(try parser.nextReply() == nil)
        #expect(!parser.hasBufferedInput)
    }

    @Test("Any split of the stream gives the same replies as one read")
    func everySplitPoint() throws {
        let stream = "220-mx.example.se ESMTP\r\n220 ready\r\n250-mx\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN\r\n250 2.1.0 Ok\r\n550 5.1.1 no\n"
        let expected = try parseAll(stream)
        #expect(expected.count == 4)
        let bytes = Array(stream.utf8)
        for first in 0...bytes.count {
            for second in stride(from: first, through: bytes.count, by: 7) {
                var parser = SMTPReplyParser()
                var replies: [SMTPReply] = []
                for chunk in [bytes[..<first], bytes[first..<second], bytes[second...]] {
                    replies += try parser.parse(chunk)
                }
                #expect(replies == expected, "split at \(first), \(second)")
            }
        }
    }

    @Test("Byte by byte: nothing comes out before the last line of a reply is complete")
    func byteByByte() throws {
        var parser = SMTPReplyParser()
        let bytes = Array("250-first\r\n250 last\r\n".utf8)
        for (index, byte) in bytes.enumerated() {
            let replies = try parser.parse([byte])
            #expect(replies.isEmpty == (index != bytes.count - 1))
            #expect(parser.hasBufferedInput == (index != bytes.count - 1))
        }
    }

    @Test("A long stream of replies survives the buffer compaction")
    func longStream() throws {
        var parser = SMTPReplyParser()
        let text = (0..<3000).map { "250 2.1.5 recipient \($0) ok\r\n" }.joined()
        var codes: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let end = min(index + 997, bytes.count)
            codes += try parser.parse(bytes[index..<end]).map { $0.lines[0] }
            index = end
        }
        #expect(codes.count == 3000)
        #expect(codes.last == "2.1.5 recipient 2999 ok")
    }

    @Test("Malformed lines throw a clear error", arguments: [
        ("hello\r\n", "does not start with a reply code"),
        ("25\r\n", "does not start with a reply code"),
        ("650 nope\r\n", "does not start with a reply code"),
        ("2a0 x\r\n", "does not start with a reply code"),
        ("250x\r\n", "after its code"),
        ("250-a\r\n251 b\r\n", "has code 251 in the middle of a reply with code 250"),
    ])
    func malformed(input: String, expected: String) {
        var parser = SMTPReplyParser()
        do {
            _ = try parser.parse(Array(input.utf8))
            Issue.record("\(input.debugDescription) parsed")
        } catch {
            #expect(error.code == .malformedReply)
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test("A line or a reply beyond the limits throws instead of buffering without end")
    func limits() {
        var parser = SMTPReplyParser(maximumLineLength: 64, maximumLineCount: 3)
        #expect(throws: SMTPError.self) {
            _ = try parser.parse(Array(("250 " + String(repeating: "x", count: 100)).utf8))
        }
        var lines = SMTPReplyParser(maximumLineLength: 64, maximumLineCount: 3)
        do {
            _ = try lines.parse(Array("250-a\r\n250-b\r\n250-c\r\n250 d\r\n".utf8))
            Issue.record("a four-line reply was accepted")
        } catch {
            #expect(error.code == .replyTooLong)
        }
    }

    @Test("Bytes after the 220 to STARTTLS show up as buffered input")
    func bufferedInputAfterStartTLS() throws {
        var parser = SMTPReplyParser()
        parser.append(Array("220 go ahead\r\n250 inj".utf8))
        #expect(try parser.nextReply()?.code == 220)
        #expect(parser.hasBufferedInput)
        parser.reset()
        #expect(!parser.hasBufferedInput)
        #expect(try parser.nextReply() == nil)
    }
}
