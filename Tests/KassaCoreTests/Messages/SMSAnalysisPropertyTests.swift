import KassaTesting
import KassaCore
import Testing

@Suite("SMS analysis: properties over random texts")
struct SMSAnalysisPropertyTests {
    /// Pieces a random text is made of: GSM basic and extension characters, CR LF, and (for
    /// mixed texts) everything that makes splitting hard.
    private static let gsmPieces: [String] = [
        "a", "b", "Z", " ", "0", "9", ".", "!", "@", "£", "$", "é", "å", "ä", "ö", "Å", "Ä", "Ö",
        "Δ", "ß", "¤", "#", "\n", "\r\n", "\r", "€", "{", "}", "[", "]", "~", "|", "^", "\\", "\u{0C}",
    ]
    private static let hardPieces: [String] = [
        "ê", "ı", "ç", "’", "–", "😀", "🇸🇪", "👨‍👩‍👧", "👍🏽", "e\u{301}", "a\u{301}\u{302}\u{303}",
        "\u{301}", "中", "文", "\u{2028}", "𝄞", "Α", "`",
    ]

    private static func randomText(using random: inout SeededRandom) -> String {
        let mixed = Bool.random(using: &random)
        // Lengths cluster around the single-segment and part limits, where bugs live.
        let length: Int
        switch Int.random(in: 0..<4, using: &random) {
        case 0: length = Int.random(in: 0...20, using: &random)
        case 1: length = Int.random(in: 55...85, using: &random)
        case 2: length = Int.random(in: 140...175, using: &random)
        default: length = Int.random(in: 280...480, using: &random)
        }
        var text = ""
        for _ in 0..<length {
            if mixed, Int.random(in: 0..<8, using: &random) == 0 {
                text += hardPieces.randomElement(using: &random)!
            } else {
                text += gsmPieces.randomElement(using: &random)!
            }
        }
        // Now and then a cluster longer than a whole part.
        if mixed, Int.random(in: 0..<20, using: &random) == 0 {
            text += "x" + String(repeating: "\u{301}", count: Int.random(in: 60...200, using: &random))
        }
        return text
    }

    /// Scalar offsets at which `text` has a grapheme boundary, and for each cluster its range.
    private static func clusters(of text: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var offset = 0
        for character in text {
            let count = character.unicodeScalars.count
            ranges.append(offset..<(offset + count))
            offset += count
        }
        return ranges
    }

    @Test("Parts join to the text, respect the capacity and agree with the counts")
    func randomTexts() {
        var random = SeededRandom(seed: 0x5EED_0001)
        var problems: [String] = []
        for _ in 0..<3000 {
            problems += Self.problems(with: Self.randomText(using: &random))
            // One broken rule breaks thousands of texts; a few are enough to read.
            if problems.count >= 5 { break }
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Every rule that the analysis of `text` breaks, in words.
    private static func problems(with text: String) -> [String] {
        let analysis = SMSAnalysis.analyze(text, pricePerSegment: 1)
        var problems: [String] = []
        func expect(_ condition: Bool, _ rule: String, line: Int = #line) {
            if !condition { problems.append("line \(line): \(rule) for \(text.debugDescription)") }
        }

        // Encoding: GSM-7 exactly when the published table can carry every scalar.
        let septets = PublishedGSMTable.septets(text)
        expect((analysis.encoding == .gsm7) == (septets != nil), "GSM-7 exactly when every scalar is in the published table")
        let expectedUnits = septets ?? text.utf16.count
        expect(analysis.units == expectedUnits, "units are septets (GSM-7) or UTF-16 code units (UCS-2)")
        expect(analysis.characters == text.count, "characters are grapheme clusters")
        expect(analysis.nonGSMCharacters.isEmpty == (analysis.encoding == .gsm7), "non-GSM characters are listed exactly for UCS-2")
        for character in analysis.nonGSMCharacters {
            expect(PublishedGSMTable.septets(character) == nil, "a listed non-GSM character is really not GSM")
        }

        // The parts are exactly the text, scalar for scalar.
        expect(Array(analysis.parts.joined().unicodeScalars) == Array(text.unicodeScalars), "parts join to the text")
        expect(analysis.segments == analysis.parts.count, "segments are the parts")
        expect(analysis.cost == Double(analysis.segments), "cost is segments times price")
        expect(!analysis.parts.contains { $0.unicodeScalars.isEmpty }, "no empty part")

        let encoding = analysis.encoding
        let partUnits = analysis.parts.map { PublishedGSMTable.units($0, in: encoding) }
        expect(partUnits.reduce(0, +) == analysis.units, "part units add up to the units")

        if analysis.units <= encoding.singleSegmentCapacity {
            expect(analysis.segments == (analysis.units == 0 ? 0 : 1), "a short text is one segment (none when empty)")
            expect(analysis.unitsPerSegment == encoding.singleSegmentCapacity, "a short text has the single-segment capacity")
            expect(analysis.remainingInLastSegment == encoding.singleSegmentCapacity - analysis.units, "remaining counts down from the single-segment capacity")
            return problems
        }

        let capacity = encoding.multipartSegmentCapacity
        expect(analysis.unitsPerSegment == capacity, "a long text has the multipart capacity")
        expect(partUnits.allSatisfy { $0 <= capacity }, "no part over capacity")
        expect(analysis.segments >= (analysis.units + capacity - 1) / capacity, "at least ceil(units / capacity) segments")
        expect(analysis.remainingInLastSegment == capacity - (partUnits.last ?? 0), "remaining is what the last part leaves free")

        // Greedy: the start of each next part would not have fitted in the part before.
        for index in analysis.parts.indices.dropLast() {
            let nextStart = analysis.parts[index + 1].first.map { String($0) } ?? ""
            expect(partUnits[index] + PublishedGSMTable.units(nextStart, in: encoding) > capacity, "a part ends only when the next character does not fit")
        }

        // A part ends inside a cluster only when the cluster alone is longer than a part.
        let clusterRanges = clusters(of: text)
        let scalars = Array(text.unicodeScalars)
        var boundary = 0
        for part in analysis.parts.dropLast() {
            boundary += part.unicodeScalars.count
            if let cut = clusterRanges.first(where: { $0.lowerBound < boundary && boundary < $0.upperBound }) {
                let cluster = String(String.UnicodeScalarView(scalars[cut]))
                expect(PublishedGSMTable.units(cluster, in: encoding) > capacity, "a cluster is cut only when longer than a part")
            }
        }
        return problems
    }
}
