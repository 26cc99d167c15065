import Foundation
import KassaCore
import KassaTesting
import Testing
@testable import KassaSMTP

/// Relaxed canonicalization by the examples of RFC 6376 §3.4.5.
@Suite struct DKIMCanonicalizationTests {
    private func header(_ text: String) -> String {
        var output: [UInt8] = []
        DKIMCanonicalization.relaxedHeader(Array(text.utf8), into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func body(_ text: String) -> String {
        String(decoding: DKIMCanonicalization.relaxedBody(Array(text.utf8)), as: UTF8.self)
    }

    @Test func headersAsInRFC6376() {
        #expect(header("A: X") == "a:X\r\n")
        #expect(header("B : Y\t\r\n\tZ  ") == "b:Y Z\r\n")
    }

    @Test func bodyAsInRFC6376() {
        #expect(body(" C \r\nD \t E\r\n\r\n\r\n") == " C\r\nD E\r\n")
    }

    @Test func emptyLinesCountOnlyBeforeText() {
        #expect(body("A\r\n\r\n\r\nB\r\n\r\n") == "A\r\n\r\n\r\nB\r\n")
        #expect(body("\r\n\r\n") == "")
        #expect(body("no line end") == "no line end\r\n")
    }

    @Test func messagesSplitIntoFoldedFieldsAndBody() {
        let parts = DKIMMessageParts(Array("From: a@example.se\r\nSubject: one\r\n two\r\n\r\nBody\r\n".utf8))
        #expect(parts.fields.map(\.lowercasedName) == ["from", "subject"])
        #expect(String(decoding: parts.fields[1].bytes, as: UTF8.self) == "Subject: one\r\n two")
        #expect(String(decoding: parts.body, as: UTF8.self) == "Body\r\n")
    }
}

/// Signatures made by `DKIMSigner` and verified by dkimpy, with keys made by openssl.
@Suite(.serialized) struct DKIMSignerTests {
    let folder = TemporaryDirectory(prefix: "kassa-dkim")

    private func message(subject: String = "Nyhetsbrev från Cykelbutiken") throws -> EncodedMail {
        let mail = MailMessage(
            from: try MailAddress(parsing: "Cykelbutiken <info@example.se>"),
            to: [MailAddress("asa@example.se", displayName: "Åsa Öberg")],
            subject: subject,
            text: "Hej Åsa!\n\nVåra vårnyheter är här.  Två  mellanslag.\t\n\n\n",
            html: "<p>Hej Åsa!</p>",
            listUnsubscribe: ListUnsubscribe(url: "https://shop.example.se/u/1001", mailto: "unsubscribe@example.se", oneClick: true)
        )
        return try MIMEEncoder(timeZone: TimeZone(identifier: "Europe/Stockholm")!).encode(mail)
    }

    private func verify(_ bytes: [UInt8], record: String, name: String = "k1._domainkey.example.se") throws -> CheckedMail {
        let path = folder.file("signed-\(UUID().uuidString).eml")
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return try #require(try CheckedMail.check([path], dns: [name: record]).first)
    }

    @Test(arguments: ["rsa-pkcs1", "rsa-pkcs8", "ed25519"])
    func dkimpyVerifiesTheSignature(keyKind: String) throws {
        let key = switch keyKind {
        case "rsa-pkcs1": try TestDKIMKey.rsa(pkcs1: true, in: folder.path)
        case "rsa-pkcs8": try TestDKIMKey.rsa(pkcs1: false, in: folder.path)
        default: try TestDKIMKey.ed25519(in: folder.path)
        }
        let signer = try DKIMSigner(selector: "k1", domain: "example.se", key: DKIMPrivateKey(contentsOfFile: key.path))
        #expect(signer.key.algorithm == (keyKind == "ed25519" ? .ed25519SHA256 : .rsaSHA256))
        // The record Kassa would tell the shop to publish is the one openssl derives.
        #expect(signer.key.dnsRecord == key.dnsRecord)

        let signed = try signer.sign(try message().bytes)
        let mail = try verify(signed, record: key.dnsRecord)

        #expect(mail.defects == [])
        let signature = try #require(mail.dkim.first)
        #expect(signature.valid, "\(signature.problem ?? "dkimpy says the signature does not verify")")
        #expect(signature.algorithm == (keyKind == "ed25519" ? "ed25519-sha256" : "rsa-sha256"))
        #expect(signature.domain == "example.se")
        for name in ["from", "to", "subject", "date", "message-id", "mime-version", "content-type", "list-unsubscribe", "list-unsubscribe-post"] {
            #expect(signature.headers.contains(name), "h= lacks \(name)")
        }
    }

    @Test func aChangedSubjectOrBodyNoLongerVerifies() throws {
        let key = try TestDKIMKey.rsa(pkcs1: true, in: folder.path)
        let signer = try DKIMSigner(selector: "k1", domain: "example.se", key: DKIMPrivateKey(contentsOfFile: key.path))
        let signed = String(decoding: try signer.sign(try message().bytes), as: UTF8.self)

        let changedSubject = signed.replacingOccurrences(of: "Subject:", with: "Subject: RE:")
        let changedBody = signed.replacingOccurrences(of: "Hej =C3=85sa!", with: "Hej Bo!")
        let addedFrom = "From: mallory@example.net\r\n" + signed
        #expect(changedSubject != signed && changedBody != signed)

        #expect(try verify(Array(signed.utf8), record: key.dnsRecord).dkim.first?.valid == true)
        #expect(try verify(Array(changedSubject.utf8), record: key.dnsRecord).dkim.first?.valid == false)
        #expect(try verify(Array(changedBody.utf8), record: key.dnsRecord).dkim.first?.valid == false)
        #expect(try verify(Array(addedFrom.utf8), record: key.dnsRecord).dkim.first?.valid == false)
    }

    @Test func whitespaceChangesOnTheWayDoNotBreakTheSignature() throws {
        let key = try TestDKIMKey.ed25519(in: folder.path)
        let signer = try DKIMSigner(selector: "k1", domain: "example.se", key: DKIMPrivateKey(contentsOfFile: key.path))
        let signed = String(decoding: try signer.sign(try message().bytes), as: UTF8.self)
        // What relaxed canonicalization forgives: refolded headers, trailing blank lines.
        let refolded = signed.replacingOccurrences(of: "\r\nMIME-Version: 1.0", with: "\r\nMIME-Version:   1.0  ") + "\r\n\r\n"

        #expect(try verify(Array(refolded.utf8), record: key.dnsRecord).dkim.first?.valid == true)
    }

    @Test func keysKassaCannotUseAreRefusedWithTheFileNamed() throws {
        let missing = folder.file("missing.pem")
        #expect {
            try DKIMPrivateKey(contentsOfFile: missing)
        } throws: { error in
            let error = try #require(error as? DKIMError)
            return error.code == .unreadableKey && error.message.contains(missing)
        }

        let encrypted = folder.file("encrypted.pem")
        try OpenSSLTool.run(["genpkey", "-algorithm", "ED25519", "-aes-128-cbc", "-pass", "pass:hemligt", "-out", encrypted], in: folder.path)
        #expect {
            try DKIMPrivateKey(contentsOfFile: encrypted)
        } throws: { error in
            let error = try #require(error as? DKIMError)
            return error.code == .unsupportedKey && error.message.contains("passphrase") && error.message.contains(encrypted)
        }

        let certificate = try TestCertificate.selfSigned(in: folder.path)
        #expect {
            try DKIMPrivateKey(contentsOfFile: certificate.certificatePath)
        } throws: { error in
            (error as? DKIMError)?.code == .unsupportedKey
        }
    }

    @Test func selectorsAndDomainsMustBeDomainNames() throws {
        let key = try TestDKIMKey.ed25519(in: folder.path)
        #expect(throws: DKIMError.self) {
            try DKIMSigner(selector: "k1; x=1", domain: "example.se", key: DKIMPrivateKey(contentsOfFile: key.path))
        }
        #expect(throws: DKIMError.self) {
            try DKIMSigner(selector: "k1", domain: "exämple.se", key: DKIMPrivateKey(contentsOfFile: key.path))
        }
    }
}

/// DKIM and List-Unsubscribe through the whole transport, to a real server.
@Suite(.serialized) struct SMTPTransportDKIMTests {
    let folder = TemporaryDirectory(prefix: "kassa-smtp-dkim")

    @Test func marketingMailIsSignedWithItsUnsubscribeHeaders() async throws {
        let key = try TestDKIMKey.rsa(pkcs1: false, in: folder.path)
        let server = try AiosmtpdServer(in: folder)
        defer { server.stop() }
        let smtp = try transport(smtpSettings(
            port: server.port,
            dkim: ("k1", "example.se", key.path),
            unsubscribeURL: "https://shop.example.se/unsubscribe?c={customer}&m={mailing}",
            unsubscribeMailto: "unsubscribe+{customer}@example.se"
        ))

        let marketing = await smtp.deliver(outgoing(customer: "K 1001/Å", mailing: 42, purpose: .marketing), commit: {})
        let receipt = await smtp.deliver(outgoing(to: "bo@example.se", customer: "1002", purpose: .transactional), commit: {})
        await smtp.close()

        #expect(marketing.isSent, "\(marketing)")
        #expect(receipt.isSent, "\(receipt)")
        let mails = try CheckedMail.check(try server.messages().map(\.path), dns: ["k1._domainkey.example.se": key.dnsRecord])
        try #require(mails.count == 2)
        for mail in mails {
            #expect(mail.defects == [])
            #expect(mail.dkim.count == 1)
            #expect(mail.dkim.first?.valid == true, "\(mail.dkim.first?.problem ?? "")")
        }
        #expect(mails[0].listUnsubscribe == "<https://shop.example.se/unsubscribe?c=K%201001%2F%C3%85&m=42>, <mailto:unsubscribe+K%201001%2F%C3%85@example.se>")
        #expect(mails[0].listUnsubscribePost == "List-Unsubscribe=One-Click")
        #expect(mails[0].dkim.first?.headers.contains("list-unsubscribe-post") == true)
        #expect(mails[0].subject == Swedish.subject)
        #expect(mails[1].listUnsubscribe == nil)
        #expect(mails[1].dkim.first?.headers.contains("list-unsubscribe") == false)
    }

    @Test func anUnusableDKIMKeyStopsTheTransportFromStarting() throws {
        let path = folder.file("not-a-key.pem")
        try "hello".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try transport(smtpSettings(port: 2525, dkim: ("k1", "example.se", path)))
        } throws: { error in
            let error = try #require(error as? SMTPTransportError)
            return error.code == .invalidDKIM && error.message.contains(path)
        }
    }
}
