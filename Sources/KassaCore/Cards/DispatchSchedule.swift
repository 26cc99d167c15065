/// When an ordered card is dispatched, from the order date and the shipping rhythm
/// (`[cards] rhythm` and `holidays`, SPEC §8).
///
/// Working days are Monday to Friday, except the configured holidays. Weeks are ISO weeks,
/// Monday to Sunday. The dispatch date is always after the order date:
/// - `daily`: the first working day after the order date.
/// - `weekly`: the first working day on or after the Monday of the week after the order
///   date's week. An order on any day of a week, Sunday included, ships the following week;
///   when that whole week is holidays, the first working day after it.
/// - `monthly`: the first working day on or after the 1st of the month after the order
///   date's month.
///
/// The search for a working day stops after `searchLimit` days and throws rather than
/// answering a date years away: a holiday list that long is a mistake in the configuration.
public struct DispatchSchedule: Sendable, Hashable {
    /// How many days, from the first candidate on, are searched for a working day.
    public static let searchLimit = 366

    /// The shipping rhythm.
    public var rhythm: CardSettings.Rhythm
    /// Days that are not working days, besides Saturdays and Sundays.
    public var holidays: Set<CalendarDate>

    /// A schedule from its parts.
    public init(rhythm: CardSettings.Rhythm, holidays: some Sequence<CalendarDate> = []) {
        self.rhythm = rhythm
        self.holidays = Set(holidays)
    }

    /// The schedule of `[cards]`.
    public init(_ settings: CardSettings) {
        self.init(rhythm: settings.rhythm, holidays: settings.holidays)
    }

    /// Whether cards are dispatched on `date`: Monday to Friday and not a holiday.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        date.weekday <= 5 && !holidays.contains(date)
    }

    /// The day a card ordered on `orderDate` is dispatched; always later than `orderDate`.
    ///
    /// - Throws: `CardError` `no_working_day` when no working day comes within
    ///   `searchLimit` days of the first candidate (or before the year 10000).
    public func dispatchDate(after orderDate: CalendarDate) throws(CardError) -> CalendarDate {
        let earliest: CalendarDate
        switch rhythm {
        case .daily:
            earliest = orderDate.adding(days: 1)
        case .weekly:
            earliest = orderDate.adding(days: 8 - orderDate.weekday)
        case .monthly:
            earliest = orderDate.month == 12
                ? CalendarDate(year: orderDate.year + 1, month: 1, day: 1) ?? orderDate.adding(days: 32)
                : CalendarDate(year: orderDate.year, month: orderDate.month + 1, day: 1)!
        }
        return try firstWorkingDay(onOrAfter: earliest)
    }

    /// The first working day on or after `start`.
    ///
    /// - Throws: `CardError` `no_working_day`, as `dispatchDate(after:)`.
    public func firstWorkingDay(onOrAfter start: CalendarDate) throws(CardError) -> CalendarDate {
        for offset in 0..<Self.searchLimit {
            let candidate = start.adding(days: offset)
            // CalendarDate stops at 9999; beyond it, days would no longer be real dates.
            guard candidate.year <= 9999 else { break }
            if isWorkingDay(candidate) { return candidate }
        }
        throw CardError(.noWorkingDay,
                        "No working day within \(Self.searchLimit) days from \(start) on: every weekday in that time is in [cards] holidays; check the holiday list")
    }
}
