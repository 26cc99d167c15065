/// The user data header that makes several SMS one long message on the phone
/// (3GPP TS 23.040 §9.2.3.24.1: information element 0x00, an 8-bit reference).
struct ConcatenationHeader: Sendable, Hashable {
    /// The same for every part of one message; phones join the parts that share it.
    var reference: UInt8
    /// How many parts the message has, 2 to 255.
    var total: UInt8
    /// This part's number, from 1.
    var sequence: UInt8

    /// The header's six bytes: its length, the element's identifier and length, then
    /// reference, total and sequence.
    var bytes: [UInt8] { [0x05, 0x00, 0x03, reference, total, sequence] }

    /// A reference derived from the message's idempotency key (FNV-1a), so that a message
    /// sent again after a crash carries the same reference as before, and two messages to
    /// one phone rarely share one.
    static func reference(for key: String) -> UInt8 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in key.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return UInt8(truncatingIfNeeded: hash ^ (hash >> 8) ^ (hash >> 16) ^ (hash >> 24))
    }
}
