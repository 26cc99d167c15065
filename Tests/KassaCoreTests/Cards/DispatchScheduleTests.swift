import Testing
@testable import KassaCore

private func date(_ text: String) -> CalendarDate {
    CalendarDate(text)!
}

@Suite("Dispatch dates from the shipping rhythm")
struct DispatchScheduleTests {
    private let christmas = [date("2026-12-24"), date("2026-12-25")]

    @Test("working days are Monday to Friday, minus holidays")
    func workingDays() {
        let schedule = DispatchSchedule(rhythm: .daily, holidays: christmas)
        #expect(schedule.isWorkingDay(date("2026-12-23")))      // Wednesday
        #expect(!schedule.isWorkingDay(date("2026-12-24")))     // holiday
        #expect(!schedule.isWorkingDay(date("2026-12-26")))     // Saturday
        #expect(!schedule.isWorkingDay(date("2026-12-27")))     // Sunday
        #expect(schedule.isWorkingDay(date("2026-12-28")))      // Monday
    }

    @Test("daily: the next working day", arguments: [
        ("2026-12-23", "2026-12-28"),   // Wednesday before Christmas: holidays, then the weekend
        ("2026-11-27", "2026-11-30"),   // Friday to Monday
        ("2026-11-28", "2026-11-30"),   // Saturday to Monday
        ("2026-11-30", "2026-12-01"),   // Monday to Tuesday
        ("2027-12-31", "2028-01-04"),   // across the year end, with 2028-01-03 a holiday
        ("2028-02-28", "2028-02-29"),   // into a leap day
        ("2028-02-29", "2028-03-01"),   // out of a leap day
    ])
    func daily(order: String, dispatch: String) throws {
        let schedule = DispatchSchedule(rhythm: .daily, holidays: christmas + [date("2028-01-03")])
        #expect(try schedule.dispatchDate(after: date(order)) == date(dispatch))
    }

    @Test("weekly: the first working day of the following ISO week", arguments: [
        ("2026-11-30", "2026-12-07"),   // Monday: a week later
        ("2026-12-04", "2026-12-07"),   // Friday
        ("2026-12-06", "2026-12-07"),   // Sunday ends its week: the next day starts the following one
        ("2026-12-31", "2027-01-05"),   // Thursday, across the year end; that Monday is a holiday
        ("2027-12-30", "2028-01-03"),   // Thursday, across the year end
        ("2026-12-16", "2026-12-21"),   // following week begins normally
        ("2026-12-28", "2027-01-05"),   // following week's Monday is a holiday: Tuesday
        ("2027-01-06", "2027-01-18"),   // the whole following week is holidays: the first working day after
        ("2028-02-24", "2028-02-28"),   // Thursday before the leap week
        ("2028-02-29", "2028-03-06"),   // the leap day itself
    ])
    func weekly(order: String, dispatch: String) throws {
        let holidays = [date("2027-01-04")] + (11...15).map { date("2027-01-\($0)") }
        let schedule = DispatchSchedule(rhythm: .weekly, holidays: holidays)
        #expect(try schedule.dispatchDate(after: date(order)) == date(dispatch))
    }

    @Test("monthly: the first working day of the following month", arguments: [
        ("2026-12-15", "2027-01-04"),   // New Year a holiday, then the weekend
        ("2026-11-30", "2026-12-01"),   // the last day of a month: tomorrow, a Tuesday
        ("2026-05-01", "2026-06-01"),   // the first of a month ships the following month
        ("2028-01-31", "2028-02-01"),
        ("2028-02-29", "2028-03-01"),   // from a leap day
        ("2026-02-10", "2026-03-02"),   // March 1st 2026 is a Sunday
    ])
    func monthly(order: String, dispatch: String) throws {
        let schedule = DispatchSchedule(rhythm: .monthly, holidays: [date("2027-01-01")])
        #expect(try schedule.dispatchDate(after: date(order)) == date(dispatch))
    }

    @Test("the dispatch date is always later, a working day, and the earliest the rhythm allows",
          arguments: CardSettings.Rhythm.allCases)
    func properties(rhythm: CardSettings.Rhythm) throws {
        let holidays = (0..<60).map { date("2026-12-01").adding(days: $0 * 7 % 53) }
        let schedule = DispatchSchedule(rhythm: rhythm, holidays: holidays)
        let first = date("2026-10-01")
        for offset in 0..<(3 * 366) {
            let order = first.adding(days: offset)
            let dispatch = try schedule.dispatchDate(after: order)
            #expect(dispatch > order)
            #expect(schedule.isWorkingDay(dispatch))
            let earliest: CalendarDate = switch rhythm {
            case .daily: order.adding(days: 1)
            case .weekly: order.adding(days: 8 - order.weekday)
            case .monthly: order.month == 12 ? date("\(order.year + 1)-01-01")
                : CalendarDate(year: order.year, month: order.month + 1, day: 1)!
            }
            #expect(dispatch >= earliest)
            var day = earliest
            while day < dispatch {
                #expect(!schedule.isWorkingDay(day), "\(day) is a working day before \(dispatch)")
                day = day.adding(days: 1)
            }
        }
    }

    @Test("holidays covering every weekday end the search with an error, not a loop")
    func noWorkingDay() {
        let start = date("2026-01-01")
        let schedule = DispatchSchedule(rhythm: .daily, holidays: (0..<800).map { start.adding(days: $0) })
        #expect {
            try schedule.dispatchDate(after: date("2026-03-10"))
        } throws: { error in
            guard let error = error as? CardError else { return false }
            return error.code == .noWorkingDay && error.message.contains("2026-03-11") && error.message.contains("holidays")
        }
    }

    @Test("the search covers exactly searchLimit days")
    func limitEdge() throws {
        let start = date("2026-01-05")   // a Monday; 365 days later is a Tuesday
        let lastSearched = start.adding(days: DispatchSchedule.searchLimit - 1)
        let allButLast = DispatchSchedule(rhythm: .daily, holidays: (0..<(DispatchSchedule.searchLimit - 1)).map { start.adding(days: $0) })
        #expect(try allButLast.firstWorkingDay(onOrAfter: start) == lastSearched)
        let all = DispatchSchedule(rhythm: .daily, holidays: (0..<DispatchSchedule.searchLimit).map { start.adding(days: $0) })
        #expect(throws: CardError.self) { try all.firstWorkingDay(onOrAfter: start) }
    }

    @Test("the end of the calendar is an error, not a crash", arguments: CardSettings.Rhythm.allCases)
    func endOfCalendar(rhythm: CardSettings.Rhythm) {
        #expect(throws: CardError.self) {
            try DispatchSchedule(rhythm: rhythm).dispatchDate(after: date("9999-12-31"))
        }
    }

    @Test("the schedule of the settings")
    func fromSettings() {
        let schedule = DispatchSchedule(CardSettings(rhythm: .monthly, holidays: christmas))
        #expect(schedule.rhythm == .monthly)
        #expect(schedule.holidays == Set(christmas))
    }
}
