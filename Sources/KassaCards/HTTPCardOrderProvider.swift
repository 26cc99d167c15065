import Foundation
import KassaCore
import KassaHTTP
import Logging

/// The `http` card order service: each batch of orders is POSTed as JSON to `[cards] url`
/// (`https://`, or `http://`), in the same document the file provider writes.
///
/// The request carries `Idempotency-Key: <batch id>`, so that sending a batch again cannot
/// order the cards twice at a service that honours it. What the answers mean:
/// - 2xx: the service took the batch; its JSON `id`, `reference` or `order_id`, when
///   present, becomes the receipt's reference;
/// - 409 (conflict): the service has the batch already (an earlier send whose answer was
///   lost reached it): taken, like 2xx;
/// - another 4xx: a refusal, not retried;
/// - 5xx, or no connection: tried again up to `attempts` times, waiting `firstDelay`, then
///   twice as long each time, with the same key.
/// When the batch went out and no answer came (the connection broke, the answer was
/// late), the service may have it: after the last attempt the provider throws
/// `CardOrderUnanswered`, and the order is kept `unknown`, never withdrawn.
public final class HTTPCardOrderProvider: CardOrderProvider {
    /// The order service.
    public let endpoint: HTTPEndpoint
    /// How many times a batch is sent before giving up.
    public let attempts: Int
    /// Seconds before the second attempt; each later wait doubles.
    public let firstDelay: TimeInterval
    private let client: HTTPClient
    private let logger: Logger

    /// A provider for the service at `url`; nothing is connected yet.
    ///
    /// - Throws: `CardError` `provider_unavailable` for an address that is not `http://`
    ///   or `https://`, or a CA file that cannot be read.
    public init(url: String, configuration: HTTPClient.Configuration = HTTPClient.Configuration(), attempts: Int = 3,
                firstDelay: TimeInterval = 0.5, logger: Logger) throws {
        do {
            client = try HTTPClient(url: url, configuration: configuration, logger: logger)
        } catch {
            let key = error.code == .invalidCAFile ? "[cards] ca_file" : "[cards] url"
            throw CardError(.providerUnavailable, "The card order service at \"\(url)\" cannot be used (\(key)): \(error.message)")
        }
        endpoint = client.endpoint
        self.attempts = max(1, attempts)
        self.firstDelay = firstDelay
        self.logger = logger
    }

    public func submit(_ orders: [CardOrder]) throws -> CardOrderReceipt {
        guard !orders.isEmpty else { throw CardError(.emptyBatch, "There are no card orders to submit.") }
        let submittedAt = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        return try send(orders, as: CardOrderReceipt(batchID: FileCardOrderProvider.randomBatchID(), submittedAt: submittedAt,
                                                     orderCount: orders.count, locations: [endpoint.description]))
    }

    public func resubmit(_ orders: [CardOrder], as sent: CardOrderReceipt) throws -> CardOrderReceipt {
        guard !orders.isEmpty else { throw CardError(.emptyBatch, "There are no card orders to submit.") }
        return try send(orders, as: CardOrderReceipt(batchID: sent.batchID, submittedAt: sent.submittedAt, orderCount: orders.count,
                                                     locations: [endpoint.description]))
    }

    /// Sends the batch `batch` describes, with its id as the key, until it is answered.
    private func send(_ orders: [CardOrder], as batch: CardOrderReceipt) throws -> CardOrderReceipt {
        let body = try FileCardOrderProvider.json(orders, batchID: batch.batchID, submittedAt: batch.submittedAt)
        let request = HTTPRequest.post(endpoint.target, contentType: "application/json", body: Array(body),
                                       headers: [.accept("application/json"), HTTPHeader("Idempotency-Key", batch.batchID)])
        var lastProblem = ""
        var mayHaveReachedService = false
        for attempt in 1...attempts {
            if attempt > 1 {
                Thread.sleep(forTimeInterval: firstDelay * pow(2, Double(attempt - 2)))
                logger.info("Retrying the card order batch \(batch.batchID) at \(endpoint) (attempt \(attempt) of \(attempts)): \(lastProblem)")
            }
            let response: HTTPResponse
            do {
                response = try client.sendAndWait(request)
            } catch {
                if error.code == .redirected {
                    throw CardError(.providerRefused, "The card order service at \(endpoint) did not take the order: \(error.message)")
                }
                mayHaveReachedService = mayHaveReachedService || error.requestMayHaveBeenSent
                lastProblem = error.message
                continue
            }
            if response.isSuccess || response.status == 409 {
                var receipt = batch
                receipt.reference = Self.reference(in: response)
                if response.status == 409 {
                    logger.info("The card order service has the batch \(batch.batchID) already (409); it counts as taken")
                }
                return receipt
            }
            let answer = response.text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)
            if (400..<500).contains(response.status) {
                throw CardError(.providerRefused, "The card order service at \(endpoint) refused the order (\(response.status)): \(answer)")
            }
            lastProblem = "it answered \(response.status) \(answer)"
        }
        if mayHaveReachedService {
            throw CardOrderUnanswered(
                sent: batch,
                reason: "The card order service at \(endpoint) gave no answer to the batch \(batch.batchID) after \(attempts) attempts (\(lastProblem.hasSuffix(".") ? String(lastProblem.dropLast()) : lastProblem))")
        }
        throw CardError(.providerUnavailable, "The card order service at \(endpoint) did not take the order after \(attempts) attempts: \(lastProblem)")
    }

    /// `{"id": "…"}`, `{"reference": "…"}` or `{"order_id": …}` in a JSON answer.
    static func reference(in response: HTTPResponse) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else { return nil }
        for key in ["id", "reference", "order_id"] {
            if let text = object[key] as? String { return text }
            if let number = object[key] as? Int { return String(number) }
        }
        return nil
    }
}
