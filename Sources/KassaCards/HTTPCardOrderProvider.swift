import Foundation
import KassaCore
import KassaHTTP
import Logging

/// The `http` card order service: each batch of orders is POSTed as JSON to `[cards] url`,
/// in the same document the file provider writes.
///
/// The request carries `Idempotency-Key: <batch id>`, so a retry after a lost answer cannot
/// order the cards twice at a service that honours it. A 2xx answer takes the batch; its
/// JSON `id` or `reference`, when present, becomes the receipt's reference. A 4xx answer is
/// a refusal and is not retried; a 5xx answer or a connection failure is retried up to
/// `attempts` times, waiting `firstDelay`, then twice as long each time.
public final class HTTPCardOrderProvider: CardOrderProvider, @unchecked Sendable {
    public let endpoint: HTTPEndpoint
    public let attempts: Int
    public let firstDelay: TimeInterval
    private let logger: Logger
    private let lock = NSLock()

    public init(url: String, attempts: Int = 3, firstDelay: TimeInterval = 0.5, logger: Logger) throws {
        do {
            endpoint = try HTTPEndpoint(url: url)
        } catch {
            throw CardError(.providerUnavailable, "The card order service address \"\(url)\" ([cards] url) cannot be used: \(error)")
        }
        self.attempts = max(1, attempts)
        self.firstDelay = firstDelay
        self.logger = logger
    }

    public func submit(_ orders: [CardOrder]) throws -> CardOrderReceipt {
        guard !orders.isEmpty else { throw CardError(.emptyBatch, "There are no card orders to submit.") }
        let batchID = FileCardOrderProvider.randomBatchID()
        let submittedAt = Date()
        let body = try FileCardOrderProvider.json(orders, batchID: batchID, submittedAt: submittedAt)
        let request = HTTPRequest(
            method: .post, target: endpoint.target,
            headers: [HTTPHeader("Content-Type", "application/json"),
                      HTTPHeader("Idempotency-Key", batchID)],
            body: Array(body))
        lock.lock()
        defer { lock.unlock() }
        let client = HTTPClient(endpoint: endpoint, logger: logger)
        defer { client.close() }
        var lastProblem = ""
        for attempt in 1...attempts {
            if attempt > 1 {
                Thread.sleep(forTimeInterval: firstDelay * pow(2, Double(attempt - 2)))
                logger.info("Retrying the card order batch \(batchID) at \(endpoint) (attempt \(attempt) of \(attempts)): \(lastProblem)")
            }
            do {
                let response = try client.send(request)
                if response.isSuccess {
                    return CardOrderReceipt(batchID: batchID, submittedAt: submittedAt, orderCount: orders.count,
                                            locations: [endpoint.description], reference: Self.reference(in: response))
                }
                let answer = response.text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)
                if (400..<500).contains(response.status) {
                    throw CardError(.providerRefused, "The card order service at \(endpoint) refused the order (\(response.status)): \(answer)")
                }
                lastProblem = "it answered \(response.status) \(answer)"
            } catch let error as CardError {
                throw error
            } catch {
                lastProblem = "\(error)"
            }
        }
        throw CardError(.providerUnavailable, "The card order service at \(endpoint) did not take the order after \(attempts) attempts: \(lastProblem)")
    }

    /// `{"id": "…"}` or `{"reference": "…"}` in a JSON answer.
    static func reference(in response: HTTPResponse) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else { return nil }
        for key in ["id", "reference", "order_id"] {
            if let text = object[key] as? String { return text }
            if let number = object[key] as? Int { return String(number) }
        }
        return nil
    }
}
