import KassaCore

/// What each column of a customer file holds, from its header row and explicit mappings.
///
/// Rules:
/// - An explicit mapping wins; otherwise the header is recognised (`CustomerColumn(recognizing:)`).
/// - A header that is not recognised becomes a custom attribute under its own text
///   (`attributes["Födelsedag"]`), so a reseller's filter can read `c.attrs["Födelsedag"]`.
///   Map it to `ignore` to leave it out.
/// - A column without a header is ignored.
/// - Two columns may not fill the same field (e.g. "E-post" and "E-mail"): that is an error
///   that asks for a mapping, because quietly choosing one would lose the other's data.
///   Only `contact_emails` collects from several columns.
/// - The customer number is required.
public struct CustomerCSVLayout: Sendable, Hashable {
    /// The header row, trimmed.
    public let header: [String]
    /// What each column holds, in header order.
    public let columns: [CustomerColumn]

    /// Works out the layout of a file.
    ///
    /// - Parameters:
    ///   - header: the header row as read.
    ///   - mappings: explicit `COLUMN=TARGET` mappings.
    ///   - fileName: for error messages.
    ///   - headerLine: the line of the header row, for error messages.
    /// - Throws: `CSVError`: `invalid_mapping` (a mapping names no column of the file),
    ///   `duplicate_column`, `missing_column` (no customer number).
    public init(header: [String], mappings: [CustomerColumnMapping] = [], fileName: String = "<data>", headerLine: Int = 1) throws {
        let header = header.map { $0.trimmingWhitespace() }
        var columns: [CustomerColumn?] = Array(repeating: nil, count: header.count)
        var mappedBy: [Int: String] = [:]

        for mapping in mappings {
            let index = try Self.columnIndex(of: mapping.column, in: header, fileName: fileName, line: headerLine)
            if let earlier = mappedBy[index], earlier != mapping.target.description {
                throw CSVError(.invalidMapping, file: fileName, line: headerLine, column: index + 1, columnName: header[index],
                               reason: "is mapped twice, to \(earlier) and to \(mapping.target)")
            }
            columns[index] = mapping.target
            mappedBy[index] = mapping.target.description
        }
        for index in header.indices where columns[index] == nil {
            if header[index].isEmpty {
                columns[index] = .ignored
            } else {
                columns[index] = CustomerColumn(recognizing: header[index]) ?? .attribute(header[index])
            }
        }
        let resolved = columns.map { $0! }

        var claimedBy: [CustomerColumn: Int] = [:]
        for (index, column) in resolved.enumerated() {
            switch column {
            case .ignored, .field(.contactEmails): continue
            default: break
            }
            if let earlier = claimedBy[column] {
                let what = if case .attribute = column { "the attribute \(CSVError.quoted(column.description))" } else { column.description }
                throw CSVError(.duplicateColumn, file: fileName, line: headerLine, column: index + 1, columnName: header[index],
                               reason: "fills \(what), as column \(CSVError.quoted(header[earlier])) does; keep one with --map (e.g. --map \"\(header[index])=ignore\")")
            }
            claimedBy[column] = index
        }
        guard claimedBy[.field(.number)] != nil else {
            throw CSVError(.missingColumn, file: fileName, line: headerLine,
                           reason: "no column holds the customer number (e.g. Kundnr, Klantnummer, N° client, Kundennummer, Customer number); name it with --map COLUMN=number")
        }
        self.header = header
        self.columns = resolved
    }

    private static func columnIndex(of name: String, in header: [String], fileName: String, line: Int) throws -> Int {
        let wanted = name.trimmingWhitespace()
        if let exact = header.firstIndex(of: wanted) { return exact }
        let key = HeaderKey.normalized(wanted)
        let matches = header.indices.filter { !key.isEmpty && HeaderKey.normalized(header[$0]) == key }
        if matches.count == 1 { return matches[0] }
        let listed = header.map { CSVError.quoted($0) }.joined(separator: ", ")
        throw CSVError(.invalidMapping, file: fileName, line: line,
                       reason: matches.isEmpty
                           ? "--map names the column \(CSVError.quoted(wanted)), which the file does not have (its columns: \(listed))"
                           : "--map names the column \(CSVError.quoted(wanted)), which matches several columns; write it exactly as in the file")
    }
}
