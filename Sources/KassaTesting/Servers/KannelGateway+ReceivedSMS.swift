extension KannelGateway {
    /// One message as the fake SMS centre received it (one SMS, a part of a long text
    /// being one message).
    public struct ReceivedSMS: Sendable, Hashable {
        /// `text` (GSM-7 as UTF-8), `ucs-2`, or `udh` (a part with a user data header).
        public var kind: String
        /// `from`, as the SMS centre got it.
        public var sender: String
        /// `to`, as the SMS centre got it.
        public var receiver: String
        /// The user data header's bytes; empty for none.
        public var udh: [UInt8]
        /// The message bytes: UTF-8 for `text`, UTF-16BE for `ucs-2`, and for `udh` either
        /// (the fake centre does not say which).
        public var data: [UInt8]

        /// The text, decoded as the kind says; a `udh` part as UTF-8 (use `text(ucs2:)`
        /// for a UCS-2 part).
        public var text: String { text(ucs2: kind == "ucs-2") }

        /// The text, its bytes taken as UTF-16BE when `ucs2` is true, else as UTF-8.
        public func text(ucs2: Bool) -> String {
            guard ucs2 else { return String(decoding: data, as: UTF8.self) }
            var units: [UInt16] = []
            units.reserveCapacity(data.count / 2)
            var index = 0
            while index + 1 < data.count {
                units.append(UInt16(data[index]) << 8 | UInt16(data[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }

        /// The concatenation header (3GPP TS 23.040 IE 0x00 or 0x08), if the UDH has one.
        public var concatenation: (reference: Int, total: Int, sequence: Int)? {
            var index = 1
            while index + 1 < udh.count {
                let identifier = udh[index]
                let length = Int(udh[index + 1])
                let value = udh.dropFirst(index + 2).prefix(length).map(Int.init)
                if identifier == 0x00, value.count == 3 { return (value[0], value[1], value[2]) }
                if identifier == 0x08, value.count == 4 { return (value[0] << 8 | value[1], value[2], value[3]) }
                index += 2 + length
            }
            return nil
        }
    }

    /// One line of fakesmsc's log: `... Got message 7: <from to kind [udh] data>`.
    static func parse(_ line: String) -> ReceivedSMS? {
        guard let marker = line.range(of: "Got message "),
              let open = line[marker.upperBound...].firstIndex(of: "<"),
              line.hasSuffix(">") else { return nil }
        let inner = line[line.index(after: open)..<line.index(before: line.endIndex)]
        let fields = inner.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 3 else { return nil }
        let (sender, receiver, kind) = (fields[0], fields[1], fields[2])
        let rest = fields.count > 3 ? fields[3] : ""
        switch kind {
        case "text":
            return ReceivedSMS(kind: kind, sender: sender, receiver: receiver, udh: [], data: Array(rest.utf8))
        case "ucs-2", "data":
            return ReceivedSMS(kind: kind, sender: sender, receiver: receiver, udh: [], data: percentDecoded(rest))
        case "udh":
            let parts = rest.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { return nil }
            return ReceivedSMS(kind: kind, sender: sender, receiver: receiver, udh: percentDecoded(parts[0]), data: percentDecoded(parts[2]))
        default:
            return nil
        }
    }

    private static func percentDecoded(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }
}
