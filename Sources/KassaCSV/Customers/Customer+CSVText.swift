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

extension Customer {
    /// Whether `field` holds the same value here as in `other`, compared as stored (no text
    /// is made: a continuation row of an import is checked field by field).
    func hasSameValue(_ field: Field, as other: borrowing Customer) -> Bool {
        switch field {
        case .number: return number == other.number
        case .firstName: return firstName == other.firstName
        case .lastName: return lastName == other.lastName
        case .company: return company == other.company
        case .isCompany: return isCompany == other.isCompany
        case .email: return email == other.email
        case .billingEmail: return billingEmail == other.billingEmail
        case .contactEmails: return contactEmails == other.contactEmails
        case .mobile: return mobile == other.mobile
        case .street: return street == other.street
        case .postalCode: return postalCode == other.postalCode
        case .city: return city == other.city
        case .country: return country == other.country
        case .family: return family == other.family
        case .type: return type == other.type
        case .category: return category == other.category
        case .points: return points == other.points
        case .turnoverGroup: return turnoverGroup == other.turnoverGroup
        case .newsletter: return newsletter == other.newsletter
        case .newsletterAt: return newsletterAt == other.newsletterAt
        case .receivesStatusMails: return receivesStatusMails == other.receivesStatusMails
        case .lastVisit: return lastVisit == other.lastVisit
        }
    }
}
