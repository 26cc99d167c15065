/// Whole numbers as spreadsheets in five languages write them ("1 234", "1.234", "1,234", "12,00").
enum WholeNumber {
    /// The value of `text`, or `nil` when it is not a whole number.
    ///
    /// Accepted: an optional sign, then digits; digit groups of three separated by a space, a
    /// no-break space, `'`, `.` or `,` (one kind per number); a trailing decimal part of zeros
    /// (`12,00`, `12.0`) that spreadsheets add. A `.` or `,` followed by exactly three digits is
    /// a group separator (`1.234` is 1234), so `1,5` and `2.50` are refused rather than rounded.
    static func parse(_ text: String) -> Int? {
        if let plain = plainInteger(text.utf8) { return plain }
        var scalars = Array(text.unicodeScalars)
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" || first == "\u{2212}" {
            negative = first != "+"
            scalars.removeFirst()
        }
        guard let first = scalars.first, isDigit(first) else { return nil }

        // Split into runs of digits and the single separators between them.
        var runs: [[Unicode.Scalar]] = [[]]
        var separators: [Unicode.Scalar] = []
        for scalar in scalars {
            if isDigit(scalar) {
                runs[runs.count - 1].append(scalar)
            } else if [" ", "\u{A0}", "\u{202F}", "'", ".", ","].contains(scalar) {
                guard !runs[runs.count - 1].isEmpty else { return nil }
                // The three kinds of space are one kind of separator.
                separators.append(scalar == "\u{A0}" || scalar == "\u{202F}" ? " " : scalar)
                runs.append([])
            } else {
                return nil
            }
        }
        guard !runs[runs.count - 1].isEmpty else { return nil }

        // A trailing `.`/`,` part that is not a group of three is decimals: only zeros may go.
        if let last = separators.last, last == "." || last == ",", runs[runs.count - 1].count != 3 {
            guard runs[runs.count - 1].allSatisfy({ $0 == "0" }) else { return nil }
            runs.removeLast()
            separators.removeLast()
        }
        if let kind = separators.first {
            guard separators.allSatisfy({ $0 == kind }), runs[0].count <= 3,
                  runs.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }

        var value = 0
        for scalar in runs.joined() {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(scalar.value - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    /// `[-+]?[0-9]+` without separators, the common case, without allocating.
    private static func plainInteger(_ utf8: String.UTF8View) -> Int? {
        var value = 0
        var negative = false
        var digits = 0
        for (offset, byte) in utf8.enumerated() {
            if offset == 0 && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) {
                negative = byte == UInt8(ascii: "-")
                continue
            }
            guard (0x30...0x39).contains(byte) else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            digits += 1
        }
        guard digits > 0 else { return nil }
        return negative ? -value : value
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
