import KassaCore

// Unquoted values: booleans, integers, floats, dates and times.

extension TOMLParser {
    /// Characters that can appear in an unquoted value.
    private static func isScalarByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == Byte.plus || byte == Byte.dot || byte == Byte.colon
    }

    mutating func parseScalar(for key: [String], inArray: Bool) throws(TOMLError) -> TOMLValue {
        let start = offset
        while let byte = peek(), TOMLParser.isScalarByte(byte) { offset += 1 }
        // `1979-05-27 07:32:00`: a space may stand between a date and a time.
        if offset - start == 10, TOMLParser.looksLikeDate(bytes[start..<offset]), peek() == Byte.space,
           let first = peek(1), let second = peek(2), TOMLParser.isDigit(first), TOMLParser.isDigit(second),
           peek(3) == Byte.colon {
            offset += 1
            while let byte = peek(), TOMLParser.isScalarByte(byte) { offset += 1 }
        }
        guard offset > start else { throw missingValue(for: key, inArray: inArray, at: start) }
        let token = Array(bytes[start..<offset])
        let text = String(decoding: token, as: UTF8.self)
        switch text {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan": return .float(.nan)
        case "-nan": return .float(-.nan)
        default: break
        }
        if TOMLParser.looksLikeDate(token[...]) || TOMLParser.looksLikeTime(token) {
            return try parseDateTime(token, text: text, at: start)
        }
        let first = token[0]
        let second = token.count > 1 ? token[1] : nil
        if TOMLParser.isDigit(first) || first == Byte.dot
            || ((first == Byte.plus || first == Byte.minus) && second.map { TOMLParser.isDigit($0) || $0 == Byte.dot } == true) {
            return try parseNumber(token, text: text, at: start)
        }
        if ["true", "false", "inf", "nan"].contains(text.lowercased()) {
            throw error(.syntax, at: start, "\(text) must be written in lower case: \(text.lowercased())")
        }
        throw error(.syntax, at: start,
                    "the value \(text) for the key \(TOMLParser.keyDisplay(key)) is not valid; text needs quotes: \(TOMLValue.quoted(text))")
    }

    private static func looksLikeDate(_ token: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(token)
        return bytes.count >= 5 && bytes[0..<4].allSatisfy(isDigit) && bytes[4] == Byte.minus
    }

    private static func looksLikeTime(_ token: [UInt8]) -> Bool {
        token.count >= 3 && isDigit(token[0]) && isDigit(token[1]) && token[2] == Byte.colon
    }

    // MARK: Numbers

    private func parseNumber(_ token: [UInt8], text: String, at start: Int) throws(TOMLError) -> TOMLValue {
        func invalid(_ reason: String) -> TOMLError {
            error(.invalidNumber, at: start, "the number \(text) is not valid: \(reason)")
        }
        /// The end of a run of digits from `index`, where single underscores may separate digits.
        func digits(from index: Int, radix: Int = 10) throws(TOMLError) -> Int {
            func isDigit(_ byte: UInt8) -> Bool {
                guard let value = TOMLParser.hexDigitValue(byte) else { return false }
                return Int(value) < radix
            }
            var end = index
            guard end < token.count, isDigit(token[end]) else {
                if end < token.count, token[end] == Byte.underscore {
                    throw invalid("an underscore must stand between two digits")
                }
                throw invalid(radix == 10 ? "expected a digit" : "expected a digit of base \(radix)")
            }
            end += 1
            while end < token.count {
                if isDigit(token[end]) {
                    end += 1
                } else if token[end] == Byte.underscore {
                    guard end + 1 < token.count, isDigit(token[end + 1]) else {
                        throw invalid("an underscore must stand between two digits")
                    }
                    end += 2
                } else {
                    break
                }
            }
            return end
        }

        var index = 0
        let hasSign = token[0] == Byte.plus || token[0] == Byte.minus
        if hasSign { index = 1 }

        if index + 1 < token.count, token[index] == UInt8(ascii: "0") {
            let radix: Int?
            switch token[index + 1] {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: radix = nil
            }
            if let radix {
                if hasSign { throw invalid("hexadecimal, octal and binary numbers cannot have a sign") }
                guard try digits(from: 2, radix: radix) == token.count else {
                    throw invalid("expected a digit of base \(radix)")
                }
                let cleaned = String(decoding: token[2...].filter { $0 != Byte.underscore }, as: UTF8.self)
                guard let value = UInt64(cleaned, radix: radix), value <= UInt64(Int64.max) else {
                    throw invalid("it does not fit in a 64-bit signed integer")
                }
                return .integer(Int64(value))
            }
        }

        let integerStart = index
        if index < token.count, token[index] == Byte.dot {
            throw invalid("a decimal point must have digits on both sides")
        }
        index = try digits(from: index)
        if token[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
            throw invalid("leading zeros are not allowed")
        }
        var isFloat = false
        if index < token.count, token[index] == Byte.dot {
            isFloat = true
            guard index + 1 < token.count, TOMLParser.isDigit(token[index + 1]) else {
                throw invalid("a decimal point must have digits on both sides")
            }
            index = try digits(from: index + 1)
        }
        if index < token.count, token[index] == UInt8(ascii: "e") || token[index] == UInt8(ascii: "E") {
            isFloat = true
            index += 1
            if index < token.count, token[index] == Byte.plus || token[index] == Byte.minus { index += 1 }
            guard index < token.count, TOMLParser.isDigit(token[index]) else {
                throw invalid("an exponent needs digits after the \"e\"")
            }
            index = try digits(from: index)
        }
        guard index == token.count else {
            throw invalid("unexpected \"\(String(decoding: token[index...], as: UTF8.self))\"")
        }
        let cleaned = String(decoding: token.filter { $0 != Byte.underscore }, as: UTF8.self)
        if isFloat {
            guard let value = Double(cleaned), value.isFinite else {
                throw invalid("it is too large for a 64-bit float")
            }
            return .float(value)
        }
        guard let value = Int64(cleaned) else {
            throw invalid("it does not fit in a 64-bit signed integer (\(Int64.min) to \(Int64.max))")
        }
        return .integer(value)
    }

    // MARK: Dates and times

    private func parseDateTime(_ token: [UInt8], text: String, at start: Int) throws(TOMLError) -> TOMLValue {
        func invalid(_ reason: String) -> TOMLError {
            error(.invalidDateTime, at: start, "the date-time \(text) is not valid: \(reason)")
        }
        func byte(_ index: Int) -> UInt8? { index < token.count ? token[index] : nil }
        func number(_ index: Int, _ count: Int) -> Int? {
            guard index + count <= token.count else { return nil }
            var value = 0
            for digit in token[index..<(index + count)] {
                guard TOMLParser.isDigit(digit) else { return nil }
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
            }
            return value
        }

        var normalized = token
        var index = 0
        let hasDate = TOMLParser.looksLikeDate(token[...])
        if hasDate {
            guard let year = number(0, 4), let month = number(5, 2), byte(7) == Byte.minus, let day = number(8, 2) else {
                throw invalid("write dates as YYYY-MM-DD")
            }
            guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else {
                throw error(.invalidDateTime, at: start,
                            "the date \(String(decoding: token[0..<10], as: UTF8.self)) does not exist")
            }
            index = 10
            guard index < token.count else { return .localDate(text) }
            guard let delimiter = byte(index),
                  delimiter == UInt8(ascii: "T") || delimiter == UInt8(ascii: "t") || delimiter == Byte.space else {
                throw invalid("expected \"T\" between the date and the time")
            }
            normalized[index] = UInt8(ascii: "T")
            index += 1
        }

        guard let hour = number(index, 2), byte(index + 2) == Byte.colon, let minute = number(index + 3, 2),
              byte(index + 5) == Byte.colon, let second = number(index + 6, 2) else {
            throw invalid("write times as HH:MM:SS, with seconds")
        }
        // RFC 3339 allows a leap second, 60.
        guard hour < 24, minute < 60, second <= 60 else {
            throw error(.invalidDateTime, at: start,
                        "the time \(String(decoding: token[index..<(index + 8)], as: UTF8.self)) does not exist")
        }
        index += 8
        if byte(index) == Byte.dot {
            index += 1
            guard let digit = byte(index), TOMLParser.isDigit(digit) else {
                throw invalid("expected digits after the decimal point of the seconds")
            }
            while let digit = byte(index), TOMLParser.isDigit(digit) { index += 1 }
        }
        let text = { String(decoding: normalized, as: UTF8.self) }
        guard index < token.count else { return hasDate ? .localDateTime(text()) : .localTime(text()) }
        guard hasDate else { throw invalid("a time without a date cannot have an offset") }

        switch token[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            normalized[index] = UInt8(ascii: "Z")
            index += 1
        case Byte.plus, Byte.minus:
            guard let offsetHour = number(index + 1, 2), byte(index + 3) == Byte.colon,
                  let offsetMinute = number(index + 4, 2) else {
                throw invalid("write the offset as Z, +HH:MM or -HH:MM")
            }
            guard offsetHour < 24, offsetMinute < 60 else { throw invalid("the offset is out of range") }
            index += 6
        default:
            throw invalid("write the offset as Z, +HH:MM or -HH:MM")
        }
        guard index == token.count else { throw invalid("unexpected text after the offset") }
        return .offsetDateTime(text())
    }
}
