/// One record with its fields decoded: what `CSVReader.next()` returns.
public struct CSVRecord: Sendable, Hashable {
    /// The line (1-based) on which the record starts.
    public var line: Int
    /// The fields, in file order.
    public var fields: [String]

    /// A record; the reader creates these.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
