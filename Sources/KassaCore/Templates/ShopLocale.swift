/// How the shop's language writes dates and amounts in messages.
///
/// Kassa formats by itself instead of using `DateFormatter`/`NumberFormatter`: those are slow
/// per call and their locale data differs between macOS and Linux, so a message would not
/// read the same on every machine.
///
/// | language | date         | amount       |
/// |----------|--------------|--------------|
/// | `sv`     | `2026-11-23` | `1 234,50`   |
/// | `nl`     | `23-11-2026` | `1.234,50`   |
/// | `fr`     | `23/11/2026` | `1 234,50`   |
/// | `de`     | `23.11.2026` | `1.234,50`   |
/// | `en`     | `2026-11-23` | `1,234.50`   |
///
/// Grouping in Swedish and French is a plain space, not the no-break space of CLDR: the
/// no-break space is not in the GSM-7 alphabet, and a single one would turn a whole SMS into
/// UCS-2 (70 instead of 160 characters per segment).
public enum ShopLocale: String, Sendable, Hashable, Codable, CaseIterable {
    /// Swedish, the default.
    case sv
    /// Dutch.
    case nl
    /// French.
    case fr
    /// German.
    case de
    /// English.
    case en

    /// The locale of a BCP 47 language tag as `[shop] language` holds it (`sv`, `nl-BE`,
    /// `fr_FR`, `EN`); Swedish for a language Kassa does not know, as on a fresh machine.
    public init(languageTag: String) {
        let language = languageTag.prefix { $0 != "-" && $0 != "_" }.lowercased()
        self = ShopLocale(rawValue: language) ?? .sv
    }

    /// The character between the thousands of an amount.
    var groupingSeparator: UInt8 {
        switch self {
        case .sv, .fr: UInt8(ascii: " ")
        case .nl, .de: UInt8(ascii: ".")
        case .en: UInt8(ascii: ",")
        }
    }

    /// The character before the decimals of an amount.
    var decimalSeparator: UInt8 {
        self == .en ? UInt8(ascii: ".") : UInt8(ascii: ",")
    }

    /// A word for "customer", used in error messages that show how to write a fallback.
    var customerWord: String {
        switch self {
        case .sv: "kund"
        case .nl: "klant"
        case .fr: "client"
        case .de: "Kunde"
        case .en: "customer"
        }
    }
}
