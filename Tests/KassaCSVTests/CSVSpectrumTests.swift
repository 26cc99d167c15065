import Foundation
import Testing
@testable import KassaCSV

/// Every file of the csv-spectrum corpus parses to the objects of its JSON twin.
@Suite struct CSVSpectrumTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/csv-spectrum")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent("csvs").path)) ?? []
        return files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func corpusIsComplete() {
        #expect(Self.names.count == 12)
    }

    @Test(arguments: names)
    func parsesToItsJSON(name: String) throws {
        let csv = try Data(contentsOf: Self.corpus.appendingPathComponent("csvs/\(name).csv"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.corpus.appendingPathComponent("json/\(name).json")))
        // One file's JSON is a single object instead of a list of one.
        var expected = try (json as? [[String: String]]) ?? [#require(json as? [String: String])]
        Self.applyErrata(name: name, to: &expected)

        let reader = try CSVReader(data: csv, fileName: "\(name).csv", delimiter: .comma)
        let records = try reader.readAll()
        let header = try #require(records.first).fields
        let objects = records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: zip(header, record.fields))
        }
        #expect(objects == expected)
        for record in records.dropFirst() { #expect(record.fields.count == header.count) }
    }

    /// Upstream's location_coordinates.json disagrees with its CSV (max-mapper/csv-spectrum
    /// issue #20): the CSV's phone number is 2095257564, the JSON says 1234567890. No parser can
    /// produce the JSON's value, so the test expects what the CSV holds.
    static func applyErrata(name: String, to expected: inout [[String: String]]) {
        if name == "location_coordinates", expected.count == 1, expected[0]["Contact Phone Number"] == "1234567890" {
            expected[0]["Contact Phone Number"] = "2095257564"
        }
    }

    @Test(arguments: names)
    func sniffsTheComma(name: String) throws {
        let csv = try Data(contentsOf: Self.corpus.appendingPathComponent("csvs/\(name).csv"))
        #expect(try CSVReader(data: csv).delimiter == .comma)
    }
}
