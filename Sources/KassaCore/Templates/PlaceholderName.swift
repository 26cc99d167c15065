import Foundation

/// How placeholder names compare: without case and accents, so that `#FÖRNAMN#`,
/// `#Förnamn#` and `#FORNAMN#` are one token; and how near a misspelt name is to a real one.
enum PlaceholderName {
    /// `name` in upper case without accents: "Förnamn" → `FORNAMN`, "poäng" → `POANG`,
    /// "Straße" → `STRASSE`. Digits, `_` and `.` stay; letters without an ASCII base stay too
    /// (upper-cased), so they simply match nothing.
    static func folded(_ name: some StringProtocol) -> String {
        // Plain ASCII needs no decomposition (which goes through Foundation and is slow).
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            return name.uppercased()
        }
        var key = ""
        for scalar in String(name).decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            key += (LatinLetterFolding.ascii(scalar) ?? String(scalar)).uppercased()
        }
        return key
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps
    /// of two neighbours each cost 1 (`FORNMAN` is one step from `FORNAMN`).
    static func distance(_ first: String, _ second: String) -> Int {
        let a = Array(first.unicodeScalars), b = Array(second.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, twoBack[j - 2] + 1)
                }
                current[j] = best
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `name` (both folded), if it is near enough to be a likely
    /// misspelling: one edit for short names, two from five characters on.
    static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
        let allowed = name.unicodeScalars.count >= 5 ? 2 : 1
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = distance(name, candidate)
            if distance <= allowed, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }
}
