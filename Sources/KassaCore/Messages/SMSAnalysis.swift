/// What an SMS text costs: its encoding, its segments and how it is split into them.
///
/// ```swift
/// let analysis = SMSAnalysis.analyze("Hej Anna! Välkommen till vår rea.", pricePerSegment: 0.45)
/// analysis.encoding   // .gsm7
/// analysis.segments   // 1
/// analysis.cost       // 0.45
/// ```
///
/// Rules (3GPP TS 23.038 / 23.040):
/// - A text whose every Unicode scalar is in the GSM 7-bit default alphabet or its extension
///   table is sent as GSM-7; each basic character is one septet, each extension character
///   (`^ { } \ [ ~ ] | €` and form feed) is two (the escape code and the character).
/// - Any other scalar sends the whole text as UCS-2; each UTF-16 code unit is one unit, so a
///   character outside the Basic Multilingual Plane (most emoji) is two.
/// - A text of at most 160 septets (70 code units) is one segment. A longer text is sent as a
///   concatenated message of parts of at most 153 septets (67 code units).
/// - The split never cuts an escape pair or a surrogate pair, and never cuts a grapheme cluster
///   (what the user sees as one character: `e` + combining accent, a flag, an emoji with skin
///   tone or a ZWJ family, CR LF) when the cluster fits in one part: such a cluster moves whole
///   to the next part, leaving the rest of the current part unused. That is why `segments` can
///   exceed `units` divided by `unitsPerSegment`: it counts the parts of the real split.
/// - A cluster longer than a whole part (a letter with dozens of combining marks, say) cannot be
///   kept together: it is split between Unicode scalars, filling the current part first, so it
///   still never cuts an escape or surrogate pair. Phones show the pieces as separate
///   characters, as they would for any concatenated message that cut it.
/// - The empty text has no segments and no parts.
///
/// No normalization is applied: a decomposed `é` (`e` + U+0301) is not in the GSM alphabet,
/// forces UCS-2 and is listed in `nonGSMCharacters`, so that the user can retype it.
public struct SMSAnalysis: Sendable, Hashable {
    /// GSM-7, or UCS-2 when some character is not in the GSM 7-bit alphabet.
    public var encoding: SMSEncoding
    /// How many SMS the text is sent as (each one billed): the number of `parts`.
    public var segments: Int
    /// What the user sees as characters: the number of grapheme clusters.
    public var characters: Int
    /// Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text.
    public var units: Int
    /// The capacity of one segment for this text: 160/70 when it fits in one segment,
    /// else 153/67 per part.
    public var unitsPerSegment: Int
    /// Units still free in the last segment (for a live counter): typing more than this many
    /// units adds a segment. For the empty text, the capacity of a single segment.
    public var remainingInLastSegment: Int
    /// The text of each segment, in order; joined they give back the text exactly.
    public var parts: [String]
    /// Whether the text has line breaks: not every phone shows them.
    public var hasLineBreaks: Bool
    /// The characters (grapheme clusters) that forced UCS-2, each once, in order of first
    /// appearance, so the user can replace them; empty for GSM-7.
    public var nonGSMCharacters: [String]
    /// `segments` times the price per segment (`[sms] price_per_segment`), when one is known.
    public var cost: Double?

    /// The warning shown when `hasLineBreaks` is true.
    public static let lineBreakWarning = "Not every phone shows line breaks."

    /// Creates an analysis from its parts, as decoded from JSON or built by a test.
    public init(
        encoding: SMSEncoding,
        segments: Int,
        characters: Int,
        units: Int,
        unitsPerSegment: Int,
        remainingInLastSegment: Int,
        parts: [String],
        hasLineBreaks: Bool,
        nonGSMCharacters: [String],
        cost: Double?
    ) {
        self.encoding = encoding
        self.segments = segments
        self.characters = characters
        self.units = units
        self.unitsPerSegment = unitsPerSegment
        self.remainingInLastSegment = remainingInLastSegment
        self.parts = parts
        self.hasLineBreaks = hasLineBreaks
        self.nonGSMCharacters = nonGSMCharacters
        self.cost = cost
    }

    /// Analyzes `text` as it would be sent, with its cost when `pricePerSegment` is given.
    public static func analyze(_ text: String, pricePerSegment: Double? = nil) -> SMSAnalysis {
        let counts = countGSM7(text) ?? countUCS2(text)

        let encoding = counts.encoding
        let unitsPerSegment: Int
        let split: Split
        if counts.units <= encoding.singleSegmentCapacity {
            unitsPerSegment = encoding.singleSegmentCapacity
            split = counts.units == 0
                ? Split(parts: [], unitsInLastPart: 0)
                : Split(parts: [text], unitsInLastPart: counts.units)
        } else {
            unitsPerSegment = encoding.multipartSegmentCapacity
            split = encoding == .gsm7
                ? splitGSM7(text, capacity: unitsPerSegment)
                : splitByCluster(text, encoding: encoding, capacity: unitsPerSegment)
        }

        return SMSAnalysis(
            encoding: encoding,
            segments: split.parts.count,
            characters: counts.characters,
            units: counts.units,
            unitsPerSegment: unitsPerSegment,
            remainingInLastSegment: unitsPerSegment - split.unitsInLastPart,
            parts: split.parts,
            hasLineBreaks: counts.hasLineBreaks,
            nonGSMCharacters: counts.nonGSMCharacters,
            cost: pricePerSegment.map { $0 * Double(split.parts.count) }
        )
    }

    /// What one pass over the text finds.
    private struct Counts {
        var encoding: SMSEncoding
        var characters: Int
        var units: Int
        var hasLineBreaks: Bool
        var nonGSMCharacters: [String]
    }

    /// Counts a text made only of GSM-7 scalars, without grapheme breaking; `nil` as soon as a
    /// scalar is not GSM. Among GSM scalars the only multi-scalar cluster is CR LF (none of them
    /// is a combining mark, joiner or regional indicator), so clusters are counted exactly.
    private static func countGSM7(_ text: String) -> Counts? {
        var septets = 0
        var scalars = 0
        var crlfPairs = 0
        var hasLineBreaks = false
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            guard let cost = GSM7Alphabet.septets(for: scalar) else { return nil }
            septets += cost
            scalars += 1
            switch scalar {
            case "\n":
                hasLineBreaks = true
                if previousWasCR { crlfPairs += 1 }
            case "\r", "\u{0C}":
                hasLineBreaks = true
            default:
                break
            }
            previousWasCR = scalar == "\r"
        }
        return Counts(
            encoding: .gsm7, characters: scalars - crlfPairs, units: septets,
            hasLineBreaks: hasLineBreaks, nonGSMCharacters: []
        )
    }

    /// Counts a text that needs UCS-2, by grapheme cluster, listing the clusters that are not GSM.
    private static func countUCS2(_ text: String) -> Counts {
        var characters = 0
        var hasLineBreaks = false
        var nonGSM: [String] = []
        // Keyed by scalars, not by Character: canonically equivalent spellings (`ê` and
        // `e` + U+0302) are different things to find and replace in an editor.
        var seenNonGSM: Set<[Unicode.Scalar]> = []

        for character in text {
            characters += 1
            if character.isNewline { hasLineBreaks = true }
            if !character.unicodeScalars.allSatisfy(GSM7Alphabet.contains),
               seenNonGSM.insert(Array(character.unicodeScalars)).inserted {
                nonGSM.append(String(character))
            }
        }
        return Counts(
            encoding: .ucs2, characters: characters, units: text.utf16.count,
            hasLineBreaks: hasLineBreaks, nonGSMCharacters: nonGSM
        )
    }
}
