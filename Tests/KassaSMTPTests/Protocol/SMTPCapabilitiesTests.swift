import Testing
@testable import KassaSMTP

@Suite("SMTP capabilities from EHLO")
struct SMTPCapabilitiesTests {
    private func capabilities(_ text: String) throws -> SMTPCapabilities {
        var parser = SMTPReplyParser()
        return SMTPCapabilities(ehloReply: try parser.parse(Array(text.utf8))[0])
    }

    @Test("A Postfix EHLO reply")
    func postfix() throws {
        let caps = try capabilities(
            "250-mail.example.se\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n250-STARTTLS\r\n"
                + "250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250 SMTPUTF8\r\n"
        )
        #expect(caps.serverName == "mail.example.se")
        #expect(caps.pipelining && caps.startTLS && caps.eightBitMIME && caps.smtpUTF8 && caps.enhancedStatusCodes && caps.size)
        #expect(caps.authenticationMechanisms == ["PLAIN", "LOGIN"])
        #expect(caps.offers(.plain) && caps.offers(.login))
        #expect(caps.maximumMessageSize == 10_240_000)
        #expect(caps.offers("dsn"))
        #expect(!caps.offers("CHUNKING"))
    }

    @Test("Keywords are case-insensitive; the old AUTH= form counts; duplicates are merged")
    func oddForms() throws {
        let caps = try capabilities("250-mx Hello there\r\n250-auth=LOGIN\r\n250-Auth login cram-md5\r\n250-pipelining\r\n250 size\r\n")
        #expect(caps.serverName == "mx")
        #expect(caps.authenticationMechanisms == ["LOGIN", "CRAM-MD5"])
        #expect(caps.offers(.login))
        #expect(!caps.offers(.plain))
        #expect(caps.pipelining)
        #expect(caps.size)
        #expect(caps.maximumMessageSize == nil)
    }

    @Test("SIZE 0 means no fixed limit; a server without extensions offers nothing")
    func sizeAndNothing() throws {
        #expect(try capabilities("250-mx\r\n250 SIZE 0\r\n").maximumMessageSize == nil)
        let bare = try capabilities("250 mx.example.se\r\n")
        #expect(bare.extensions.isEmpty)
        #expect(!bare.pipelining && !bare.startTLS && bare.authenticationMechanisms.isEmpty)
    }
}
