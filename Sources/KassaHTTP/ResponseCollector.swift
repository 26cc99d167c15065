import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Collects one response for `HTTPClient`: notes whether the request was written (so a
/// failure can say whether the server may have seen it), refuses a redirect at its head
/// and a body over the cap as it grows, and hands over an `HTTPResponse`.
final class ResponseCollector: HTTPClientResponseDelegate {
    typealias Response = HTTPResponse

    private struct State {
        var sent = false
        var head: HTTPResponseHead?
        var body: [UInt8] = []
    }

    private let state = NIOLockedValueBox(State())
    private let server: HTTPEndpoint
    private let maximumBodySize: Int

    init(server: HTTPEndpoint, maximumBodySize: Int) {
        self.server = server
        self.maximumBodySize = maximumBodySize
    }

    /// Whether the request's head went out whole: from then on the server may act on it.
    var requestWasSent: Bool { state.withLockedValue { $0.sent } }

    func didSendRequestHead(task: AsyncHTTPClient.HTTPClient.Task<HTTPResponse>, _ head: HTTPRequestHead) {
        state.withLockedValue { $0.sent = true }
    }

    func didReceiveHead(task: AsyncHTTPClient.HTTPClient.Task<HTTPResponse>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let status = Int(head.status.code)
        if (300..<400).contains(status) {
            let location = head.headers.first(name: "Location").map { ", a redirect to \(HTTPEndpoint.quoted($0))" } ?? ""
            return task.eventLoop.makeFailedFuture(HTTPClientError(
                .redirected,
                "The HTTP server \(server) answered \(status) \(head.status.reasonPhrase)\(location), which Kassa does not follow; put the address the provider documents in the settings"))
        }
        if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > maximumBodySize {
            return task.eventLoop.makeFailedFuture(tooLarge())
        }
        state.withLockedValue { $0.head = head }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: AsyncHTTPClient.HTTPClient.Task<HTTPResponse>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let fits = state.withLockedValue { state -> Bool in
            guard state.body.count + buffer.readableBytes <= maximumBodySize else { return false }
            state.body.append(contentsOf: buffer.readableBytesView)
            return true
        }
        return fits ? task.eventLoop.makeSucceededVoidFuture() : task.eventLoop.makeFailedFuture(tooLarge())
    }

    func didFinishRequest(task: AsyncHTTPClient.HTTPClient.Task<HTTPResponse>) throws -> HTTPResponse {
        try state.withLockedValue { state in
            guard let head = state.head else {
                throw HTTPClientError(.invalidResponse, "The HTTP server \(server) ended the exchange without an answer")
            }
            return HTTPResponse(status: Int(head.status.code), reason: head.status.reasonPhrase,
                                headers: head.headers.map { HTTPHeader($0.name, $0.value) }, body: state.body)
        }
    }

    private func tooLarge() -> HTTPClientError {
        HTTPClientError(.responseTooLarge, "The HTTP server \(server) sent a response body larger than \(maximumBodySize) bytes, more than any provider's answer")
    }
}
