/// A place in a TOML document: 1-based line and column.
///
/// Columns count Unicode scalars, not bytes, so they match what an editor shows.
public struct TOMLLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The line, starting at 1.
    public var line: Int
    /// The column, starting at 1.
    public var column: Int

    /// A location from its line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    /// Whether `lhs` comes before `rhs` in the document.
    public static func < (lhs: TOMLLocation, rhs: TOMLLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
