import Foundation
import KassaCore

/// Folds a header or a keyword for comparison: case, accents and punctuation do not count.
///
/// "N° client" → `nclient`, "Kund-nr" → `kundnr`, "E-post" → `epost`, "Poäng" → `poang`,
/// "Straße" → `strasse`. Letters without an ASCII base (Greek, Cyrillic…) are dropped, so a
/// header written only in them folds to the empty key and matches nothing.
enum HeaderKey {
    static func normalized(_ text: String) -> String {
        // Plain ASCII needs no decomposition (which goes through Foundation and is slow).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var key = ""
        // Compatibility decomposition splits "é" into "e" + accent and "º" or "ﬁ" into letters.
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": key.unicodeScalars.append(scalar)
            case "A"..."Z": key.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            default: if let letters = LatinLetterFolding.ascii(scalar) { key += letters }
            }
        }
        return key
    }
}
