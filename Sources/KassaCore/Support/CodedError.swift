/// An error with a stable code for programs and a sentence for people.
///
/// Every error of Kassa's modules has this shape: a public struct whose `code` says what kind
/// of failure it is and whose `message` names the thing at fault (a plugin, file and line, a
/// customer number, a key). The struct adopts this protocol and lists only its codes, its
/// fields and how its message is made; `description` is the message.
///
/// ```swift
/// public struct MailingError: CodedError, Sendable, Hashable {
///     public typealias Code = ErrorCode<MailingError>
///     public let code: Code
///     public let message: String
/// }
/// extension ErrorCode where Domain == MailingError {
///     public static var busy: Self { Self("busy") }
/// }
/// ```
public protocol CodedError: Error, CustomStringConvertible {
    /// The kind of failure: usually `ErrorCode<Self>`.
    associatedtype Code: Sendable, Hashable, CustomStringConvertible
    /// What kind of failure this is.
    var code: Code { get }
    /// A sentence that names the thing at fault.
    var message: String { get }
}

extension CodedError {
    /// The message.
    public var description: String { message }
}

/// A kind of failure of the error `Domain`: a stable identifier such as `"unknown_mailing"`.
///
/// Like the public error structs over a private enum that Hummingbird uses, codes are named
/// constants (`MailingError.Code.busy`) rather than enum cases, so a module can add codes
/// without breaking the callers that switch over them (with a `default`). `Domain` keeps
/// the codes of two errors apart: a `CardError` code never compares with a `ChequeError` one.
public struct ErrorCode<Domain>: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The stable identifier, e.g. `"unknown_mailing"`.
    public let rawValue: String

    /// A code from its identifier.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A code from its identifier, for the constants of an `extension ErrorCode where Domain == …`.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The identifier.
    public var description: String { rawValue }
}
