extension ShopLocale {
    /// A day in this language's style: `2026-11-23` (sv, en), `23-11-2026` (nl),
    /// `23/11/2026` (fr), `23.11.2026` (de).
    public func format(_ date: CalendarDate) -> String {
        var buffer = RenderBuffer(capacity: 10)
        write(date, to: &buffer)
        return buffer.makeString()
    }

    /// An amount of money given in minor units (öre, cents), with two decimals and this
    /// language's separators: `123450` → `1 234,50` (sv, fr), `1.234,50` (nl, de),
    /// `1,234.50` (en); negative amounts start with `-`.
    public func formatAmount(minorUnits: Int) -> String {
        var buffer = RenderBuffer(capacity: 32)
        writeAmount(minorUnits: minorUnits, to: &buffer)
        return buffer.makeString()
    }

    /// A value as this language writes it: text as it is, integers without grouping, dates
    /// and amounts as `format(_:)` and `formatAmount(minorUnits:)` write them.
    public func format(_ value: TemplateValue) -> String {
        if case .text(let text) = value { return text }
        var buffer = RenderBuffer(capacity: 32)
        write(value, to: &buffer)
        return buffer.makeString()
    }

    /// Writes `value` as `format(_:)` does; text goes in as it is (the caller escapes it).
    func write(_ value: TemplateValue, to buffer: inout RenderBuffer) {
        switch value {
        case .text(let text): buffer.append(text)
        case .integer(let number): buffer.appendDecimal(number)
        case .date(let date): write(date, to: &buffer)
        case .amount(let minorUnits): writeAmount(minorUnits: minorUnits, to: &buffer)
        }
    }

    func write(_ date: CalendarDate, to buffer: inout RenderBuffer) {
        // CalendarDate keeps the year in 1...9999, so four digits always suffice.
        let year = UInt(date.year), month = UInt(date.month), day = UInt(date.day)
        switch self {
        case .sv, .en:
            buffer.appendDigits(year, minimumWidth: 4)
            buffer.append(UInt8(ascii: "-"))
            buffer.appendDigits(month, minimumWidth: 2)
            buffer.append(UInt8(ascii: "-"))
            buffer.appendDigits(day, minimumWidth: 2)
        case .nl, .fr, .de:
            let separator: UInt8 = switch self {
            case .nl: UInt8(ascii: "-")
            case .fr: UInt8(ascii: "/")
            default: UInt8(ascii: ".")
            }
            buffer.appendDigits(day, minimumWidth: 2)
            buffer.append(separator)
            buffer.appendDigits(month, minimumWidth: 2)
            buffer.append(separator)
            buffer.appendDigits(year, minimumWidth: 4)
        }
    }

    func writeAmount(minorUnits: Int, to buffer: inout RenderBuffer) {
        if minorUnits < 0 { buffer.append(UInt8(ascii: "-")) }
        // The magnitude, so that Int.min does not overflow.
        let magnitude = minorUnits.magnitude
        let whole = magnitude / 100
        // Groups of three from the left: the first may be shorter.
        var divisor: UInt = 1
        while whole / divisor >= 1000 { divisor *= 1000 }
        buffer.appendDigits(whole / divisor, minimumWidth: 1)
        while divisor > 1 {
            divisor /= 1000
            buffer.append(groupingSeparator)
            buffer.appendDigits((whole / divisor) % 1000, minimumWidth: 3)
        }
        buffer.append(decimalSeparator)
        buffer.appendDigits(magnitude % 100, minimumWidth: 2)
    }
}
