/// An RFC 3463 enhanced status code such as `5.1.1`: class, subject and detail.
public struct SMTPEnhancedStatusCode: Sendable, Hashable, CustomStringConvertible {
    /// 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    public let statusClass: Int
    /// What the status is about (1 addressing, 2 mailbox, 3 mail system, 4 network, 5 protocol,
    /// 6 content, 7 security).
    public let subject: Int
    /// The detail within the subject.
    public let detail: Int

    /// A code from its three numbers.
    public init(statusClass: Int, subject: Int, detail: Int) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    /// The code at the start of `line`, followed by a space or the end of the line, when its
    /// class is the first digit of `replyCode` (RFC 2034 §4 requires them to agree; a line
    /// such as `250 2.0 ok` or `550 2.1.0 …` is plain text).
    init?(prefixOf line: String, replyCode: Int) {
        let token = line.utf8.prefix(while: { $0 != UInt8(ascii: " ") })
        let parts = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        // Class is one digit, subject and detail one to three (RFC 3463 §2).
        guard parts.count == 3, parts[0].count == 1,
              (1...3).contains(parts[1].count), (1...3).contains(parts[2].count)
        else { return nil }
        var numbers: [Int] = []
        for part in parts {
            var value = 0
            for byte in part {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            numbers.append(value)
        }
        guard [2, 4, 5].contains(numbers[0]), numbers[0] == replyCode / 100 else { return nil }
        self.init(statusClass: numbers[0], subject: numbers[1], detail: numbers[2])
    }

    /// `"5.1.1"`.
    public var description: String { "\(statusClass).\(subject).\(detail)" }
}
