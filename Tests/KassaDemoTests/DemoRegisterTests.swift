import Foundation
import Testing
import KassaCore
@testable import KassaDemo

@Suite("Demo register")
struct DemoRegisterTests {
    @Test("the same seed gives the same customers; another seed others")
    func determinism() {
        let first = DemoRegister.generate(count: 500, seed: 2026)
        let again = DemoRegister.generate(count: 500, seed: 2026)
        let other = DemoRegister.generate(count: 500, seed: 2027)
        #expect(first == again)
        #expect(first != other)
        // Not just one field: most customers differ.
        let differing = zip(first, other).filter { $0.firstName != $1.firstName || $0.email != $1.email }.count
        #expect(differing > 400)
    }

    @Test("a customer depends on its index, not on the count or the batch size")
    func batchesMatchGenerate() {
        let whole = DemoRegister.generate(count: 250, seed: 5)
        #expect(Array(whole.prefix(40)) == DemoRegister.generate(count: 40, seed: 5))
        let batches = Array(DemoRegister.batches(count: 250, seed: 5, batchSize: 64))
        #expect(batches.map(\.count) == [64, 64, 64, 58])
        #expect(batches.flatMap { $0 } == whole)
        #expect(DemoRegister.customer(at: 123, seed: 5) == whole[123])
        #expect(Array(DemoRegister.batches(count: 0, seed: 5)).isEmpty)
    }

    @Test("customers look real for their country")
    func realistic() throws {
        let customers = DemoRegister.generate(count: 5_000, seed: 11)
        #expect(Set(customers.map(\.number)).count == customers.count)
        #expect(customers.first?.number == "100001")

        let postalShapes: [String: String] = [
            "SE": #"^\d{3} \d{2}$"#, "NL": #"^\d{4} [A-Z]{2}$"#, "FR": #"^\d{5}$"#, "DE": #"^\d{5}$"#,
            "GB": #"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$"#,
        ]
        let mobileShapes: [String: String] = [
            "SE": #"^\+467\d{8}$"#, "NL": #"^\+316\d{8}$"#, "FR": #"^\+33[67]\d{8}$"#,
            "DE": #"^\+491[5-7]\d{8,9}$"#, "GB": #"^\+447700900\d{3}$"#,
        ]
        var countries: [String: Int] = [:]
        for customer in customers {
            let country = try #require(customer.country)
            countries[country, default: 0] += 1
            let postalCode = try #require(customer.postalCode)
            #expect(postalCode.range(of: postalShapes[country]!, options: .regularExpression) != nil,
                    "\(country) postal code \(postalCode)")
            if let mobile = customer.mobile {
                #expect(mobile.range(of: mobileShapes[country]!, options: .regularExpression) != nil,
                        "\(country) mobile \(mobile)")
            }
            for address in [customer.email, customer.billingEmail].compactMap({ $0 }) + customer.contactEmails {
                #expect(address.range(of: #"^[a-z0-9.\-]+@[a-z0-9.\-]+\.(example|com|net|org)$"#,
                                      options: .regularExpression) != nil, "e-mail \(address)")
                let domain = address.split(separator: "@").last!
                #expect(domain.hasSuffix(".example") || ["example.com", "example.net", "example.org"].contains(domain),
                        "\(address) is not under a reserved domain")
            }
            #expect((customer.newsletterAt != nil) == customer.newsletter)
            #expect(customer.isCompany == (customer.company != nil))
            let languages = ["SE": "sv", "NL": "nl", "FR": "fr", "DE": "de", "GB": "en"]
            #expect(customer.attributes["language"].map { $0 == languages[country] } ?? true)
            for vehicle in customer.vehicles {
                #expect(["bike", "e-bike", "car", "moped"].contains(vehicle.type ?? ""))
                #expect(vehicle.brand != nil)
                #expect((vehicle.plate != nil) == (vehicle.type == "car" || vehicle.type == "moped"))
            }
        }
        #expect(Set(countries.keys) == ["SE", "NL", "FR", "DE", "GB"])
        #expect(countries.values.allSatisfy { $0 > 250 })

        let names = Set(customers.flatMap { [$0.firstName, $0.lastName] }.compactMap { $0 })
        for name in ["Åsa", "Öberg", "Jürgen", "Müller", "Émilie", "Lefèvre", "Sanne", "de Vries", "Oliver", "Smith"] {
            #expect(names.contains(name), "no \(name)")
        }
        let brands = Set(customers.flatMap(\.vehicles).compactMap(\.brand))
        for brand in ["Volvo", "Saab", "Crescent", "Gazelle", "Peugeot", "Renault", "Volkswagen", "BMW", "Raleigh"] {
            #expect(brands.contains(brand), "no \(brand)")
        }
        #expect(customers.contains { $0.email == nil })
        #expect(customers.contains { $0.mobile == nil })
        #expect(customers.contains { $0.street == nil })
        #expect(customers.contains { $0.isCompany && $0.billingEmail != nil && !$0.contactEmails.isEmpty })
        #expect(customers.contains { !$0.cards.isEmpty })
        #expect(customers.contains { $0.lastVisit == nil })
        #expect(customers.contains { $0.attributes["birthday"] != nil })
        #expect(customers.contains { $0.attributes["language"] != nil })
        #expect(customers.contains { $0.attributes["frame_size"] != nil })
        #expect(customers.contains { $0.points >= 5_000 })
        #expect(Set(customers.compactMap(\.turnoverGroup)) == ["BRONZE", "SILVER", "GOLD", "PLATINUM"])
        let companies = customers.filter(\.isCompany).count
        #expect((150...600).contains(companies))
        let lastVisits = customers.compactMap(\.lastVisit)
        #expect(lastVisits.allSatisfy { $0 <= DemoRegister.defaultReferenceDate })
    }

    @Test("German addresses spell umlauts out, others drop the accents")
    func mailLocalParts() {
        #expect(DemoLocale.asciiFolded("Müller", umlautsAsE: true) == "mueller")
        #expect(DemoLocale.asciiFolded("Öberg") == "oberg")
        #expect(DemoLocale.asciiFolded("Lefèvre") == "lefevre")
        #expect(DemoLocale.asciiFolded("de Vries") == "devries")
        #expect(DemoLocale.asciiFolded("O'Brien") == "obrien")
    }
}
