/// What a server offers, read from its reply to EHLO (RFC 5321 §4.1.1.1).
///
/// The first line of the reply is the server's name; every further line is an extension
/// keyword with optional parameters (`SIZE 10240000`, `AUTH PLAIN LOGIN`). Keywords are
/// compared without regard to case. A server greeted with HELO offers nothing: use `init()`.
///
/// Capabilities read before STARTTLS are void once TLS is up (RFC 3207 §4.2): the state
/// machine asks again with a second EHLO.
public struct SMTPCapabilities: Sendable, Hashable {
    /// The name the server gave for itself on the first line of its EHLO reply.
    public var serverName: String
    /// Every extension keyword, upper-cased, with its parameters as sent.
    public var extensions: [String: [String]]

    /// No extensions: what a server greeted with HELO offers.
    public init() {
        self.serverName = ""
        self.extensions = [:]
    }

    /// The capabilities listed in a 250 reply to EHLO.
    public init(ehloReply reply: SMTPReply) {
        self.serverName = String(reply.lines[0].split(separator: " ").first ?? "")
        var extensions: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first else { continue }
            var name = keyword.uppercased()
            var parameters = words.dropFirst().map(String.init)
            // Old servers (and old Outlook clients' expectations) write "AUTH=LOGIN PLAIN".
            if name.hasPrefix("AUTH=") {
                parameters.insert(String(keyword.dropFirst(5)), at: 0)
                name = "AUTH"
            }
            extensions[name, default: []].append(contentsOf: parameters)
        }
        self.extensions = extensions
    }

    /// Whether the server offers the extension `keyword` (case-insensitive).
    public func offers(_ keyword: String) -> Bool {
        extensions[keyword.uppercased()] != nil
    }

    /// STARTTLS (RFC 3207).
    public var startTLS: Bool { offers("STARTTLS") }
    /// PIPELINING (RFC 2920): commands may be sent in groups without waiting for each reply.
    public var pipelining: Bool { offers("PIPELINING") }
    /// 8BITMIME (RFC 6152): message content may contain octets above 127.
    public var eightBitMIME: Bool { offers("8BITMIME") }
    /// SMTPUTF8 (RFC 6531): addresses and headers may be UTF-8.
    public var smtpUTF8: Bool { offers("SMTPUTF8") }
    /// ENHANCEDSTATUSCODES (RFC 2034).
    public var enhancedStatusCodes: Bool { offers("ENHANCEDSTATUSCODES") }
    /// SIZE (RFC 1870) is offered, with or without a limit.
    public var size: Bool { offers("SIZE") }

    /// The SASL mechanisms after AUTH, upper-cased, in the server's order.
    public var authenticationMechanisms: [String] {
        var seen = Set<String>()
        return (extensions["AUTH"] ?? []).map { $0.uppercased() }.filter { seen.insert($0).inserted }
    }

    /// The largest message the server accepts, in octets, when SIZE names one; `nil` when SIZE
    /// is not offered or its limit is 0 ("no fixed maximum").
    public var maximumMessageSize: Int? {
        guard let text = extensions["SIZE"]?.first, let value = Int(text), value > 0 else { return nil }
        return value
    }

    /// Whether the server offers `mechanism` after AUTH.
    public func offers(_ mechanism: SMTPAuthMechanism) -> Bool {
        authenticationMechanisms.contains(mechanism.rawValue)
    }
}
