import KassaHTTP
import Testing

@Suite("Form encoding")
struct FormEncodingTests {
    @Test("Unreserved characters stay, space is +, everything else is %XX of its UTF-8 bytes")
    func escapes() {
        #expect(FormEncoding.escape("aZ09-._~") == "aZ09-._~")
        #expect(FormEncoding.escape("Hej då") == "Hej+d%C3%A5")
        #expect(FormEncoding.escape("a+b&c=d/e?f%") == "a%2Bb%26c%3Dd%2Fe%3Ff%25")
        #expect(FormEncoding.escape("€😀") == "%E2%82%AC%F0%9F%98%80")
    }

    @Test("Fields keep their order and are joined with &")
    func fields() {
        #expect(FormEncoding.encode(["b": "2", "a": "1 1"]) == "b=2&a=1+1")
        #expect(FormEncoding.encode([(String, String)]()) == "")
    }

    @Test("Bytes that are not UTF-8 are escaped one by one")
    func bytes() {
        #expect(FormEncoding.escape(bytes: [0x05, 0x00, 0x03, 0xFF, 0x41]) == "%05%00%03%FFA")
    }
}
