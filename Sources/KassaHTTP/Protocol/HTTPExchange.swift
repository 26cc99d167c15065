import NIOCore
import NIOHTTP1

/// One request on its way to the channel, with the promise its response fulfils.
struct HTTPExchange: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer?
    var response: EventLoopPromise<HTTPResponse>
    var timeout: TimeAmount
    var maximumBodySize: Int
    /// `host:port`, for error messages.
    var server: String
}
