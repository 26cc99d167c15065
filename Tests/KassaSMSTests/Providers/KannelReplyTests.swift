import KassaSMS
import Testing

@Suite("Kannel's sendsms answers")
struct KannelReplyTests {
    @Test("Kannel's own answers map to their verdicts", arguments: [
        (202, "0: Accepted for delivery", KannelReply.Verdict.accepted),
        (202, "3: Queued for later delivery", .queued),
        (503, "Temporal failure, try again later.", .temporary),
        (403, "Not routable. Do not try again.", .refused),
        (403, "Authorization failed for sendsms", .unauthorized),
        (400, "Missing receiver number, rejected", .refused),
        (400, "Number(s) has/have been denied by white- and/or black-lists.", .refused),
        (500, "Internal error", .refused),
        (200, "<html>Welcome to nginx</html>", .unexpected),
    ])
    func verdicts(status: Int, body: String, expected: KannelReply.Verdict) {
        let reply = KannelReply(status: status, body: body + "\n")
        #expect(reply.verdict == expected)
        #expect(reply.summary == "\(status): \(body)")
    }

    @Test("An empty body is summarised by its status")
    func emptyBody() {
        #expect(KannelReply(status: 403, body: "").summary == "HTTP 403")
    }
}
