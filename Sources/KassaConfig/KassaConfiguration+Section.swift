import KassaCore

// Reading one section of the file: typed values, with errors that name the file, the
// line, the section and the key, and quote the bad value as it was written.

extension KassaConfiguration {
    struct Section {
        let table: TOMLTable
        /// How the section is written in messages: `[smtp]`, `[[cards.templates]]`, or empty for the root.
        let header: String
        /// The section's path from the root, for `KassaConfigurationError.key`.
        let path: [String]
        let fileName: String
        /// Notes every key read, for the test that each one is documented; `nil` when loading.
        let ledger: KeyLedger?

        init(_ table: TOMLTable, header: String, path: [String], fileName: String, ledger: KeyLedger? = nil) {
            self.table = table
            self.header = header
            self.path = path
            self.fileName = fileName
            self.ledger = ledger
        }

        /// The value of a key the decoder reads as a setting.
        private func setting(_ key: String) -> TOMLValue? {
            ledger?.keys.insert(dottedKey(key))
            return table[key]
        }

        subscript(key: String) -> TOMLValue? { table[key] }

        /// The line of `key`, or of the section when the key is missing.
        func line(of key: String?) -> Int? {
            key.flatMap { table.line(of: $0) } ?? table.line
        }

        func dottedKey(_ key: String?) -> String {
            (path + (key.map { [$0] } ?? [])).joined(separator: ".")
        }

        func error(_ code: KassaConfigurationError.Code, key: String?, _ message: String) -> KassaConfigurationError {
            KassaConfigurationError(code: code, fileName: fileName, line: line(of: key), key: dottedKey(key),
                                    message: header.isEmpty ? message : "\(header) \(message)")
        }

        /// "KEY must be EXPECTED, not VALUE".
        func mismatch(_ key: String, _ value: TOMLValue, expected: String,
                      code: KassaConfigurationError.Code = .wrongType) -> KassaConfigurationError {
            var written = value.description
            if written.count > 60 { written = String(written.prefix(59)) + "…" }
            return error(code, key: key, "\(key) must be \(expected), not \(written)")
        }

        // MARK: Typed values

        func string(_ key: String, expected: String, where isValid: (String) -> Bool = { !$0.isEmpty }) throws(KassaConfigurationError) -> String? {
            guard let value = setting(key) else { return nil }
            guard case .string(let text) = value else { throw mismatch(key, value, expected: expected) }
            guard isValid(text) else { throw mismatch(key, value, expected: expected, code: .invalidValue) }
            return text
        }

        func integer(_ key: String, expected: String, in range: ClosedRange<Int>) throws(KassaConfigurationError) -> Int? {
            guard let value = setting(key) else { return nil }
            guard case .integer(let number) = value else { throw mismatch(key, value, expected: expected) }
            guard let small = Int(exactly: number), range.contains(small) else {
                throw mismatch(key, value, expected: expected, code: .invalidValue)
            }
            return small
        }

        /// A float or an integer: `2` is as good as `2.0` for a number of seconds.
        func number(_ key: String, expected: String, where isValid: (Double) -> Bool) throws(KassaConfigurationError) -> Double? {
            guard let value = setting(key) else { return nil }
            guard let number = value.doubleValue else { throw mismatch(key, value, expected: expected) }
            guard number.isFinite, isValid(number) else { throw mismatch(key, value, expected: expected, code: .invalidValue) }
            return number
        }

        func boolean(_ key: String) throws(KassaConfigurationError) -> Bool? {
            guard let value = setting(key) else { return nil }
            guard case .boolean(let flag) = value else { throw mismatch(key, value, expected: "true or false") }
            return flag
        }

        func choice<Choice: RawRepresentable<String> & CaseIterable>(_ key: String, of type: Choice.Type) throws(KassaConfigurationError) -> Choice? {
            guard let value = setting(key) else { return nil }
            let names = Choice.allCases.map { "\"\($0.rawValue)\"" }
            let expected = names.dropLast().joined(separator: ", ") + " or " + names.last!
            guard case .string(let text) = value else { throw mismatch(key, value, expected: expected) }
            guard let choice = Choice(rawValue: text) else { throw mismatch(key, value, expected: expected, code: .invalidValue) }
            return choice
        }

        func strings(_ key: String, expected: String, where isValid: (String) -> Bool = { !$0.isEmpty }) throws(KassaConfigurationError) -> [String]? {
            guard let value = setting(key) else { return nil }
            guard case .array(let elements) = value else { throw mismatch(key, value, expected: expected) }
            var texts: [String] = []
            for element in elements {
                guard case .string(let text) = element else { throw mismatch(key, element, expected: expected) }
                guard isValid(text) else { throw mismatch(key, element, expected: expected, code: .invalidValue) }
                texts.append(text)
            }
            return texts
        }

        /// Days written as TOML dates (`2026-12-24`) or as text (`"2026-12-24"`).
        func dates(_ key: String) throws(KassaConfigurationError) -> [CalendarDate]? {
            guard let value = setting(key) else { return nil }
            let expected = "a list of dates like \"2026-12-24\""
            guard case .array(let elements) = value else { throw mismatch(key, value, expected: expected) }
            var dates: [CalendarDate] = []
            for element in elements {
                let text: String
                switch element {
                case .string(let written), .localDate(let written): text = written
                default: throw error(.wrongType, key: key, "\(key) must hold dates like \"2026-12-24\", not \(element)")
                }
                guard let date = CalendarDate(text) else {
                    throw error(.invalidValue, key: key, "\(key) must hold real dates like \"2026-12-24\", not \(element)")
                }
                dates.append(date)
            }
            return dates
        }

        /// The table under `key`, read as a section of its own.
        func subsection(_ key: String) throws(KassaConfigurationError) -> Section? {
            guard let value = table[key] else { return nil }
            let childPath = path + [key]
            guard case .table(let child) = value else {
                throw mismatch(key, value, expected: "a table ([\(TOMLValue.keyPathText(childPath))])")
            }
            return Section(child, header: "[\(TOMLValue.keyPathText(childPath))]", path: childPath, fileName: fileName, ledger: ledger)
        }

        /// The tables of an array of tables under `key` (`[[cards.templates]]`).
        func tables(_ key: String) throws(KassaConfigurationError) -> [Section]? {
            guard let value = table[key] else { return nil }
            let childPath = path + [key]
            let header = "[[\(TOMLValue.keyPathText(childPath))]]"
            guard case .array(let elements) = value else {
                throw mismatch(key, value, expected: "a list of tables (\(header))")
            }
            var sections: [Section] = []
            for element in elements {
                guard case .table(let child) = element else {
                    throw mismatch(key, element, expected: "a list of tables (\(header))")
                }
                sections.append(Section(child, header: header, path: childPath, fileName: fileName, ledger: ledger))
            }
            return sections
        }

        // MARK: Unknown keys

        /// A warning for each key not in `known`, suggesting the nearest known key.
        func unknownKeys(known: [String]) -> [KassaConfigurationWarning] {
            table.keys.filter { !known.contains($0) }.map { key in
                let suggestion = KassaConfiguration.nearest(to: key, among: known)
                let message: String
                if header.isEmpty {
                    if case .table = table[key]! {
                        message = "unknown section [\(TOMLValue.keyPathText([key]))] is ignored"
                            + (suggestion.map { "; did you mean [\($0)]?" } ?? "")
                    } else {
                        message = "the key \(TOMLValue.keyDisplay([key])) outside any section is ignored"
                            + (suggestion.map { "; did you mean the section [\($0)]?" } ?? "")
                    }
                } else {
                    message = "unknown key \(TOMLValue.keyDisplay([key])) in \(header) is ignored"
                        + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
                }
                return KassaConfigurationWarning(fileName: fileName, line: table.line(of: key),
                                                 key: dottedKey(key), message: message)
            }
        }
    }

    /// The dotted paths of the keys a decoding read, such as `smtp.host`.
    final class KeyLedger {
        var keys: Set<String> = []
    }

    /// The known key closest to `key`, when it is close enough to be a typo.
    static func nearest(to key: String, among known: [String]) -> String? {
        let candidates = known.map { ($0, editDistance(key.lowercased(), $0)) }
        let tolerance = key.count <= 3 ? 1 : 2
        guard let best = candidates.min(by: { $0.1 < $1.1 }), best.1 <= tolerance else { return nil }
        return best.0
    }

    /// Edits between two strings, by characters: insertions, deletions, substitutions, and
    /// swaps of two neighbours (`hots` for `host` is one typo, not two).
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var distances = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { distances[i][0] = i }
        for j in 0...b.count { distances[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let substitution = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(distances[i - 1][j] + 1, distances[i][j - 1] + 1, distances[i - 1][j - 1] + substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, distances[i - 2][j - 2] + 1)
                }
                distances[i][j] = best
            }
        }
        return distances[a.count][b.count]
    }
}
