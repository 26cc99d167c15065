/// Where one field of the current record lies in the reader's buffer.
struct FieldSpan {
    /// Offsets into the buffer; for a quoted field, the content between the quotes.
    var start: Int
    var end: Int
    /// Whether the content holds `""` pairs that read as one quote.
    var hasDoubledQuotes: Bool
}

/// A growable list of spans that keeps its storage between records (no allocation per row).
struct FieldSpans {
    private(set) var base: UnsafeMutablePointer<FieldSpan>
    private(set) var capacity: Int
    var count = 0

    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    subscript(index: Int) -> FieldSpan { base[index] }

    mutating func append(_ span: FieldSpan) {
        if count == capacity {
            let larger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        (base + count).initialize(to: span)
        count += 1
    }

    mutating func removeAll() { count = 0 }

    func deallocate() { base.deallocate() }
}
