/// A strict UTF-8 check (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above U+10FFFF),
/// shared by the CSV reader and the configuration reader.
public enum UTF8Validation {
    public enum Outcome: Sendable, Equatable {
        case valid
        /// Valid except for a character cut off by the end of the bytes.
        case truncated
        case invalid
    }

    public static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        firstProblem(in: bytes)?.outcome ?? .valid
    }

    /// The byte offset of the first invalid or cut-off character, or `nil` when all is valid.
    public static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        firstProblem(in: bytes)?.offset
    }

    private static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, outcome: Outcome)? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: return (index, .invalid)
            }
            for offset in 1..<length {
                guard index + offset < count else { return (index, .truncated) }
                let range: ClosedRange<UInt8> = offset == 1 ? secondRange : 0x80...0xBF
                guard range.contains(bytes[index + offset]) else { return (index, .invalid) }
            }
            index += length
        }
        return nil
    }

    /// The 1-based character position of the first invalid byte, for error messages.
    public static func firstInvalidCharacter(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var position = 1
        var index = 0
        while index < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[index...])
            var length = 1
            if rest[0] >= 0x80 {
                length = rest[0] >= 0xF0 ? 4 : rest[0] >= 0xE0 ? 3 : 2
                let piece = UnsafeBufferPointer(rebasing: rest.prefix(length))
                if piece.count < length || check(piece) != .valid { return position }
            }
            index += length
            position += 1
        }
        return position
    }
}
