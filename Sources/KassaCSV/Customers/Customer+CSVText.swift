import Foundation
import KassaCore

extension Customer {
    /// The export text of one field (see `CustomerCSVWriter`).
    func csvText(_ field: Field) -> String {
        func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
        switch field {
        case .number: return number
        case .firstName: return firstName ?? ""
        case .lastName: return lastName ?? ""
        case .company: return company ?? ""
        case .isCompany: return yesNo(isCompany)
        case .email: return email ?? ""
        case .billingEmail: return billingEmail ?? ""
        case .contactEmails: return contactEmails.joined(separator: ", ")
        case .mobile: return mobile ?? ""
        case .street: return street ?? ""
        case .postalCode: return postalCode ?? ""
        case .city: return city ?? ""
        case .country: return country ?? ""
        case .family: return family ?? ""
        case .type: return type ?? ""
        case .category: return category ?? ""
        case .points: return String(points)
        case .turnoverGroup: return turnoverGroup ?? ""
        case .newsletter: return yesNo(newsletter)
        case .newsletterAt: return newsletterAt.map(Self.utcTimestamp) ?? ""
        case .receivesStatusMails: return yesNo(receivesStatusMails)
        case .lastVisit: return lastVisit?.description ?? ""
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, whole seconds.
    private static func utcTimestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondsOfDay = seconds - days * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(CalendarDate(daysSinceEpoch: days))T\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60))Z"
    }
}
