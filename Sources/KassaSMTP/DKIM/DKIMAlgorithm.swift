/// The signing algorithm of a DKIM signature, as its `a=` tag names it.
public enum DKIMAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// RSA with PKCS#1 v1.5 padding over SHA-256 (RFC 6376 §3.3.1); what every verifier knows.
    case rsaSHA256 = "rsa-sha256"
    /// Ed25519 over the SHA-256 hash (RFC 8463); short keys, fast, not yet known to every
    /// verifier, so usually published beside an RSA selector.
    case ed25519SHA256 = "ed25519-sha256"

    /// The `k=` tag of the DNS record that publishes the public key.
    public var keyType: String {
        switch self {
        case .rsaSHA256: "rsa"
        case .ed25519SHA256: "ed25519"
        }
    }
}
