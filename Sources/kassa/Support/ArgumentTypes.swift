import ArgumentParser
import KassaCore
import KassaCSV

// Option values with a fixed set of values or a format are parsed by ArgumentParser, so a
// bad one fails before anything runs, with its message: "The value 'yearly' is invalid for
// '--rhythm <rhythm>'. Please provide one of 'daily', 'weekly' and 'monthly'."

extension CSVEncoding: ExpressibleByArgument {
    /// The usual names too: `utf8`, `cp1252`, `ansi`, `latin1`.
    public init?(argument: String) { self.init(name: argument) }
}

extension CSVDelimiter: ExpressibleByArgument {
    /// `;`, `,`, `tab` (or `\t`), or any other single ASCII character but a quote or line end.
    public init?(argument: String) { self.init(argument) }
}

extension CalendarDate: ExpressibleByArgument {
    /// `YYYY-MM-DD`, a day that exists.
    public init?(argument: String) { self.init(argument) }
}

extension Money: ExpressibleByArgument {
    /// An amount like `10.00` or `10`.
    public init?(argument: String) { self.init(argument) }
}

extension CardSettings.Rhythm: ExpressibleByArgument {}

extension LoyaltyProgramme.Kind: ExpressibleByArgument {}
