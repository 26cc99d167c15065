import Foundation

/// A captured message as Python's `email` package (policy=default) and dkimpy read it:
/// the output of `Tests/KassaSMTPTests/Fixtures/check_mail.py`.
public struct CheckedMail: Decodable, Sendable {
    /// A mailbox of From or To, decoded.
    public struct Mailbox: Decodable, Sendable, Equatable {
        /// The display name, decoded ("" when there is none).
        public var name: String
        /// The address.
        public var address: String

        /// A mailbox to compare with.
        public init(name: String, address: String) {
            self.name = name
            self.address = address
        }
    }

    /// One DKIM-Signature and dkimpy's verdict on it.
    public struct Signature: Decodable, Sendable {
        /// Whether dkimpy verified it.
        public var valid: Bool
        /// dkimpy's exception, when it raised one.
        public var problem: String?
        /// `a=`.
        public var algorithm: String
        /// `d=`.
        public var domain: String
        /// `s=`.
        public var selector: String
        /// The `h=` list.
        public var headers: [String]
    }

    /// Every defect the parser found in the message, its parts and header fields.
    public var defects: [String]
    /// From, decoded.
    public var from: [Mailbox]?
    /// To, decoded.
    public var to: [Mailbox]?
    /// The subject, decoded.
    public var subject: String?
    /// The Message-ID with its angle brackets.
    public var messageID: String?
    /// The List-Unsubscribe value.
    public var listUnsubscribe: String?
    /// The List-Unsubscribe-Post value.
    public var listUnsubscribePost: String?
    /// The top-level content type, e.g. `multipart/alternative`.
    public var contentType: String
    /// The text/plain body, decoded, with "\n" line ends.
    public var text: String?
    /// The text/html body, decoded, with "\n" line ends.
    public var html: String?
    /// Every DKIM-Signature, in order.
    public var dkim: [Signature]

    enum CodingKeys: String, CodingKey {
        case defects, from, to, subject, text, html, dkim
        case messageID = "message_id"
        case listUnsubscribe = "list_unsubscribe"
        case listUnsubscribePost = "list_unsubscribe_post"
        case contentType = "content_type"
    }

    /// The checker script shipped with the SMTP tests.
    public static var script: String {
        (KassaProcess.repositoryRoot as NSString).appendingPathComponent("Tests/KassaSMTPTests/Fixtures/check_mail.py")
    }

    /// Checks the messages at `paths` (in one run of the script); `dns` maps
    /// `SELECTOR._domainkey.DOMAIN` to the TXT record dkimpy is given instead of asking DNS.
    public static func check(_ paths: [String], dns: [String: String] = [:]) throws -> [CheckedMail] {
        guard !paths.isEmpty else { return [] }
        let arguments = [script] + dns.flatMap { ["--dns", "\($0.key)=\($0.value)"] } + paths
        let result = try KassaProcess.runProgram("python3", arguments)
        guard result.status == 0 else {
            throw TestServerError("check_mail.py failed with status \(result.status): \(result.stderr)")
        }
        do {
            return try JSONDecoder().decode([CheckedMail].self, from: Data(result.stdout.utf8))
        } catch {
            throw TestServerError("check_mail.py printed something that is not its JSON (\(error)): \(result.stdout.prefix(300))")
        }
    }
}
