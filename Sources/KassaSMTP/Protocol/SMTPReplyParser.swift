/// Turns the bytes an SMTP server sends into replies, however the network cuts them.
///
/// Feed every read with `append(_:)`, then call `nextReply()` until it returns `nil`: a
/// reply split over several reads comes out once its last line is complete, and several
/// replies in one read (the answers to a pipelined group) come out one by one, in order.
///
/// ```swift
/// var parser = SMTPReplyParser()
/// parser.append(Array("250-mx.example.se\r\n250-PIPE".utf8))
/// try parser.nextReply()                      // nil: the reply is not complete yet
/// parser.append(Array("LINING\r\n250 8BITMIME\r\n".utf8))
/// try parser.nextReply()?.lines               // ["mx.example.se", "PIPELINING", "8BITMIME"]
/// ```
///
/// Lines end with CRLF; a bare LF is accepted too, because some servers send it and nothing
/// is ambiguous about it. A line is a three-digit code (2xx…5xx), then `-` (more lines
/// follow), a space or nothing (the last line), then text. Every line of a multi-line reply
/// must carry the same code. Anything else throws `SMTPError` with code `.malformedReply`;
/// a line or reply longer than the limits throws `.replyTooLong`, so a hostile server
/// cannot make the client buffer without end. After an error the byte stream cannot be
/// trusted: close the connection.
public struct SMTPReplyParser: Sendable {
    /// The longest reply line accepted, in octets without the line end. RFC 5321 §4.5.3.1.5
    /// allows 512 including CRLF; real servers send longer text, so the default is generous.
    public let maximumLineLength: Int
    /// The most lines one reply may have.
    public let maximumLineCount: Int

    private var buffer: [UInt8] = []
    /// Where the unread bytes start; the buffer is compacted only now and then, so a read of
    /// many small replies does not shift the array for each one.
    private var readIndex = 0
    /// Where the search for the next line end resumes, so a line arriving byte by byte is
    /// scanned once and not once per byte.
    private var scanIndex = 0
    /// The code and lines of a multi-line reply whose last line has not arrived yet.
    private var pendingCode: Int?
    private var pendingLines: [String] = []
    /// How many lines this parser has consumed, for error messages.
    private var lineNumber = 0

    /// A parser with the given limits.
    public init(maximumLineLength: Int = 4096, maximumLineCount: Int = 512) {
        self.maximumLineLength = maximumLineLength
        self.maximumLineCount = maximumLineCount
    }

    /// Adds bytes read from the connection.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Whether bytes were received that are not yet part of a returned reply (the start of
    /// the next reply, or lines of an unfinished multi-line reply).
    ///
    /// After the 220 reply to STARTTLS this must be `false`: bytes the server sent before the
    /// TLS handshake must never be read as if they came over TLS (the "STARTTLS command
    /// injection" of CVE-2011-0411). A channel handler closes the connection when it is not.
    public var hasBufferedInput: Bool {
        readIndex < buffer.count || pendingCode != nil
    }

    /// Forgets every buffered byte and any partial reply (after STARTTLS, or for a new
    /// connection).
    public mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        readIndex = 0
        scanIndex = 0
        pendingCode = nil
        pendingLines = []
    }

    /// The next complete reply, or `nil` when more bytes are needed.
    public mutating func nextReply() throws(SMTPError) -> SMTPReply? {
        while let line = try nextLine() {
            lineNumber += 1
            let (code, isLast, text) = try parse(line)
            if let pendingCode, pendingCode != code {
                throw SMTPError(
                    .malformedReply,
                    "Line \(lineNumber) from the server, \(SMTPError.quoted(bytes: line)), has code \(code) in the middle of a reply with code \(pendingCode) (every line of a multi-line reply carries the same code)."
                )
            }
            pendingLines.append(text)
            guard isLast else {
                pendingCode = code
                guard pendingLines.count < maximumLineCount else {
                    throw SMTPError(
                        .replyTooLong,
                        "The server sent a reply of more than \(maximumLineCount) lines (code \(code)); the client stops reading there."
                    )
                }
                continue
            }
            let reply = SMTPReply(code: code, lines: pendingLines)
            pendingCode = nil
            pendingLines = []
            return reply
        }
        return nil
    }

    /// Appends `bytes` and returns every reply they complete, in order.
    public mutating func parse(_ bytes: some Sequence<UInt8>) throws(SMTPError) -> [SMTPReply] {
        append(bytes)
        var replies: [SMTPReply] = []
        while let reply = try nextReply() {
            replies.append(reply)
        }
        return replies
    }

    /// The next line without its line end, or `nil` when no line end has arrived yet.
    private mutating func nextLine() throws(SMTPError) -> ArraySlice<UInt8>? {
        guard let lineFeed = buffer[scanIndex...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanIndex = buffer.count
            if buffer.count - readIndex > maximumLineLength {
                throw lineTooLong(length: buffer.count - readIndex)
            }
            return nil
        }
        var end = lineFeed
        if end > readIndex, buffer[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        guard end - readIndex <= maximumLineLength else {
            throw lineTooLong(length: end - readIndex)
        }
        let line = buffer[readIndex..<end]
        readIndex = lineFeed + 1
        scanIndex = readIndex
        compactIfWorthwhile()
        return line
    }

    /// Drops consumed bytes once they are most of the buffer; amortised O(1) per byte.
    private mutating func compactIfWorthwhile() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
            scanIndex = 0
        } else if readIndex >= 4096, readIndex * 2 >= buffer.count {
            buffer.removeFirst(readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }

    /// The code, whether this is the last line of its reply, and the text.
    private func parse(_ line: ArraySlice<UInt8>) throws(SMTPError) -> (Int, Bool, String) {
        let start = line.startIndex
        func isDigit(_ byte: UInt8, in range: ClosedRange<UInt8>) -> Bool {
            range.contains(byte)
        }
        guard line.count >= 3,
              isDigit(line[start], in: UInt8(ascii: "2")...UInt8(ascii: "5")),
              isDigit(line[start + 1], in: UInt8(ascii: "0")...UInt8(ascii: "9")),
              isDigit(line[start + 2], in: UInt8(ascii: "0")...UInt8(ascii: "9"))
        else {
            throw SMTPError(
                .malformedReply,
                "Line \(lineNumber) from the server, \(SMTPError.quoted(bytes: line)), does not start with a reply code from 200 to 599 (expected a line such as \"250 OK\")."
            )
        }
        let code = line[start...start + 2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard line.count > 3 else { return (code, true, "") }
        let separator = line[start + 3]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPError(
                .malformedReply,
                "Line \(lineNumber) from the server, \(SMTPError.quoted(bytes: line)), has \(SMTPError.quoted(String(decoding: [separator], as: UTF8.self))) after its code where a space or \"-\" belongs."
            )
        }
        let text = String(decoding: line[(start + 4)...], as: UTF8.self)
        return (code, separator == UInt8(ascii: " "), text)
    }

    private func lineTooLong(length: Int) -> SMTPError {
        SMTPError(
            .replyTooLong,
            "Line \(lineNumber + 1) from the server is longer than \(maximumLineLength) bytes (\(length) so far) and starts \(SMTPError.quoted(bytes: buffer[readIndex...].prefix(60)))."
        )
    }
}
