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
        case .newsletterAt: return newsletterAt?.utcTimestamp ?? ""
        case .receivesStatusMails: return yesNo(receivesStatusMails)
        case .lastVisit: return lastVisit?.description ?? ""
        }
    }
}
