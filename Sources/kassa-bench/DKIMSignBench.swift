import Foundation
import KassaSMTP
import KassaTesting

/// `dkim-sign`: RSA-2048 DKIM signatures per second of one marketing message (about 2 KB,
/// with List-Unsubscribe), Kassa's `DKIMSigner` against dkimpy's `dkim.sign` on the same
/// message, key and signed headers, both in this run. The key is made by openssl.
enum DKIMSignBench {
    static let signatures = 2_000
    static let anchorSignatures = 200
    static let signedHeaders = ["from", "to", "subject", "date", "message-id", "mime-version", "content-type",
                                "list-unsubscribe", "list-unsubscribe-post"]

    static func run() throws -> [Figure] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kassa-bench-dkim-sign-\(getpid())", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let key = try TestDKIMKey.rsa(bits: 2048, pkcs1: true, in: folder.path)
        let message = try MIMEEncoder(timeZone: TimeZone(identifier: "Europe/Stockholm")!).encode(MailMessage(
            from: try MailAddress(parsing: "Cykelbutiken <info@example.se>"),
            to: [MailAddress("asa@example.se", displayName: "Åsa Öberg")],
            subject: "Vårnyheter från Cykelbutiken",
            text: String(repeating: "Hej! Våra vårnyheter är här: cyklar, hjälmar och lås till bra priser.\n", count: 24),
            listUnsubscribe: ListUnsubscribe(url: "https://shop.example.se/u/1001", mailto: "unsubscribe@example.se", oneClick: true)
        )).bytes
        let messagePath = folder.appendingPathComponent("message.eml").path
        _ = FileManager.default.createFile(atPath: messagePath, contents: Data(message))

        var signer = try DKIMSigner(selector: "k1", domain: "example.se", key: DKIMPrivateKey(contentsOfFile: key.path))
        // The same h= list dkimpy gets: no over-signing, so both sign the same header set.
        signer.oversignedHeaders = []
        signer.signedHeaders = signedHeaders

        progress("kassa DKIMSigner, \(signatures) signatures")
        var signedBytes = 0
        for _ in 0..<20 {
            signedBytes += try signer.sign(message).count
        }
        let start = monotonicSeconds()
        for _ in 0..<signatures {
            signedBytes += try signer.sign(message).count
        }
        let kassaSeconds = monotonicSeconds() - start
        guard signedBytes > message.count * signatures else { throw BenchError("dkim-sign: signing produced nothing") }

        progress("dkimpy dkim.sign, \(anchorSignatures) signatures")
        let python = try ChildRun("python3", ["-c", pythonSign, messagePath, key.path, "\(anchorSignatures)", signedHeaders.joined(separator: ",")],
                                  in: folder.path)
        guard let dkimpyRate = Double(python.output), dkimpyRate > 0 else {
            throw BenchError("dkim-sign: dkimpy printed \(python.output)")
        }

        let kassaRate = Double(signatures) / kassaSeconds
        return [
            Figure(bench: "dkim-sign", value: kassaRate, unit: "signatures/s",
                   anchor: "dkimpy dkim.sign, same message and key", anchorValue: dkimpyRate, goal: ">= 10.0",
                   note: "ratio = kassa / dkimpy, higher is better; rsa-sha256, relaxed/relaxed, RSA-2048, \(message.count)-byte message, "
                       + "\(signedHeaders.count) signed header names; kassa \(signatures) signatures in \(String(format: "%.2f s", kassaSeconds)) wall, "
                       + "dkimpy \(anchorSignatures) timed inside Python"),
        ]
    }

    /// dkimpy's signing loop; prints signatures per second.
    static let pythonSign = """
        import dkim, sys, time
        path, key_path, count, headers = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
        message = open(path, "rb").read()
        key = open(key_path, "rb").read()
        include = [name.encode() for name in headers.split(",")]
        dkim.sign(message, b"k1", b"example.se", key, include_headers=include, canonicalize=(b"relaxed", b"relaxed"))
        start = time.perf_counter()
        for _ in range(count):
            dkim.sign(message, b"k1", b"example.se", key, include_headers=include,
                      canonicalize=(b"relaxed", b"relaxed"))
        print(count / (time.perf_counter() - start))
        """

    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("dkim-sign: \(text)\n".utf8))
    }
}
