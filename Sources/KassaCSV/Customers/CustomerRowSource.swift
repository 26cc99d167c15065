/// The cells of one row, from a reader or from a record (generic, so neither costs a closure call).
protocol CustomerRowSource {
    var line: Int { get }
    var count: Int { get }
    func isBlank(_ index: Int) -> Bool
    /// The cell's text as `CustomerRowDecoder.cleaned` returns it.
    func cleanedText(_ index: Int) throws -> String
}

struct ReaderRow: CustomerRowSource {
    let reader: CSVReader
    var line: Int { reader.line }
    var count: Int { reader.fieldCount }
    func isBlank(_ index: Int) -> Bool { reader.fieldIsBlank(index) }
    func cleanedText(_ index: Int) throws -> String { try reader.cleanedField(index) }
}

struct RecordRow: CustomerRowSource {
    let record: CSVRecord
    var line: Int { record.line }
    var count: Int { record.fields.count }
    func isBlank(_ index: Int) -> Bool { record.fields[index].utf8.allSatisfy(TextDecoding.isASCIIWhitespace) }
    func cleanedText(_ index: Int) throws -> String { CustomerRowDecoder.cleaned(record.fields[index]) }
}
