import Foundation
import KassaCore

/// Dates and times as exports write them.
///
/// Accepted dates: `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY.MM.DD`) and the day-first local forms
/// `DD-MM-YYYY` (nl), `DD.MM.YYYY` (de), `DD/MM/YYYY` (fr, en-GB), with one- or two-digit days
/// and months. Day-first is the order in all five languages, so `03/04/2026` is 3 April. A form
/// that only makes sense month-first (`04/23/2026`, US) is refused rather than guessed, as is
/// a two-digit year. A time after the date (` 14:30`, `T14:30:00`) is allowed and, for a
/// calendar date, ignored.
enum DateText {
    enum Failure: Error, Equatable {
        case notADate
        case monthFirst
        case twoDigitYear
    }

    /// The calendar day of `text`.
    static func calendarDate(_ text: String) -> Result<CalendarDate, Failure> {
        parse(text).map(\.date)
    }

    /// The instant of `text`; a time without an offset is local time in `timeZone`, a date alone is
    /// its midnight there. Offsets: `Z`, `+01:00`, `+0100`.
    static func instant(_ text: String, timeZone: TimeZone) -> Result<Date, Failure> {
        parse(text).map { parsed in
            let secondsOfDay = parsed.time.map { $0.hour * 3600 + $0.minute * 60 + $0.second } ?? 0
            let naive = Double(parsed.date.daysSinceEpoch * 86_400 + secondsOfDay)
            if let offset = parsed.offsetSeconds { return Date(timeIntervalSince1970: naive - Double(offset)) }
            // The zone's offset at that wall-clock time; at a DST change the earlier reading wins.
            let guess = Date(timeIntervalSince1970: naive)
            let offset = timeZone.secondsFromGMT(for: guess.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: guess))))
            return Date(timeIntervalSince1970: naive - Double(offset))
        }
    }

    private struct Parsed {
        var date: CalendarDate
        var time: (hour: Int, minute: Int, second: Int)?
        var offsetSeconds: Int?
    }

    private static func parse(_ text: String) -> Result<Parsed, Failure> {
        var trimmed = text.trimmingWhitespace()
        return trimmed.withUTF8(parse(bytes:))
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result<Parsed, Failure> {
        var index = 0
        func number(maxDigits: Int) -> (value: Int, digits: Int)? {
            var value = 0, digits = 0
            while index < bytes.count, digits < maxDigits, (0x30...0x39).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            return digits == 0 ? nil : (value, digits)
        }
        func separator(_ allowed: [UInt8]) -> UInt8? {
            guard index < bytes.count, allowed.contains(bytes[index]) else { return nil }
            index += 1
            return bytes[index - 1]
        }

        let dateSeparators: [UInt8] = Array("-./".utf8)
        guard let first = number(maxDigits: 4), let sep1 = separator(dateSeparators),
              let middle = number(maxDigits: 2), separator([sep1]) != nil,
              let third = number(maxDigits: 4) else { return .failure(.notADate) }
        let date: CalendarDate?
        if first.digits == 4 {
            guard middle.digits == 2, third.digits == 2 else { return .failure(.notADate) }
            date = CalendarDate(year: first.value, month: middle.value, day: third.value)
        } else {
            guard first.digits <= 2 else { return .failure(.notADate) }
            guard third.digits == 4 else { return .failure(third.digits == 2 ? .twoDigitYear : .notADate) }
            if middle.value > 12 && first.value <= 12 { return .failure(.monthFirst) }
            date = CalendarDate(year: third.value, month: middle.value, day: first.value)
        }
        guard let date else { return .failure(.notADate) }
        var parsed = Parsed(date: date)
        guard index < bytes.count else { return .success(parsed) }

        // An optional time: `T` or spaces, then HH:MM[:SS[.fraction]], then an optional offset.
        guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else { return .failure(.notADate) }
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "T") { index += 1 }
        guard let hour = number(maxDigits: 2), separator([UInt8(ascii: ":")]) != nil,
              let minute = number(maxDigits: 2), minute.digits == 2 else { return .failure(.notADate) }
        var second = 0
        if separator([UInt8(ascii: ":")]) != nil {
            guard let value = number(maxDigits: 2), value.digits == 2 else { return .failure(.notADate) }
            second = value.value
            if separator([UInt8(ascii: "."), UInt8(ascii: ",")]) != nil {
                guard number(maxDigits: 9) != nil else { return .failure(.notADate) }
            }
        }
        guard hour.value < 24, minute.value < 60, second < 60 else { return .failure(.notADate) }
        parsed.time = (hour.value, minute.value, second)
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count else { return .success(parsed) }
        if bytes[index] == UInt8(ascii: "Z") && index + 1 == bytes.count {
            parsed.offsetSeconds = 0
            return .success(parsed)
        }
        guard let sign = separator([UInt8(ascii: "+"), UInt8(ascii: "-")]),
              let offsetHours = number(maxDigits: 2), offsetHours.digits == 2 else { return .failure(.notADate) }
        _ = separator([UInt8(ascii: ":")])
        guard let offsetMinutes = number(maxDigits: 2), offsetMinutes.digits == 2, index == bytes.count,
              offsetHours.value <= 14, offsetMinutes.value < 60 else { return .failure(.notADate) }
        let offset = offsetHours.value * 3600 + offsetMinutes.value * 60
        parsed.offsetSeconds = sign == UInt8(ascii: "-") ? -offset : offset
        return .success(parsed)
    }
}
