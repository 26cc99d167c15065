/// The UTF-8 bytes of a message being rendered, made into one `String` at the end.
///
/// Appending to a `String` piece by piece costs more than the pieces themselves (capacity and
/// uniqueness checks, breadcrumb resets); copying bytes into a buffer and creating the string
/// once makes a render several times cheaper. The buffer starts on memory the caller lends
/// (usually the stack) and moves to the heap only if the message outgrows it.
struct RenderBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Whether `base` was allocated here (and must be freed here).
    private var ownsStorage = false

    /// A buffer writing into `storage` until it is full.
    init(borrowing storage: UnsafeMutableBufferPointer<UInt8>) {
        base = storage.baseAddress!
        capacity = storage.count
    }

    /// A buffer on the heap with room for `capacity` bytes to begin with.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        ownsStorage = true
    }

    deinit {
        if ownsStorage { base.deallocate() }
    }

    /// The bytes written so far, as a string.
    func makeString() -> String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            append(bytes)
        }
        if copied == nil {
            for byte in text.utf8 { append(byte) }
        }
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if count + bytes.count > capacity { grow(toHold: bytes.count) }
        if let source = bytes.baseAddress {
            (base + count).update(from: source, count: bytes.count)
        }
        count += bytes.count
    }

    /// Appends `text` with the five characters that matter in HTML text and attribute values
    /// (`& < > " '`) written as entities.
    mutating func appendHTMLEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append(ascii: "&amp;")
            case UInt8(ascii: "<"): append(ascii: "&lt;")
            case UInt8(ascii: ">"): append(ascii: "&gt;")
            case UInt8(ascii: "\""): append(ascii: "&quot;")
            case UInt8(ascii: "'"): append(ascii: "&#39;")
            default: append(byte)
            }
        }
    }

    /// Appends `value` in decimal digits, with a leading `-` when negative.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumWidth: 1)
    }

    /// Appends `value` in decimal, zero-padded to `minimumWidth` digits (`7` → `07` for dates).
    mutating func appendDigits(_ value: UInt, minimumWidth: Int) {
        var width = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            width += 1
        }
        width = max(width, minimumWidth)
        if count + width > capacity { grow(toHold: width) }
        var rest = value
        for position in stride(from: count + width - 1, through: count, by: -1) {
            base[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        count += width
    }

    private mutating func append(ascii text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func grow(toHold extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        if ownsStorage { base.deallocate() }
        base = newBase
        capacity = newCapacity
        ownsStorage = true
    }
}
