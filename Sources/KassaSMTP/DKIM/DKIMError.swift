import KassaCore

/// Why a DKIM key could not be loaded or a message could not be signed.
///
/// `code` is stable for programs; `message` is a sentence for people that names the file or
/// the value at fault. Codes may be added; switch over them with a `default`.
public struct DKIMError: CodedError, Sendable, Hashable {
    /// A stable name for the kind of failure.
    public typealias Code = ErrorCode<DKIMError>

    /// What kind of failure this is.
    public let code: Code
    /// A sentence that names the bad file or value.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension ErrorCode where Domain == DKIMError {
    /// The key file cannot be read.
    public static var unreadableKey: Self { Self("unreadable_key") }
    /// The key is not a PEM private key Kassa can sign with (RSA of at least 2048 bits in
    /// PKCS#1 or PKCS#8, or Ed25519 in PKCS#8).
    public static var unsupportedKey: Self { Self("unsupported_key") }
    /// The selector or domain cannot go into a DKIM-Signature header.
    public static var invalidSetting: Self { Self("invalid_setting") }
    /// The message has no header block, or lacks the From field DKIM must sign.
    public static var invalidMessage: Self { Self("invalid_message") }
    /// The cryptographic library refused to sign.
    public static var signingFailed: Self { Self("signing_failed") }
}
