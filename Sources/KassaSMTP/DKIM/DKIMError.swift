/// Why a DKIM key could not be loaded or a message could not be signed.
///
/// `code` is stable for programs; `message` is a sentence for people that names the file or
/// the value at fault. Codes may be added; switch over them with a `default`.
public struct DKIMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable name for the kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The stable identifier, e.g. `"unsupported_key"`.
        public var rawValue: String
        /// A code from its identifier.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The identifier.
        public var description: String { rawValue }

        /// The key file cannot be read.
        public static let unreadableKey = Code(rawValue: "unreadable_key")
        /// The key is not a PEM private key Kassa can sign with (RSA of at least 2048 bits in
        /// PKCS#1 or PKCS#8, or Ed25519 in PKCS#8).
        public static let unsupportedKey = Code(rawValue: "unsupported_key")
        /// The selector or domain cannot go into a DKIM-Signature header.
        public static let invalidSetting = Code(rawValue: "invalid_setting")
        /// The message has no header block, or lacks the From field DKIM must sign.
        public static let invalidMessage = Code(rawValue: "invalid_message")
        /// The cryptographic library refused to sign.
        public static let signingFailed = Code(rawValue: "signing_failed")
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence that names the bad file or value.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
