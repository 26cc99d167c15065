import KassaCore

/// The demo data's own pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// Not the system generator: the same seed gives the same customers on every machine and
/// every Swift version, which tests and benchmarks rely on. Not for cryptography.
struct DemoRandom: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose whole state comes from `seed` (SplitMix64, as xoshiro's authors
    /// recommend, so nearby seeds give unrelated streams).
    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A number in `0..<bound` (Lemire's multiply-shift; the tiny bias does not matter
    /// for demo data and keeps the stream independent of the standard library).
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// `true` with the given chance in percent.
    mutating func percent(_ chance: Int) -> Bool {
        below(100) < chance
    }

    /// An element of `items`, all equally likely.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// `count` decimal digits, leading zeros allowed.
    mutating func digits(_ count: Int) -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            for index in 0..<count { buffer[index] = UInt8(0x30 + below(10)) }
            return count
        }
    }

    /// `count` letters drawn from `alphabet`.
    mutating func letters(_ count: Int, from alphabet: [Character]) -> String {
        var text = ""
        for _ in 0..<count { text.append(alphabet[below(alphabet.count)]) }
        return text
    }
}
