import Crypto
import Foundation

/// Signs messages with DKIM (RFC 6376): relaxed/relaxed canonicalization, rsa-sha256 or
/// ed25519-sha256 (RFC 8463), by the algorithm of the key.
///
/// ```swift
/// let signer = try DKIMSigner(selector: "k1", domain: "example.se",
///                             key: try DKIMPrivateKey(contentsOfFile: "dkim.pem"))
/// let signed = try signer.sign(mail.bytes)     // DKIM-Signature: … prepended
/// ```
///
/// Signed header fields: those of `signedHeaders` the message has (From, To, Subject, Date,
/// Message-ID, MIME-Version, Content-Type, and List-Unsubscribe with List-Unsubscribe-Post,
/// which RFC 8058 requires to be signed), each as often as it occurs. The fields of
/// `oversignedHeaders` are named once more than they occur, so that nobody can add a second
/// From or Subject after signing without breaking the signature (RFC 6376 §8.15).
///
/// Sign the final message: the bytes `MIMEEncoder` produced, before SMTP dot-stuffing (which
/// the server undoes).
public struct DKIMSigner: Sendable {
    /// The header fields signed when present, in this order.
    public static let defaultSignedHeaders = [
        "from", "to", "subject", "date", "message-id", "mime-version", "content-type",
        "list-unsubscribe", "list-unsubscribe-post",
    ]
    /// The header fields named once more than they occur.
    public static let defaultOversignedHeaders = ["from", "to", "subject"]

    /// The selector (`s=`): the key's record is at `SELECTOR._domainkey.DOMAIN`.
    public let selector: String
    /// The signing domain (`d=`); DMARC wants it to be the From domain or a parent of it.
    public let domain: String
    /// The private key.
    public let key: DKIMPrivateKey
    /// The header fields signed when present, lower case.
    public var signedHeaders: [String]
    /// The header fields named once more than they occur, lower case.
    public var oversignedHeaders: [String]

    /// A signer; the selector and domain must be ASCII domain names (an internationalized
    /// domain in its `xn--` form).
    public init(selector: String, domain: String, key: DKIMPrivateKey) throws(DKIMError) {
        for (name, value) in [("selector", selector), ("domain", domain)] where !Self.isDomainName(value) {
            throw DKIMError(.invalidSetting, "The DKIM \(name) \(SMTPError.quoted(value)) is not a domain name: use letters, digits, \"-\" and dots (an internationalized domain in its xn-- form).")
        }
        self.selector = selector
        self.domain = domain
        self.key = key
        self.signedHeaders = Self.defaultSignedHeaders
        self.oversignedHeaders = Self.defaultOversignedHeaders
    }

    /// `message` with a `DKIM-Signature` field in front, made at `time`.
    public func sign(_ message: [UInt8], time: Date = Date()) throws(DKIMError) -> [UInt8] {
        let field = try signatureField(for: message, time: time)
        var signed: [UInt8] = []
        signed.reserveCapacity(field.count + message.count)
        signed.append(contentsOf: field)
        signed.append(contentsOf: message)
        return signed
    }

    /// The `DKIM-Signature` field for `message`, folded, ending with CRLF.
    public func signatureField(for message: [UInt8], time: Date = Date()) throws(DKIMError) -> [UInt8] {
        let parts = DKIMMessageParts(message)
        guard parts.fields.contains(where: { $0.lowercasedName == "from" }) else {
            throw DKIMError(.invalidMessage, "The message has no From field, which every DKIM signature must cover (RFC 6376 §5.4).")
        }
        let bodyHash = Data(SHA256.hash(data: DKIMCanonicalization.relaxedBody(parts.body))).base64EncodedString()

        // Which fields, in `h=` order, and the instances they stand for: the last unused one
        // of each name, counting from the bottom (RFC 6376 §5.4.2).
        var headerNames: [String] = []
        var remaining: [String: [ArraySlice<UInt8>]] = [:]
        for field in parts.fields {
            remaining[field.lowercasedName, default: []].append(field.bytes)
        }
        for name in signedHeaders {
            let count = remaining[name]?.count ?? 0
            headerNames += Array(repeating: name, count: count + (oversignedHeaders.contains(name) ? 1 : 0))
        }
        var hashed: [UInt8] = []
        hashed.reserveCapacity(message.count / 2)
        for name in headerNames {
            if let field = remaining[name]?.popLast() {
                DKIMCanonicalization.relaxedHeader(field, into: &hashed)
            }
        }

        let seconds = Int64(time.timeIntervalSince1970.rounded(.down))
        let (unsigned, lastLineLength) = Self.fold([
            "DKIM-Signature:", "v=1;", "a=\(key.algorithm.rawValue);", "c=relaxed/relaxed;", "d=\(domain);", "s=\(selector);",
            "t=\(seconds);", "h=\(headerNames.joined(separator: ":"));", "bh=\(bodyHash);", "b=",
        ])
        // The field as the verifier sees it with the b= value removed: hashed without CRLF.
        DKIMCanonicalization.relaxedHeader(Array(unsigned.utf8), lineEnd: false, into: &hashed)
        let signature = try key.signature(for: hashed)

        // The signature continues the b= line and then fills lines of its own; a verifier
        // removes it together with the folding whitespace inside it.
        let encoded = Data(signature).base64EncodedString()
        var chunkStart = encoded.startIndex
        var text = unsigned
        var room = max(8, 76 - lastLineLength)
        while chunkStart < encoded.endIndex {
            let chunkEnd = encoded.index(chunkStart, offsetBy: room, limitedBy: encoded.endIndex) ?? encoded.endIndex
            text += encoded[chunkStart..<chunkEnd]
            chunkStart = chunkEnd
            if chunkStart < encoded.endIndex {
                text += "\r\n\t"
                room = 72
            }
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Tokens joined by spaces, folded with CRLF TAB before a token that would pass column 76;
    /// and the length of the last line.
    private static func fold(_ tokens: [String]) -> (text: String, lastLineLength: Int) {
        var text = ""
        var lineLength = 0
        for (index, token) in tokens.enumerated() {
            if index == 0 {
                text = token
                lineLength = token.utf8.count
            } else if lineLength + 1 + token.utf8.count > 76 {
                text += "\r\n\t" + token
                lineLength = 1 + token.utf8.count
            } else {
                text += " " + token
                lineLength += 1 + token.utf8.count
            }
        }
        return (text, lineLength)
    }

    private static func isDomainName(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return !text.isEmpty && text.utf8.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { byte in
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                }
        }
    }
}
