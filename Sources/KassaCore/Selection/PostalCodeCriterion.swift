/// Which postal codes a selection accepts: one code, a prefix or a range.
///
/// Codes are compared by their key: upper-cased and without white space, so `1234 ab`
/// equals `1234AB` and `123 45` equals `12345` (Dutch and Swedish codes are written both
/// ways). Comparison is by text, never by number, because Dutch (`1234 AB`) and British
/// (`SW1A 1AA`) codes hold letters:
/// - `12345` — exactly that code;
/// - `123*` — every code whose key starts with `123`;
/// - `FROM-TO` — `FROM` and `TO` must have keys of the same length N; a code matches when
///   the first N characters of its key lie between them, both ends included. So
///   `1000-1999` takes every Dutch code from `1000 AA` to `1999 ZZ`, `100-200` every
///   Swedish code from `100 00` to `200 99`, `75001-75020` the Paris districts.
///   A code that itself contains `-` cannot be given as an exact code.
public enum PostalCodeCriterion: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Exactly this code (compared by key).
    case exact(String)
    /// Every code whose key starts with this prefix's key.
    case prefix(String)
    /// Every code whose first N key characters lie in `from...to` (N = their key length).
    case range(from: String, to: String)

    /// Reads `CODE`, `PREFIX*` or `FROM-TO`.
    ///
    /// Throws for an empty code or prefix, a `*` elsewhere than at the end, range ends of
    /// different lengths and a range whose start is above its end.
    public static func parse(_ text: String) throws -> PostalCodeCriterion {
        func fail(_ why: String) -> SelectionError {
            SelectionError(.invalidValue, "Postal code \"\(text)\" \(why).", criterion: .postalCode)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("*") {
            let prefix = String(trimmed.dropLast())
            guard !prefix.contains("*") else { throw fail("may only have a * at its end") }
            guard !Customer.postalKey(prefix).isEmpty else { throw fail("has nothing before the *") }
            return .prefix(prefix)
        }
        guard !trimmed.contains("*") else { throw fail("may only have a * at its end") }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2 {
            let from = String(parts[0]), to = String(parts[1])
            let fromKey = Customer.postalKey(from), toKey = Customer.postalKey(to)
            guard !fromKey.isEmpty, !toKey.isEmpty else { throw fail("is not CODE, PREFIX* or FROM-TO") }
            guard fromKey.unicodeScalars.count == toKey.unicodeScalars.count else {
                throw fail("is a range whose ends differ in length (write both with the same number of characters)")
            }
            guard !Self.precedes(toKey, fromKey) else { throw fail("is a range whose start is above its end") }
            return .range(from: from, to: to)
        }
        guard parts.count == 1 else { throw fail("is not CODE, PREFIX* or FROM-TO") }
        guard !Customer.postalKey(trimmed).isEmpty else { throw fail("is empty") }
        return .exact(trimmed)
    }

    /// Whether `postalCode` is accepted, with the same rules as the store's SQL.
    public func matches(_ postalCode: String?) -> Bool {
        guard let postalCode else { return false }
        let key = Customer.postalKey(postalCode)
        switch self {
        case .exact(let code):
            return key == Customer.postalKey(code)
        case .prefix(let prefix):
            return key.unicodeScalars.starts(with: Customer.postalKey(prefix).unicodeScalars)
        case .range(let from, let to):
            let fromKey = Customer.postalKey(from), toKey = Customer.postalKey(to)
            let head = String(String.UnicodeScalarView(key.unicodeScalars.prefix(fromKey.unicodeScalars.count)))
            return !Self.precedes(head, fromKey) && !Self.precedes(toKey, head)
        }
    }

    /// The criterion as `parse` reads it.
    public var description: String {
        switch self {
        case .exact(let code): return code
        case .prefix(let prefix): return prefix + "*"
        case .range(let from, let to): return "\(from)-\(to)"
        }
    }

    /// Code-point order, which is SQLite's binary order of UTF-8 text.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) { $0.value < $1.value }
    }
}
