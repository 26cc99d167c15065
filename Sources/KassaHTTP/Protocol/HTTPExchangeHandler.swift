import NIOCore
import NIOHTTP1

/// Runs one request/response exchange at a time on a connection: writes the request,
/// collects the response, and fails the exchange when the connection breaks or the
/// response is late.
///
/// When the response says the connection will not be kept alive, the channel is closed
/// before the response is handed over, so that the caller, once woken, already sees the
/// connection as closed and opens a new one for its next request.
final class HTTPExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPExchange
    typealias OutboundOut = HTTPClientRequestPart

    private struct Pending {
        var exchange: HTTPExchange
        var head: HTTPResponseHead?
        var body: ByteBuffer?
        var timeout: Scheduled<Void>?
    }

    private var pending: Pending?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard pending == nil else {
            // The client is synchronous and sends one request at a time; this is a bug.
            exchange.response.fail(HTTPClientError(.invalidResponse, "A second request was written to \(exchange.server) before the first was answered"))
            promise?.fail(ChannelError.inappropriateOperationForState)
            return
        }
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(in: exchange.timeout) { [weak self] () -> Void in
            self?.fail(HTTPClientError(.timedOut, "The HTTP server \(exchange.server) did not answer within \(Self.seconds(exchange.timeout))"), context: context)
        }
        pending = Pending(exchange: exchange, timeout: timeout)
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let body = exchange.body {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard var current = pending else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            // 1xx answers (100 Continue) are followed by the real one.
            if head.status.code >= 100 && head.status.code < 200 { return }
            current.head = head
            pending = current
        case .body(var part):
            let received = (current.body?.readableBytes ?? 0) + part.readableBytes
            guard received <= current.exchange.maximumBodySize else {
                fail(HTTPClientError(.responseTooLarge, "The HTTP server \(current.exchange.server) sent a response body larger than \(current.exchange.maximumBodySize) bytes"), context: context)
                return
            }
            if current.body == nil {
                current.body = part
            } else {
                current.body!.writeBuffer(&part)
            }
            pending = current
        case .end:
            guard let head = current.head else { return }
            current.timeout?.cancel()
            pending = nil
            if !head.isKeepAlive {
                context.close(promise: nil)
            }
            let body = current.body.map { Array($0.readableBytesView) } ?? []
            let headers = head.headers.map { HTTPHeader($0.name, $0.value) }
            current.exchange.response.succeed(
                HTTPResponse(status: Int(head.status.code), reason: head.status.reasonPhrase, headers: headers, body: body))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let current = pending {
            fail(HTTPClientError(.connectionClosed, "The HTTP server \(current.exchange.server) closed the connection before its answer was complete"), context: context)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        let server = pending?.exchange.server ?? "the HTTP server"
        if error is HTTPParserError {
            fail(HTTPClientError(.invalidResponse, "The HTTP server \(server) sent an answer that is not HTTP/1.1 (\(error))"), context: context)
        } else {
            fail(HTTPClientError(.connectionClosed, "The connection to the HTTP server \(server) failed: \(error)"), context: context)
        }
        context.close(promise: nil)
    }

    /// Fails the exchange in progress, if any, and closes the connection: after a broken or
    /// late exchange the connection's state is unknown.
    private func fail(_ error: HTTPClientError, context: ChannelHandlerContext) {
        guard let current = pending else { return }
        pending = nil
        current.timeout?.cancel()
        context.close(promise: nil)
        current.exchange.response.fail(error)
    }

    private static func seconds(_ amount: TimeAmount) -> String {
        let seconds = Double(amount.nanoseconds) / 1e9
        return seconds == seconds.rounded() ? "\(Int(seconds)) seconds" : "\(seconds) seconds"
    }
}
