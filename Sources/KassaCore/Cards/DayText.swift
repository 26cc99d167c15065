/// A `CalendarDate` coded as `"YYYY-MM-DD"` in JSON.
///
/// `CalendarDate`'s own coding writes `{"year":…,"month":…,"day":…}`; order files are read
/// by other programs, which expect the text form.
struct DayText: Codable, Sendable, Hashable {
    let date: CalendarDate

    init(_ date: CalendarDate) {
        self.date = date
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a date YYYY-MM-DD")
        }
        self.date = date
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(date.description)
    }
}
