import Foundation
import KassaHTTP
import Logging

/// The order every HTTP provider keeps around its commit point: commit, then send; a
/// failure before the request was written whole left the message safe to send again, a
/// failure after it may have sent it.
struct ProviderExchange {
    /// What became of one request.
    enum Step {
        /// The provider answered.
        case answered(HTTPResponse)
        /// Nothing reached the provider.
        case notSent(String)
        /// The provider would not take the request as addressed (a redirect): sending it
        /// again changes nothing until the settings do.
        case refused(String)
        /// The request may have reached the provider, and no answer came.
        case lost(String)
    }

    let client: HTTPClient
    /// The provider in words, for reasons: `Kannel at 127.0.0.1:13013`.
    let provider: String

    /// The exchange with the provider at `url`; nothing is connected yet. `setting` names
    /// the provider in the error for a bad URL or CA file, `describe` in reasons.
    ///
    /// - Throws: `SMSTransportError` `.invalidURL` when the URL is not `http://` or
    ///   `https://`, `.invalidCAFile` when `ca_file` cannot be read.
    init(url: String, http: HTTPClient.Configuration, setting: String, logger: Logger,
         describe: (HTTPEndpoint) -> String) throws(SMSTransportError) {
        let endpoint: HTTPEndpoint
        do {
            endpoint = try HTTPEndpoint(url: url)
        } catch {
            throw SMSTransportError(.invalidURL, "[sms] url of \(setting): \(error.message)")
        }
        do {
            client = try HTTPClient(endpoint: endpoint, configuration: http, logger: logger)
        } catch {
            throw SMSTransportError(.invalidCAFile, "[sms] ca_file of \(setting): \(error.message)")
        }
        provider = describe(endpoint)
    }

    /// Sends `request` and says what became of it.
    func send(_ request: HTTPRequest) async -> Step {
        do {
            return .answered(try await client.send(request))
        } catch {
            if error.code == .redirected { return .refused(error.message) }
            return error.requestMayHaveBeenSent
                ? .lost("\(error.message) The message may have reached \(provider).")
                : .notSent(error.message)
        }
    }

    /// The first part of `text`, at most `limit` characters, on one line: enough of a
    /// provider's answer to say why.
    static func excerpt(_ text: String, limit: Int = 300) -> String {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }
}
