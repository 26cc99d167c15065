import KassaCore
import KassaHTTP

extension KannelSMSTransport {
    /// Why a message cannot be sent at all, found before anything is sent.
    struct Unsendable: Error {
        var reason: String
    }

    /// The sendsms requests for `message`: one for a text that fits one SMS, else one per
    /// part with a concatenation header.
    func requestsFor(_ message: OutgoingMessage) -> Result<[HTTPRequest], Unsendable> {
        guard !message.address.isEmpty else {
            return .failure(Unsendable(reason: "The SMS to customer \(message.customerNumber) has no mobile number."))
        }
        guard let text = message.content.text, !text.isEmpty else {
            return .failure(Unsendable(reason: "The SMS to \(message.address) has no text."))
        }
        let analysis = SMSAnalysis.analyze(text)
        guard analysis.parts.count <= 255 else {
            return .failure(Unsendable(reason: "The SMS to \(message.address) would be \(analysis.parts.count) messages; a concatenated SMS has at most 255 parts."))
        }
        let coding = analysis.encoding == .gsm7 ? "0" : "2"
        var common: [(String, String)] = [
            ("username", configuration.username),
            ("password", configuration.password),
            ("to", message.address),
        ]
        if let sender = configuration.sender { common.append(("from", sender)) }
        common += [("charset", "UTF-8"), ("coding", coding)]

        guard analysis.parts.count > 1 else {
            return .success([.get(endpoint.target(adding: common + [("text", text)]))])
        }
        let reference = ConcatenationHeader.reference(for: message.idempotencyKey)
        let total = UInt8(analysis.parts.count)
        return .success(analysis.parts.enumerated().map { index, part in
            let header = ConcatenationHeader(reference: reference, total: total, sequence: UInt8(index + 1))
            return .get(endpoint.target(adding: common + [("text", part)]) + "&udh=" + FormEncoding.escape(bytes: header.bytes))
        })
    }
}
