/// The "relaxed" canonicalization of RFC 6376 §3.4.2 and §3.4.4: what a signer hashes, so
/// that the whitespace changes servers commonly make on the way do not break a signature.
enum DKIMCanonicalization {
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let colon = UInt8(ascii: ":")

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// One header field, relaxed: the name in lower case, the value unfolded, every run of
    /// spaces and tabs one space, none around the colon or at the end; then CRLF unless
    /// `lineEnd` is false (the DKIM-Signature field itself is hashed without it).
    static func relaxedHeader(_ field: some Collection<UInt8>, lineEnd: Bool = true, into output: inout [UInt8]) {
        var iterator = field.makeIterator()
        var name: [UInt8] = []
        while let byte = iterator.next(), byte != colon {
            name.append(byte)
        }
        while let last = name.last, isWhitespace(last) || last == cr || last == lf {
            name.removeLast()
        }
        for byte in name {
            output.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
        }
        output.append(colon)

        // Unfolding removes the CRLF and keeps the whitespace after it, which then collapses
        // with any other whitespace into one space, unless it leads or trails the value.
        var pendingSpace = false
        var wroteValue = false
        while let byte = iterator.next() {
            switch byte {
            case cr, lf:
                continue
            case space, tab:
                pendingSpace = wroteValue
            default:
                if pendingSpace {
                    output.append(space)
                    pendingSpace = false
                }
                output.append(byte)
                wroteValue = true
            }
        }
        if lineEnd {
            output.append(cr)
            output.append(lf)
        }
    }

    /// The body, relaxed: whitespace at line ends dropped, runs of spaces and tabs inside a
    /// line one space, empty lines at the end dropped; a body that is not empty then ends
    /// with exactly one CRLF. Line ends are CRLF (a bare LF is taken as one, too).
    static func relaxedBody(_ body: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count + 2)
        var line: [UInt8] = []
        var emptyLines = 0
        var pendingSpace = false

        func endLine() {
            if line.isEmpty {
                emptyLines += 1
            } else {
                // Empty lines count only once something follows them.
                for _ in 0..<emptyLines {
                    output.append(cr)
                    output.append(lf)
                }
                emptyLines = 0
                output.append(contentsOf: line)
                output.append(cr)
                output.append(lf)
                line.removeAll(keepingCapacity: true)
            }
            pendingSpace = false
        }

        var sawContentAfterLastLineEnd = false
        for byte in body {
            switch byte {
            case cr:
                continue
            case lf:
                endLine()
                sawContentAfterLastLineEnd = false
            case space, tab:
                pendingSpace = true
                sawContentAfterLastLineEnd = true
            default:
                if pendingSpace {
                    line.append(space)
                    pendingSpace = false
                }
                line.append(byte)
                sawContentAfterLastLineEnd = true
            }
        }
        if sawContentAfterLastLineEnd {
            endLine()
        }
        return output
    }
}
