/// One explicit column mapping, `COLUMN=TARGET` (the CLI's `--map`), which wins over recognition.
public struct CustomerColumnMapping: Sendable, Hashable {
    /// The column's header as written in the file (matched exactly first, then ignoring case,
    /// accents and punctuation).
    public var column: String
    /// What the column holds.
    public var target: CustomerColumn

    /// A mapping from its parts.
    public init(column: String, target: CustomerColumn) {
        self.column = column
        self.target = target
    }

    /// A mapping from `COLUMN=TARGET`, split at the last `=` (headers may hold one, targets never do).
    ///
    /// - Throws: `CSVError` (`invalid_mapping`) when there is no `=`, the column is empty, or the
    ///   target is not one of `CustomerColumn.targetNames`.
    public init(parsing text: String) throws {
        guard let equals = text.lastIndex(of: "=") else {
            throw CSVError(.invalidMapping, file: "--map",
                           reason: "\(CSVError.quoted(text)) is not COLUMN=FIELD (e.g. Kundnr=number)")
        }
        let column = String(text[..<equals]).trimmingWhitespace()
        let targetText = String(text[text.index(after: equals)...])
        guard !column.isEmpty else {
            throw CSVError(.invalidMapping, file: "--map", reason: "\(CSVError.quoted(text)) names no column before \"=\"")
        }
        guard let target = CustomerColumn(target: targetText) else {
            throw CSVError(.invalidMapping, file: "--map",
                           reason: "\(CSVError.quoted(targetText.trimmingWhitespace())) is not a customer field; use one of \(CustomerColumn.targetNames.joined(separator: ", "))")
        }
        self.init(column: column, target: target)
    }
}
