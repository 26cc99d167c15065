import Foundation
import KassaCore
import Testing

@Suite("SMS analysis: encodings and segment boundaries")
struct SMSAnalysisTests {
    private func repeated(_ text: String, _ count: Int) -> String {
        String(repeating: text, count: count)
    }

    // MARK: GSM-7 boundaries

    @Test("160 GSM characters are one segment, 161 are two")
    func gsmSingleSegmentBoundary() {
        let full = SMSAnalysis.analyze(repeated("a", 160))
        #expect(full.encoding == .gsm7)
        #expect(full.segments == 1)
        #expect(full.units == 160)
        #expect(full.unitsPerSegment == 160)
        #expect(full.remainingInLastSegment == 0)
        #expect(full.parts == [repeated("a", 160)])

        let over = SMSAnalysis.analyze(repeated("a", 161))
        #expect(over.segments == 2)
        #expect(over.unitsPerSegment == 153)
        #expect(over.parts.map(\.count) == [153, 8])
        #expect(over.remainingInLastSegment == 145)
    }

    @Test("306 GSM characters are two parts of 153, 307 are three")
    func gsmMultipartBoundary() {
        let two = SMSAnalysis.analyze(repeated("b", 306))
        #expect(two.segments == 2)
        #expect(two.parts.map(\.count) == [153, 153])
        #expect(two.remainingInLastSegment == 0)

        let three = SMSAnalysis.analyze(repeated("b", 307))
        #expect(three.segments == 3)
        #expect(three.parts.map(\.count) == [153, 153, 1])
    }

    @Test("Extension characters count as two septets")
    func extensionCharactersCountTwice() {
        let text = "Pris: 100 € {rea} [50%] ~ | ^ \\"
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.characters == text.count)
        // 9 extension characters in the text, each one septet more than it looks.
        #expect(analysis.units == text.count + 9)

        #expect(SMSAnalysis.analyze(repeated("a", 158) + "€").segments == 1)
        let pushedOver = SMSAnalysis.analyze(repeated("a", 159) + "€")
        #expect(pushedOver.units == 161)
        #expect(pushedOver.segments == 2)
    }

    @Test("A € that would straddle the 153rd septet moves whole to the next part")
    func euroAtPartBoundaryMoves() {
        let text = repeated("a", 152) + "€" + repeated("a", 10)
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.units == 164)
        #expect(analysis.segments == 2)
        #expect(analysis.parts == [repeated("a", 152), "€" + repeated("a", 10)])
        #expect(analysis.remainingInLastSegment == 153 - 12)

        // One character earlier, the € still fits in the first part.
        let fits = SMSAnalysis.analyze(repeated("a", 151) + "€" + repeated("a", 10))
        #expect(fits.parts.first == repeated("a", 151) + "€")
    }

    @Test("CR LF is one character and is never split across parts")
    func crlfStaysTogether() {
        let text = repeated("a", 152) + "\r\n" + repeated("a", 10)
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.characters == 152 + 1 + 10)
        #expect(analysis.units == 164)
        #expect(analysis.parts.first == repeated("a", 152))
        #expect(analysis.parts.last?.hasPrefix("\r\n") == true)
        #expect(analysis.hasLineBreaks)
    }

    // MARK: UCS-2 boundaries

    @Test("70 UCS-2 units are one segment, 71 are two; 134 are two parts of 67, 135 three")
    func ucs2Boundaries() {
        let seventy = SMSAnalysis.analyze(repeated("ê", 70))
        #expect(seventy.encoding == .ucs2)
        #expect(seventy.segments == 1)
        #expect(seventy.unitsPerSegment == 70)
        #expect(seventy.remainingInLastSegment == 0)

        let seventyOne = SMSAnalysis.analyze(repeated("ê", 71))
        #expect(seventyOne.segments == 2)
        #expect(seventyOne.unitsPerSegment == 67)
        #expect(seventyOne.parts.map(\.count) == [67, 4])

        let twoFull = SMSAnalysis.analyze(repeated("ê", 134))
        #expect(twoFull.segments == 2)
        #expect(twoFull.remainingInLastSegment == 0)
        #expect(SMSAnalysis.analyze(repeated("ê", 135)).segments == 3)
    }

    @Test("A surrogate pair is two units and an emoji at a part boundary moves whole")
    func emojiAtUCS2Boundary() {
        let single = SMSAnalysis.analyze("😀")
        #expect(single.encoding == .ucs2)
        #expect(single.characters == 1)
        #expect(single.units == 2)

        // 66 units, then an emoji that would need units 67 and 68.
        let head = "ê" + repeated("a", 65)
        let text = head + "😀" + repeated("a", 10)
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.units == 78)
        #expect(analysis.segments == 2)
        #expect(analysis.parts == [head, "😀" + repeated("a", 10)])
        #expect(analysis.parts[0].utf16.count == 66)
    }

    @Test("Flags and ZWJ emoji sequences are one character and move whole")
    func multiScalarEmojiStayTogether() {
        let flag = "🇸🇪"
        let family = "👨‍👩‍👧"
        let text = "ê" + repeated("a", 64) + flag + repeated("b", 60) + family + "!"
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.characters == 1 + 64 + 1 + 60 + 1 + 1)
        #expect(analysis.units == 65 + 4 + 60 + 8 + 1)
        for part in analysis.parts {
            #expect(!part.unicodeScalars.isEmpty)
        }
        #expect(analysis.parts[0] == "ê" + repeated("a", 64))
        #expect(analysis.parts[1].hasPrefix(flag))
        #expect(analysis.parts.contains { $0.contains(family) })
        #expect(analysis.parts.joined() == text)
    }

    // MARK: Which characters force UCS-2

    @Test("Swedish text with å, ä, ö stays GSM-7")
    func swedishStaysGSM() {
        let text = "Hej Åsa! Välkommen till vår höstrea på Cykelbutiken. Ärligt: öppet även på söndag."
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.units == text.count)
        #expect(analysis.nonGSMCharacters.isEmpty)
        #expect(analysis.segments == 1)
    }

    @Test("ê or a dotless ı forces UCS-2 and is named", arguments: ["ê", "ı"])
    func foreignLetterForcesUCS2(letter: String) {
        let text = "Hej Åsa, vi ses på fest\(letter)n!"
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.nonGSMCharacters == [letter])
        #expect(analysis.units == text.utf16.count)
    }

    @Test("Characters that look harmless but are not GSM are listed once each, in order")
    func nonGSMListedOnceInOrder() {
        let text = "Don’t miss – it’s `today` – ç"
        let analysis = SMSAnalysis.analyze(text)
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.nonGSMCharacters == ["’", "–", "`", "ç"])
    }

    @Test("Combining characters: one visible character, several units, forcing UCS-2")
    func combiningCharacters() {
        let decomposed = "Cafe\u{301}"
        let analysis = SMSAnalysis.analyze(decomposed)
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.characters == 4)
        #expect(analysis.units == 5)
        #expect(analysis.nonGSMCharacters == ["e\u{301}"])
        #expect(analysis.nonGSMCharacters.first?.unicodeScalars.count == 2)

        // The precomposed é is in the GSM alphabet.
        #expect(SMSAnalysis.analyze("Caf\u{E9}").encoding == .gsm7)

        // At a part boundary the whole cluster moves.
        let head = "ê" + repeated("a", 65)
        let split = SMSAnalysis.analyze(head + "e\u{301}" + repeated("a", 10))
        #expect(split.parts.first == head)
        #expect(split.parts.last?.unicodeScalars.first == "e")
    }

    @Test("A cluster longer than one part is split between scalars, filling the first part")
    func clusterLongerThanAPart() {
        let cluster = "a" + repeated("\u{301}", 100)
        let analysis = SMSAnalysis.analyze(cluster)
        #expect(analysis.characters == 1)
        #expect(analysis.units == 101)
        #expect(analysis.segments == 2)
        #expect(analysis.parts.map { $0.utf16.count } == [67, 34])
        #expect(String(analysis.parts.joined().unicodeScalars) == cluster)

        // A long cluster of surrogate pairs (a thumb with 40 skin-tone modifiers, which extend
        // the cluster): the part ends at 66 units rather than cut the pair at 67–68.
        let thumbs = "👍" + repeated("🏽", 40)
        let pairs = SMSAnalysis.analyze(thumbs)
        #expect(pairs.characters == 1)
        #expect(pairs.units == 82)
        #expect(pairs.parts.map { $0.utf16.count } == [66, 16])
    }

    // MARK: Warnings, cost, edge cases

    @Test("Line breaks are reported: LF, CR LF and Unicode separators")
    func lineBreaks() {
        #expect(SMSAnalysis.analyze("Hej\nDå").hasLineBreaks)
        #expect(SMSAnalysis.analyze("Hej\r\nDå").hasLineBreaks)
        #expect(SMSAnalysis.analyze("Hej\u{2028}Då").hasLineBreaks)
        #expect(!SMSAnalysis.analyze("Hej Då").hasLineBreaks)
        // A line feed is in the GSM alphabet: the warning does not change the encoding.
        #expect(SMSAnalysis.analyze("Hej\nDå").encoding == .gsm7)
    }

    @Test("Cost is segments times the price per segment, nil without a price")
    func cost() throws {
        let text = repeated("a", 307)
        #expect(SMSAnalysis.analyze(text).cost == nil)
        let cost = try #require(SMSAnalysis.analyze(text, pricePerSegment: 0.45).cost)
        #expect(abs(cost - 1.35) < 1e-9)
        #expect(SMSAnalysis.analyze("Hej", pricePerSegment: 0.45).cost == 0.45)
    }

    @Test("The empty text has no segments")
    func emptyText() {
        let analysis = SMSAnalysis.analyze("", pricePerSegment: 0.45)
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.segments == 0)
        #expect(analysis.parts.isEmpty)
        #expect(analysis.characters == 0)
        #expect(analysis.remainingInLastSegment == 160)
        #expect(analysis.cost == 0)
    }

    // MARK: JSON

    @Test("JSON uses the stable snake_case keys, with cost null when unknown")
    func jsonKeys() throws {
        let analysis = SMSAnalysis.analyze("Hej #FORNAMN#, 20 € rabatt!\nVälkommen")
        let data = try JSONEncoder().encode(analysis)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "encoding", "segments", "characters", "units", "per_segment", "remaining",
            "line_breaks", "non_gsm", "cost", "parts",
        ])
        #expect(object["encoding"] as? String == "GSM-7")
        #expect(object["line_breaks"] as? Bool == true)
        #expect(object["cost"] is NSNull)
        #expect(object["units"] as? Int == analysis.units)

        let decoded = try JSONDecoder().decode(SMSAnalysis.self, from: data)
        #expect(decoded == analysis)

        let priced = SMSAnalysis.analyze("ı", pricePerSegment: 0.5)
        let pricedObject = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(priced)) as? [String: Any]
        )
        #expect(pricedObject["encoding"] as? String == "UCS-2")
        #expect(pricedObject["non_gsm"] as? [String] == ["ı"])
        #expect(pricedObject["cost"] as? Double == 0.5)
    }
}
