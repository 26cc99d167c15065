import KassaCore
/// Bytes of one field to a `String`, per encoding, without per-character `String` work.
enum TextDecoding {
    /// Space, tab, LF, VT, FF or CR: the white space trimmed from cells.
    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The text of valid UTF-8 bytes; `nil` when they are not valid UTF-8.
    static func utf8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if !isASCII(bytes), UTF8Validation.check(bytes) != .valid { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of Windows-1252 or Latin-1 bytes (every byte is a character, so this cannot fail).
    static func singleByte(_ bytes: UnsafeBufferPointer<UInt8>, windows1252: Bool) -> String {
        if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count * 3) { output in
            var written = 0
            for byte in bytes {
                if byte < 0x80 {
                    output[written] = byte
                    written += 1
                    continue
                }
                let scalar = windows1252 ? windows1252Scalars[Int(byte) - 0x80] : UInt32(byte)
                if scalar < 0x800 {
                    output[written] = UInt8(0xC0 | (scalar >> 6))
                    output[written + 1] = UInt8(0x80 | (scalar & 0x3F))
                    written += 2
                } else {
                    output[written] = UInt8(0xE0 | (scalar >> 12))
                    output[written + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    output[written + 2] = UInt8(0x80 | (scalar & 0x3F))
                    written += 3
                }
            }
            return written
        }
    }

    /// `text` in Windows-1252 or Latin-1, the inverse of `singleByte`; `nil` when it has a
    /// character the code page cannot hold.
    static func singleByteEncoded(_ text: String, windows1252: Bool) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 || (!windows1252 && value < 0x100) {
                bytes.append(UInt8(value))
            } else if windows1252, let byte = windows1252Bytes[value] {
                bytes.append(byte)
            } else {
                return nil
            }
        }
        return bytes
    }

    /// The byte of each Unicode scalar Windows-1252 holds above ASCII.
    static let windows1252Bytes: [UInt32: UInt8] = {
        var bytes: [UInt32: UInt8] = [:]
        for (offset, scalar) in windows1252Scalars.enumerated() { bytes[scalar] = UInt8(0x80 + offset) }
        return bytes
    }()

    /// Unicode scalars of Windows-1252's bytes 0x80–0xFF. Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D
    /// are undefined in the code page and map to the C1 control of the same value, as WHATWG does.
    static let windows1252Scalars: [UInt32] = {
        let high: [UInt32] = [
            0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // 80–87: € ‚ ƒ „ … † ‡
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, // 88–8F: ˆ ‰ Š ‹ Œ Ž
            0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90–97: ‘ ’ “ ” • – —
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, // 98–9F: ˜ ™ š › œ ž Ÿ
        ]
        return high + (0xA0...0xFF).map { UInt32($0) }
    }()
}
