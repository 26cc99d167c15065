extension CalendarDate {
    /// `YYYY-MM-DD`, as `description`, built straight from bytes: the store writes one
    /// per customer of an import.
    package var isoText: String {
        guard (0...9999).contains(year) else { return description }
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        let bytes: [UInt8] = [
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10),
            zero + UInt8(year % 10), dash, zero + UInt8(month / 10), zero + UInt8(month % 10), dash,
            zero + UInt8(day / 10), zero + UInt8(day % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }
}
