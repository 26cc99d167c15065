extension SMSAnalysis {
    /// The parts of a concatenated message and the units used in the last one.
    struct Split {
        var parts: [String]
        var unitsInLastPart: Int
    }

    /// Units of one scalar in `encoding`. Only called for scalars of a text already known to
    /// fit the encoding, so a scalar outside the GSM alphabet never reaches the GSM branch.
    @inline(__always)
    static func units(of scalar: Unicode.Scalar, in encoding: SMSEncoding) -> Int {
        switch encoding {
        case .gsm7: GSM7Alphabet.septets(for: scalar) ?? 1
        case .ucs2: scalar.utf16.count
        }
    }

    /// Splits a GSM-7 text into parts of at most `capacity` septets by scalar, keeping CR LF
    /// (its only multi-scalar cluster) and escape pairs (one scalar each) whole.
    static func splitGSM7(_ text: String, capacity: Int) -> Split {
        let scalars = text.unicodeScalars
        var parts: [String] = []
        var partStart = scalars.startIndex
        var used = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            var next = scalars.index(after: index)
            var clusterUnits = GSM7Alphabet.septets(for: scalars[index]) ?? 1
            if scalars[index] == "\r", next < scalars.endIndex, scalars[next] == "\n" {
                next = scalars.index(after: next)
                clusterUnits += 1
            }
            if used + clusterUnits > capacity {
                parts.append(String(scalars[partStart..<index]))
                partStart = index
                used = 0
            }
            used += clusterUnits
            index = next
        }
        parts.append(String(scalars[partStart...]))
        return Split(parts: parts, unitsInLastPart: used)
    }

    /// Splits `text` greedily into parts of at most `capacity` units, moving a grapheme cluster
    /// that does not fit whole to the next part, and splitting between scalars only a cluster
    /// that is longer than a whole part (see `SMSAnalysis` for the rules).
    static func splitByCluster(_ text: String, encoding: SMSEncoding, capacity: Int) -> Split {
        let scalars = text.unicodeScalars
        var parts: [String] = []
        var partStart = text.startIndex
        var used = 0

        func closePart(at end: String.Index) {
            // Part boundaries may fall inside a cluster, so slice the scalar view: slicing the
            // String itself would round the bounds down to character boundaries.
            parts.append(String(scalars[partStart..<end]))
            partStart = end
            used = 0
        }

        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            var clusterUnits = 0
            for scalar in scalars[index..<next] {
                clusterUnits += units(of: scalar, in: encoding)
            }

            if used + clusterUnits <= capacity {
                used += clusterUnits
            } else if clusterUnits <= capacity {
                closePart(at: index)
                used = clusterUnits
            } else {
                var scalarIndex = index
                while scalarIndex < next {
                    let scalarUnits = units(of: scalars[scalarIndex], in: encoding)
                    if used + scalarUnits > capacity {
                        closePart(at: scalarIndex)
                    }
                    used += scalarUnits
                    scalarIndex = scalars.index(after: scalarIndex)
                }
            }
            index = next
        }
        if partStart < text.endIndex {
            let unitsInLastPart = used
            closePart(at: text.endIndex)
            return Split(parts: parts, unitsInLastPart: unitsInLastPart)
        }
        return Split(parts: parts, unitsInLastPart: 0)
    }
}
