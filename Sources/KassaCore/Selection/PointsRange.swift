/// A range of loyalty points, both ends inclusive and each optional:
/// `500-1000`, `500-` (at least 500), `-1000` (at most 1000), `750` (exactly 750).
public struct PointsRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The fewest points a customer may have, if bounded.
    public var minimum: Int?
    /// The most points a customer may have, if bounded.
    public var maximum: Int?

    public init(minimum: Int? = nil, maximum: Int? = nil) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Reads `MIN-MAX`, `MIN-`, `-MAX` or a single number.
    ///
    /// Throws for anything else, for `-` alone and for a minimum above the maximum:
    /// `Points range "10-x" is not MIN-MAX`.
    public static func parse(_ text: String) throws -> PointsRange {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func fail(_ why: String = "is not MIN-MAX") -> SelectionError {
            SelectionError(.invalidValue, "Points range \"\(text)\" \(why).", criterion: .points)
        }
        func bound(_ part: Substring) throws -> Int? {
            let part = part.trimmingCharacters(in: .whitespaces)
            if part.isEmpty { return nil }
            guard part.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(part) else { throw fail() }
            return value
        }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let range: PointsRange
        switch parts.count {
        case 1:
            guard let exact = try bound(parts[0]) else { throw fail() }
            range = PointsRange(minimum: exact, maximum: exact)
        case 2:
            range = PointsRange(minimum: try bound(parts[0]), maximum: try bound(parts[1]))
            if range.minimum == nil && range.maximum == nil { throw fail() }
        default:
            throw fail()
        }
        if let minimum = range.minimum, let maximum = range.maximum, minimum > maximum {
            throw fail("has its minimum above its maximum")
        }
        return range
    }

    /// Whether `points` lies in the range.
    public func contains(_ points: Int) -> Bool {
        (minimum.map { points >= $0 } ?? true) && (maximum.map { points <= $0 } ?? true)
    }

    /// The range as `parse` reads it.
    public var description: String {
        "\(minimum.map(String.init) ?? "")-\(maximum.map(String.init) ?? "")"
    }
}
