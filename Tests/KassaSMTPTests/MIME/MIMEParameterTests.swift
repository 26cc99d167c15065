import Testing
@testable import KassaSMTP

@Suite("RFC 2231 file names")
struct MIMEParameterTests {
    @Test("\"Kvitto för Åsa.pdf\": exact name per RFC 2231, then an ASCII fallback")
    func kvitto() {
        #expect(MIMEParameter.fileName("filename", "Kvitto för Åsa.pdf") == [
            "filename*=UTF-8''Kvitto%20f%C3%B6r%20%C3%85sa.pdf",
            "filename=\"Kvitto for Asa.pdf\"",
        ])
    }

    @Test("Short ASCII names are a plain quoted parameter")
    func asciiName() {
        #expect(MIMEParameter.fileName("filename", "kvitto 2026-02.pdf") == ["filename=\"kvitto 2026-02.pdf\""])
        #expect(MIMEParameter.fileName("filename", "say \"hi\".txt").count == 2)
    }

    @Test("Long names use numbered continuations that decode to the exact name")
    func continuations() throws {
        let name = "Faktura för reparation av cykel – Åsa Öberg, Storgatan 12, Växjö (kopia).pdf"
        let tokens = MIMEParameter.fileName("filename", name)
        #expect(tokens.count > 2)
        #expect(tokens.first?.hasPrefix("filename*0*=UTF-8''") == true)
        #expect(tokens.dropFirst().first?.hasPrefix("filename*1*=") == true)
        #expect(tokens.allSatisfy { $0.utf8.count <= 74 })
        let header = "attachment; " + MIMEParameter.separated(tokens).joined(separator: " ")
        #expect(MIMETestDecoder.parameters(header).resolved["filename"] == name)
        let fallback = try #require(MIMETestDecoder.parameters(header).plain["filename"])
        #expect(fallback.utf8.allSatisfy { $0 < 128 })
        #expect(fallback.hasSuffix(".pdf"))
    }

    @Test("The ASCII fallback drops accents and replaces what has no ASCII form")
    func fallback() {
        #expect(MIMEParameter.asciiFallback("Åsa Öberg – kvitto.pdf") == "Asa Oberg _ kvitto.pdf")
        #expect(MIMEParameter.asciiFallback("Smørrebrød.txt") == "Sm_rrebr_d.txt")
        #expect(MIMEParameter.asciiFallback("日本.pdf") == "__.pdf")
        #expect(MIMEParameter.asciiFallback("a\"b\\c") == "a_b_c")
    }
}
