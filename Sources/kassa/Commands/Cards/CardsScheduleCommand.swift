import ArgumentParser
import KassaApp
import KassaCore

/// `kassa cards schedule --from DATE [--rhythm daily|weekly|monthly] [--json]`
struct CardsScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Show when a card ordered on a day is dispatched.",
        discussion: """
            daily: the next working day; weekly: the first working day of the following week; monthly: the first \
            working day of the following month. Working days are Monday to Friday except [cards] holidays.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The order day.", valueName: "YYYY-MM-DD")) var from: CalendarDate
    @Option(help: "daily, weekly or monthly (default: [cards] rhythm).") var rhythm: CardSettings.Rhythm?
    @Flag(help: "Print JSON.") var json = false

    /// The answer as `--json` shows it.
    struct View: Encodable {
        let from: String
        let rhythm: String
        let dispatchDate: String
        let weekday: String
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    func run() throws {
        try reportingFailures {
            let shop = try Shop(global)
            let day = from
            var schedule = DispatchSchedule(shop.configuration.cards)
            if let rhythm { schedule.rhythm = rhythm }
            let dispatch = try schedule.dispatchDate(after: day)
            let view = View(from: day.description, rhythm: schedule.rhythm.rawValue, dispatchDate: dispatch.description,
                            weekday: Self.weekdays[dispatch.weekday - 1])
            if json { return try Output.json(view) }
            Output.line("\(view.dispatchDate) (\(view.weekday)): \(view.rhythm) dispatch of a card ordered on \(view.from).")
        }
    }
}
