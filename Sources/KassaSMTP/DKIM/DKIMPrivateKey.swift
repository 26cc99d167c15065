import Crypto
import Foundation
import _CryptoExtras

/// The private key a `DKIMSigner` signs with, read from a PEM file (`[smtp] dkim_key`).
///
/// Accepted: RSA keys of at least 1024 bits (RFC 8301; 2048 is what to generate) as
/// `BEGIN RSA PRIVATE KEY` (PKCS#1, `openssl genrsa`) or `BEGIN PRIVATE KEY` (PKCS#8,
/// `openssl genpkey -algorithm rsa`), and Ed25519 keys as PKCS#8 (`openssl genpkey
/// -algorithm ed25519`). Encrypted keys are refused: the key must be readable unattended.
public struct DKIMPrivateKey: Sendable {
    enum Backing: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        /// The 32-byte seed: Crypto's Ed25519 key type is not `Sendable`, so the key is
        /// made from it for each signature (cheap next to the signature itself).
        case ed25519(seed: [UInt8])
    }

    let backing: Backing

    /// The algorithm this key signs with.
    public var algorithm: DKIMAlgorithm {
        switch backing {
        case .rsa: .rsaSHA256
        case .ed25519: .ed25519SHA256
        }
    }

    /// The key in a PEM document; `source` names where it came from in error messages.
    public init(pemRepresentation pem: String, source: String = "the DKIM key") throws(DKIMError) {
        guard let block = Self.firstPEMBlock(in: pem) else {
            throw DKIMError(.unsupportedKey, "\(source) is not a PEM private key (no \"-----BEGIN … PRIVATE KEY-----\" line); make one with `openssl genrsa -out dkim.pem 2048`.")
        }
        switch block.label {
        case "RSA PRIVATE KEY":
            backing = .rsa(try Self.rsaKey(pem, source: source))
        case "PRIVATE KEY":
            guard let der = Data(base64Encoded: block.base64, options: .ignoreUnknownCharacters) else {
                throw DKIMError(.unsupportedKey, "\(source) has a PRIVATE KEY block that is not valid base64.")
            }
            let bytes = [UInt8](der)
            if Self.contains(bytes, Self.ed25519Identifier) {
                backing = .ed25519(seed: try Self.ed25519Seed(pkcs8: bytes, source: source))
            } else if Self.contains(bytes, Self.rsaIdentifier) {
                backing = .rsa(try Self.rsaKey(pem, source: source))
            } else {
                throw DKIMError(.unsupportedKey, "\(source) holds a private key that is neither RSA nor Ed25519; DKIM signs with rsa-sha256 or ed25519-sha256.")
            }
        case "ENCRYPTED PRIVATE KEY":
            throw DKIMError(.unsupportedKey, "\(source) is encrypted with a passphrase, which Kassa cannot type in; store it unencrypted with `openssl pkey -in KEY -out dkim.pem` and protect the file instead.")
        default:
            throw DKIMError(.unsupportedKey, "\(source) holds a \"\(block.label)\" PEM block; DKIM needs an RSA PRIVATE KEY or a PRIVATE KEY (PKCS#8, RSA or Ed25519).")
        }
    }

    /// The key in the PEM file at `path`.
    public init(contentsOfFile path: String) throws(DKIMError) {
        let source = "The DKIM key file \(SMTPError.quoted(path))"
        guard FileManager.default.fileExists(atPath: path) else {
            throw DKIMError(.unreadableKey, "\(source) does not exist; check [smtp] dkim_key (a relative path is taken from the folder of kassa.toml).")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DKIMError(.unreadableKey, "\(source) cannot be read; check that the user running Kassa may read it.")
        }
        try self.init(pemRepresentation: String(decoding: data, as: UTF8.self), source: source)
    }

    /// The value of the DNS TXT record at `SELECTOR._domainkey.DOMAIN` that publishes the
    /// public key: `v=DKIM1; k=rsa; p=MIIBIjANBg…`.
    public var dnsRecord: String {
        switch backing {
        case .rsa(let key):
            return "v=DKIM1; k=rsa; p=\(key.publicKey.derRepresentation.base64EncodedString())"
        case .ed25519(let seed):
            // The seed was checked when the key was read.
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            return "v=DKIM1; k=ed25519; p=\(key?.publicKey.rawRepresentation.base64EncodedString() ?? "")"
        }
    }

    /// The signature of `data` as the `a=` algorithm defines it.
    func signature(for data: [UInt8]) throws(DKIMError) -> [UInt8] {
        do {
            switch backing {
            case .rsa(let key):
                let signature = try key.signature(for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5)
                return [UInt8](signature.rawRepresentation)
            case .ed25519(let seed):
                // RFC 8463 §3: Ed25519 signs the SHA-256 hash, not the data itself.
                let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
                let digest = Data(SHA256.hash(data: data))
                return [UInt8](try key.signature(for: digest))
            }
        } catch {
            throw DKIMError(.signingFailed, "Signing with the \(algorithm.rawValue) key failed: \(Self.describe(error)).")
        }
    }

    // MARK: Reading PEM

    /// The OID 1.3.101.112 (Ed25519), as DER.
    private static let ed25519Identifier: [UInt8] = [0x06, 0x03, 0x2B, 0x65, 0x70]
    /// The OID 1.2.840.113549.1.1.1 (rsaEncryption), as DER.
    private static let rsaIdentifier: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]

    private static func firstPEMBlock(in pem: String) -> (label: String, base64: String)? {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else { return nil }
        let label = String(lines[begin].dropFirst("-----BEGIN ".count).dropLast(5))
        guard let end = lines[(begin + 1)...].firstIndex(of: "-----END \(label)-----") else { return nil }
        return (label, lines[(begin + 1)..<end].joined())
    }

    private static func rsaKey(_ pem: String, source: String) throws(DKIMError) -> _RSA.Signing.PrivateKey {
        let key: _RSA.Signing.PrivateKey
        do {
            // RFC 8301 §3.2 allows 1024 bits; the "unsafe" initializer is the one that does.
            key = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem)
        } catch {
            throw DKIMError(.unsupportedKey, "\(source) is not a usable RSA private key (\(describe(error))); DKIM needs at least 1024 bits, 2048 recommended.")
        }
        return key
    }

    /// The 32-byte seed in a PKCS#8 Ed25519 key (RFC 8410 §7): an OCTET STRING of 32 bytes
    /// wrapped in another OCTET STRING, `04 22 04 20`, after the algorithm identifier.
    private static func ed25519Seed(pkcs8 der: [UInt8], source: String) throws(DKIMError) -> [UInt8] {
        let marker: [UInt8] = [0x04, 0x22, 0x04, 0x20]
        if let start = firstIndex(of: marker, in: der), start + marker.count + 32 <= der.count {
            let seed = Array(der[(start + marker.count)..<(start + marker.count + 32)])
            if (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) != nil {
                return seed
            }
        }
        throw DKIMError(.unsupportedKey, "\(source) names Ed25519 but its private key is not the 32-byte form of RFC 8410.")
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: bytes) != nil
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    static func describe(_ error: any Error) -> String {
        "\(error)"
    }
}
