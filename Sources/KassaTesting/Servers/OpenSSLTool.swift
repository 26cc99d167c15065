import Foundation

/// The `openssl` command line, for certificates and keys made at test time. What it makes
/// is checked with its own tools, independently of Kassa's code.
public enum OpenSSLTool {
    /// Runs `openssl ARGUMENTS` in `directory`; throws with its error output when it fails.
    @discardableResult
    public static func run(_ arguments: [String], in directory: String) throws -> KassaProcess.Result {
        let result = try KassaProcess.runProgram("openssl", arguments, in: directory)
        guard result.status == 0 else {
            throw TestServerError("openssl \(arguments.joined(separator: " ")) failed with status \(result.status): \(result.stderr)")
        }
        return result
    }
}

/// A self-signed certificate for 127.0.0.1 (and `localhost`), valid for two days: the CA
/// file a test client trusts, and the certificate and key a test server presents.
public struct TestCertificate: Sendable {
    /// The certificate, PEM.
    public let certificatePath: String
    /// Its private key (P-256), PEM.
    public let keyPath: String

    /// Makes a certificate in `directory`.
    public static func selfSigned(in directory: String, name: String = "server") throws -> TestCertificate {
        let certificate = (directory as NSString).appendingPathComponent("\(name)-cert.pem")
        let key = (directory as NSString).appendingPathComponent("\(name)-key.pem")
        try OpenSSLTool.run([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ], in: directory)
        return TestCertificate(certificatePath: certificate, keyPath: key)
    }
}

/// A certificate authority made at test time, and a certificate for 127.0.0.1 (and
/// `localhost`) it signed: a client trusts `caPath` (`ca_file`) and the server presents
/// `server`. Both are valid for two days.
public struct TestCertificateAuthority: Sendable {
    /// The CA's certificate, PEM: what a client is told to trust.
    public let caPath: String
    /// The server's certificate and key, signed by the CA.
    public let server: TestCertificate

    /// Makes a CA and a server certificate in `directory`.
    public static func make(in directory: String, name: String = "test") throws -> TestCertificateAuthority {
        func path(_ file: String) -> String { (directory as NSString).appendingPathComponent("\(name)-\(file)") }
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try OpenSSLTool.run(["req", "-x509"] + key + [
            "-keyout", path("ca-key.pem"), "-out", path("ca-cert.pem"), "-days", "2", "-subj", "/CN=Kassa Test CA \(name)",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ], in: directory)
        try OpenSSLTool.run(["req"] + key + ["-keyout", path("server-key.pem"), "-out", path("server.csr"), "-subj", "/CN=127.0.0.1"],
                            in: directory)
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: path("server.ext"), atomically: true, encoding: .utf8)
        try OpenSSLTool.run([
            "x509", "-req", "-in", path("server.csr"), "-CA", path("ca-cert.pem"), "-CAkey", path("ca-key.pem"),
            "-CAcreateserial", "-out", path("server-cert.pem"), "-days", "2", "-extfile", path("server.ext"),
        ], in: directory)
        return TestCertificateAuthority(caPath: path("ca-cert.pem"),
                                        server: TestCertificate(certificatePath: path("server-cert.pem"), keyPath: path("server-key.pem")))
    }
}

/// A DKIM private key made with `openssl`, and the DNS TXT record of its public key as
/// `openssl` computes it.
public struct TestDKIMKey: Sendable {
    /// The PEM file of the private key.
    public let path: String
    /// `v=DKIM1; k=rsa; p=…` or `v=DKIM1; k=ed25519; p=…`.
    public let dnsRecord: String

    /// An RSA key: PKCS#1 (`BEGIN RSA PRIVATE KEY`) when `pkcs1`, else PKCS#8.
    public static func rsa(bits: Int = 2048, pkcs1: Bool, in directory: String, name: String = "dkim-rsa") throws -> TestDKIMKey {
        let path = (directory as NSString).appendingPathComponent("\(name).pem")
        if pkcs1 {
            try OpenSSLTool.run(["genrsa", "-traditional", "-out", path, String(bits)], in: directory)
        } else {
            try OpenSSLTool.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)", "-out", path], in: directory)
        }
        let publicKey = try publicKeyDER(of: path, in: directory)
        return TestDKIMKey(path: path, dnsRecord: "v=DKIM1; k=rsa; p=\(Data(publicKey).base64EncodedString())")
    }

    /// An Ed25519 key, PKCS#8 (RFC 8463).
    public static func ed25519(in directory: String, name: String = "dkim-ed25519") throws -> TestDKIMKey {
        let path = (directory as NSString).appendingPathComponent("\(name).pem")
        try OpenSSLTool.run(["genpkey", "-algorithm", "ED25519", "-out", path], in: directory)
        // The SubjectPublicKeyInfo of an Ed25519 key ends with the 32 raw bytes DKIM wants.
        let publicKey = try publicKeyDER(of: path, in: directory).suffix(32)
        return TestDKIMKey(path: path, dnsRecord: "v=DKIM1; k=ed25519; p=\(Data(publicKey).base64EncodedString())")
    }

    private static func publicKeyDER(of path: String, in directory: String) throws -> [UInt8] {
        let output = path + ".pub.der"
        try OpenSSLTool.run(["pkey", "-in", path, "-pubout", "-outform", "DER", "-out", output], in: directory)
        guard let data = FileManager.default.contents(atPath: output) else {
            throw TestServerError("openssl wrote no public key to \(output)")
        }
        return [UInt8](data)
    }
}
