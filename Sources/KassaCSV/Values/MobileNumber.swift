/// Mobile numbers to E.164 (`+46701234567`), the form SMS gateways take.
public enum MobileNumber {
    /// Why a number could not be normalised.
    public enum Failure: Error, Sendable, Equatable {
        /// Letters or other characters that are not part of a phone number.
        case notANumber
        /// Too few or too many digits for the country (or for E.164).
        case wrongLength
        /// A national number, and no country to read it in.
        case noCountry
    }

    /// The number `text` in E.164.
    ///
    /// - Parameters:
    ///   - text: as typed: spaces, `-`, `.`, `/`, parentheses and a `(0)` after the country code
    ///     are allowed (`070-123 45 67`, `+46 (0)70 123 45 67`, `06-12345678`, `0046 70…`).
    ///   - defaultCountry: the ISO code of the country a national number belongs to (the
    ///     customer's country, else the shop's). Known: SE, NL, BE, FR, DE, GB, DK, NO, FI, IS, LU,
    ///     AT, CH, IE, ES, PT, IT, PL.
    ///
    /// `+…` and `00…` are international. `0…` is national with its trunk zero. Digits without
    /// either are national (DK, NO, and a number whose leading zero a spreadsheet dropped, such
    /// as `701234567` in Sweden) or international without `+` when they start with the
    /// country's calling code and the rest has a national length (`46701234567`). A trunk zero
    /// written after the country code (`+46 070…`) is dropped. Lengths are checked against the
    /// country's numbering plan, or 7 to 15 digits for other countries.
    public static func e164(_ text: String, defaultCountry: String?) -> Result<String, Failure> {
        var text = text
        return text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumDigits) { digits in
                normalize(bytes, digits: digits, defaultCountry: defaultCountry)
            }
        }
    }

    /// More digits than E.164's 15 plus a `00` prefix and a trunk zero is never a phone number.
    private static let maximumDigits = 18

    private static func normalize(
        _ bytes: UnsafeBufferPointer<UInt8>,
        digits: UnsafeMutableBufferPointer<UInt8>,
        defaultCountry: String?
    ) -> Result<String, Failure> {
        var count = 0
        var international = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard count < maximumDigits else { return .failure(.wrongLength) }
                digits[count] = byte
                count += 1
            case UInt8(ascii: "+") where count == 0 && !international:
                international = true
            case UInt8(ascii: "("):
                // "(0)" marks the trunk zero in "+46 (0)70…": it is never dialled from abroad.
                if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "0"), bytes[index + 2] == UInt8(ascii: ")") {
                    index += 2
                }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ")"):
                break
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0:
                index += 1  // no-break space
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && ((0x90...0x94).contains(bytes[index + 2]) || bytes[index + 2] == 0xAF):
                index += 2  // Unicode hyphens and dashes, narrow no-break space
            default:
                return .failure(.notANumber)
            }
            index += 1
        }
        guard count > 0 else { return .failure(.notANumber) }

        var number = UnsafeBufferPointer(rebasing: digits[..<count])
        if !international && number.starts(with: [0x30, 0x30]) {
            international = true
            number = UnsafeBufferPointer(rebasing: number.dropFirst(2))
        }
        if international {
            guard let plan = CallingPlan.matching(international: number) else {
                return (7...15).contains(number.count) ? .success(e164(code: [], significant: number)) : .failure(.wrongLength)
            }
            var significant = UnsafeBufferPointer(rebasing: number.dropFirst(plan.code.count))
            // "+46 070…": the national trunk zero does not belong in E.164.
            if plan.hasTrunkZero && significant.first == 0x30 { significant = UnsafeBufferPointer(rebasing: significant.dropFirst()) }
            return national(significant, plan: plan)
        }

        guard let country = defaultCountry,
              let plan = CallingPlan.byCountry[country] ?? CallingPlan.byCountry[country.uppercased()] else {
            return .failure(.noCountry)
        }
        if number.first == 0x30 {
            guard plan.hasTrunkZero else { return .failure(.wrongLength) }
            return national(UnsafeBufferPointer(rebasing: number.dropFirst()), plan: plan)
        }
        if plan.hasTrunkZero, number.starts(with: plan.code), plan.lengths.contains(number.count - plan.code.count) {
            return .success(e164(code: [], significant: number))
        }
        return national(number, plan: plan)
    }

    private static func national(_ significant: UnsafeBufferPointer<UInt8>, plan: CallingPlan) -> Result<String, Failure> {
        guard plan.lengths.contains(significant.count) else { return .failure(.wrongLength) }
        return .success(e164(code: plan.code, significant: significant))
    }

    /// `+`, the calling code and the significant number, as one string.
    private static func e164(code: [UInt8], significant: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: 1 + code.count + significant.count) { output in
            output[0] = UInt8(ascii: "+")
            var written = 1
            for byte in code {
                output[written] = byte
                written += 1
            }
            for byte in significant {
                output[written] = byte
                written += 1
            }
            return written
        }
    }
}
