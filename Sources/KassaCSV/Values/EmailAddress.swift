/// A pragmatic check of an e-mail address: RFC 5322's addr-spec as people really use it.
public enum EmailAddress {
    /// Whether `text` is a plausible address to send mail to.
    ///
    /// - The local part is a dot-atom (letters, digits, ``!#$%&'*+-/=?^_`{|}~``, non-ASCII
    ///   letters as RFC 6532 allows, single dots not at either end) or a quoted string, at most
    ///   64 bytes.
    /// - The domain is a host name with at least two labels: letters (internationalised
    ///   domain names allowed, unencoded), digits and inner hyphens, labels of at most 63
    ///   bytes, a top-level label that is not all digits. Address literals (`[192.0.2.1]`) and
    ///   single-label hosts (`localhost`) are refused: no shop customer has one.
    /// - At most 254 bytes in all; no white space, no display name (`Anna <a@b.se>`).
    public static func isValid(_ text: String) -> Bool {
        var text = text
        if let ascii = text.withUTF8({ isValidASCII($0) }) { return ascii }
        guard !text.isEmpty, text.utf8.count <= 254,
              let at = text.utf8.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = text[..<at]
        let domain = text[text.utf8.index(after: at)...]
        return isValidLocalPart(local) && isValidDomain(domain)
    }

    /// The answer for an all-ASCII address without a quoted local part, checked on its bytes;
    /// `nil` when the address needs the general check.
    private static func isValidASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !bytes.isEmpty, bytes.count <= 254, bytes[0] != UInt8(ascii: "\"") else { return bytes.isEmpty ? false : nil }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        guard at >= 1, at <= 64 else { return false }
        var previousWasDot = true
        for byte in bytes[..<at] {
            guard byte < 0x80 else { return nil }
            if byte == UInt8(ascii: ".") {
                if previousWasDot { return false }
                previousWasDot = true
            } else {
                guard atext[Int(byte)] else { return false }
                previousWasDot = false
            }
        }
        guard !previousWasDot else { return false }

        var labels = 0, labelLength = 0, labelDigitsOnly = true
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in bytes[(at + 1)...] {
            guard byte < 0x80 else { return nil }
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labels += 1
                labelLength = 0
                labelDigitsOnly = true
            } else {
                guard hostCharacter[Int(byte)], labelLength < 63 else { return false }
                if labelLength == 0 && byte == UInt8(ascii: "-") { return false }
                labelLength += 1
                labelDigitsOnly = labelDigitsOnly && (0x30...0x39).contains(byte)
            }
            previous = byte
        }
        guard labelLength >= 2, previous != UInt8(ascii: "-"), !labelDigitsOnly else { return false }
        return labels >= 1
    }

    /// ASCII characters allowed in a dot-atom (RFC 5322 atext), by value.
    private static let atext: [Bool] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    /// ASCII characters allowed in a host name label, by value.
    private static let hostCharacter: [Bool] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.utf8.count <= 64 else { return false }
        let scalars = local.unicodeScalars
        if scalars.first == "\"" {
            guard scalars.count >= 2, scalars.last == "\"" else { return false }
            var escaped = false
            for scalar in scalars.dropFirst().dropLast() {
                if escaped {
                    // A quoted pair escapes a visible character or a space (RFC 5322), never
                    // a line break that would end an SMTP command or a mail header.
                    guard scalar.value >= 0x20 && scalar.value != 0x7F || scalar == "\t" else { return false }
                    escaped = false
                    continue
                }
                if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" || scalar.value < 0x20 || scalar.value == 0x7F {
                    return false
                }
            }
            return !escaped
        }
        var previousWasDot = true
        for scalar in scalars {
            if scalar == "." {
                if previousWasDot { return false }
                previousWasDot = true
                continue
            }
            previousWasDot = false
            let allowed = scalar.value < 0x80
                ? atext[Int(scalar.value)]
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if !allowed { return false }
        }
        return !previousWasDot
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        var labels = 0
        var topLevel = Substring()
        var rest = domain
        while true {
            let dot = rest.utf8.firstIndex(of: UInt8(ascii: "."))
            let label = dot.map { rest[..<$0] } ?? rest
            labels += 1
            topLevel = label
            guard !label.isEmpty, label.utf8.count <= 63,
                  label.utf8.first != UInt8(ascii: "-"), label.utf8.last != UInt8(ascii: "-") else { return false }
            for scalar in label.unicodeScalars {
                let allowed = scalar.value < 0x80
                    ? hostCharacter[Int(scalar.value)]
                    : scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
                        || scalar.properties.generalCategory == .spacingMark || scalar.properties.numericType == .decimal
                if !allowed { return false }
            }
            guard let dot else { break }
            rest = rest[rest.utf8.index(after: dot)...]
        }
        return labels >= 2 && topLevel.utf8.count >= 2 && !topLevel.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
