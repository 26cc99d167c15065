/// How one country writes its telephone numbers: enough to turn a national number into E.164.
struct CallingPlan: Sendable {
    /// The country calling code's digits (ASCII), without `+`.
    var code: [UInt8]
    /// Whether national numbers start with a trunk `0` that E.164 drops (SE `070…` → `+4670…`).
    var hasTrunkZero: Bool
    /// The lengths a national significant number (after the calling code) may have.
    var lengths: ClosedRange<Int>

    /// The plans of the countries Kassa's shops are in and their neighbours, by ISO code.
    static let byCountry: [String: CallingPlan] = [
        "SE": CallingPlan(code: Array("46".utf8), hasTrunkZero: true, lengths: 7...9),
        "NL": CallingPlan(code: Array("31".utf8), hasTrunkZero: true, lengths: 9...9),
        "BE": CallingPlan(code: Array("32".utf8), hasTrunkZero: true, lengths: 8...9),
        "FR": CallingPlan(code: Array("33".utf8), hasTrunkZero: true, lengths: 9...9),
        "DE": CallingPlan(code: Array("49".utf8), hasTrunkZero: true, lengths: 6...13),
        "GB": CallingPlan(code: Array("44".utf8), hasTrunkZero: true, lengths: 9...10),
        "DK": CallingPlan(code: Array("45".utf8), hasTrunkZero: false, lengths: 8...8),
        "NO": CallingPlan(code: Array("47".utf8), hasTrunkZero: false, lengths: 8...8),
        "FI": CallingPlan(code: Array("358".utf8), hasTrunkZero: true, lengths: 5...12),
        "IS": CallingPlan(code: Array("354".utf8), hasTrunkZero: false, lengths: 7...9),
        "LU": CallingPlan(code: Array("352".utf8), hasTrunkZero: false, lengths: 4...11),
        "AT": CallingPlan(code: Array("43".utf8), hasTrunkZero: true, lengths: 4...13),
        "CH": CallingPlan(code: Array("41".utf8), hasTrunkZero: true, lengths: 9...9),
        "IE": CallingPlan(code: Array("353".utf8), hasTrunkZero: true, lengths: 7...9),
        "ES": CallingPlan(code: Array("34".utf8), hasTrunkZero: false, lengths: 9...9),
        "PT": CallingPlan(code: Array("351".utf8), hasTrunkZero: false, lengths: 9...9),
        "IT": CallingPlan(code: Array("39".utf8), hasTrunkZero: false, lengths: 6...11),
        "PL": CallingPlan(code: Array("48".utf8), hasTrunkZero: false, lengths: 9...9),
    ]

    /// The plan whose calling code starts `digits` (an international number without `+`).
    static func matching(international digits: UnsafeBufferPointer<UInt8>) -> CallingPlan? {
        plans.first { digits.starts(with: $0.code) }
    }

    /// One plan per calling code (no code is a prefix of another, as ITU assigns them).
    private static let plans: [CallingPlan] = byCountry.keys.sorted().map { byCountry[$0]! }
}
