import Foundation
import Testing
@testable import KassaCSV

@Suite struct SniffingTests {
    static func sniff(_ text: String) -> CSVDelimiter { CSVDelimiter.sniff(Array(text.utf8)) }

    @Test func findsEachSeparator() {
        #expect(Self.sniff("Kundnr;Förnamn;Efternamn\n1;Åsa;Berg\n") == .semicolon)
        #expect(Self.sniff("Number,First name\n1,Ann\n") == .comma)
        #expect(Self.sniff("Kundennummer\tVorname\n1\tJürgen\n") == .tab)
    }

    @Test func ignoresSeparatorsInsideQuotes() {
        #expect(Self.sniff("a;\"x,y,z\"\n1;\"p,q,r,s\"\n") == .semicolon)
        #expect(Self.sniff("\"a;b\",c\n\"1;2;3\",4\n") == .comma)
    }

    @Test func prefersTheSeparatorThatIsRegular() {
        // Decimal commas and commas in addresses do not fool it.
        #expect(Self.sniff("Kundnr;Poäng;Adress\n1;1,5;Storgatan 1, lgh 2\n2;2,25;Kerkstraat 3\n") == .semicolon)
        #expect(Self.sniff("id,name\n1,\"Smith; John\"\n2,Doe\n") == .comma)
    }

    @Test func quoteInsideUnquotedFieldDoesNotOpenQuotes() {
        #expect(Self.sniff("pos;note\n37°36'37.8\"N;a\n1\";b\n") == .semicolon)
    }

    @Test func fallsBackSensibly() {
        #expect(Self.sniff("Kundnr\n1\n2\n") == .comma)
        #expect(Self.sniff("") == .comma)
        #expect(Self.sniff("a;b;c") == .semicolon)
        // Irregular rows: the header's most frequent candidate wins.
        #expect(Self.sniff("a;b;c,d\n1;2\n") == .semicolon)
    }

    @Test func readerSniffsUnlessTold() throws {
        let data = Data("a;b,c\n1;2,3\n".utf8)
        #expect(try CSVReader(data: data).readAll().first?.fields == ["a", "b,c"])
        #expect(try CSVReader(data: data, delimiter: .comma).readAll().first?.fields == ["a;b", "c"])
    }

    @Test func excelSeparatorLineNamesTheDelimiter() throws {
        let reader = try CSVReader(data: Data("sep=;\r\na,b;c\r\n1,2;3\r\n".utf8))
        #expect(reader.delimiter == .semicolon)
        let records = try reader.readAll()
        #expect(records.map(\.fields) == [["a,b", "c"], ["1,2", "3"]])
        #expect(records.map(\.line) == [2, 3])
        // Only a line that is exactly sep=X counts.
        #expect(try CSVReader(data: Data("sep=;x\n".utf8)).readAll().first?.fields == ["sep=", "x"])
    }

    @Test func parsesDelimiterNames() {
        #expect(CSVDelimiter(";") == .semicolon)
        #expect(CSVDelimiter("tab") == .tab)
        #expect(CSVDelimiter("\\t") == .tab)
        #expect(CSVDelimiter("|")?.byte == UInt8(ascii: "|"))
        #expect(CSVDelimiter("\"") == nil)
        #expect(CSVDelimiter(";;") == nil)
        #expect(CSVDelimiter("§") == nil)
        #expect(CSVDelimiter("") == nil)
    }
}

@Suite struct EncodingTests {
    /// Windows-1252's 0x80–0x9F, the part where it differs from Latin-1.
    static let windows1252High = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ"

    @Test func windows1252TableIsComplete() throws {
        let bytes = Data([UInt8](0x80...0x9F) + [0x0A])
        let reader = try CSVReader(data: bytes, encoding: .windows1252)
        #expect(try reader.readAll().first?.fields == [Self.windows1252High])
    }

    @Test func detectsWindows1252() throws {
        // "Kundnr;Namn;Ort\n1;Åsa Öberg;Malmö\n2;Zoë – €5;Göteborg\n" in Windows-1252.
        var bytes = Array("Kundnr;Namn;Ort\n1;".utf8) + [0xC5] + Array("sa ".utf8) + [0xD6] + Array("berg;Malm".utf8) + [0xF6]
        bytes += Array("\n2;Zo".utf8) + [0xEB, 0x20, 0x96, 0x20, 0x80] + Array("5;G".utf8) + [0xF6] + Array("teborg\n".utf8)
        let reader = try CSVReader(data: Data(bytes))
        #expect(reader.encoding == .windows1252)
        #expect(reader.delimiter == .semicolon)
        #expect(try reader.readAll().map(\.fields) == [["Kundnr", "Namn", "Ort"], ["1", "Åsa Öberg", "Malmö"], ["2", "Zoë – €5", "Göteborg"]])
    }

    @Test func latin1ReadsHighBytesAsThemselves() throws {
        let reader = try CSVReader(data: Data([0x80, 0x2C, 0xE9, 0x0A]), encoding: .latin1)
        #expect(try reader.readAll().first?.fields == ["\u{80}", "é"])
    }

    @Test func detectsUTF8WithAndWithoutMark() throws {
        #expect(try CSVReader(data: Data("a\nÅsa\n".utf8)).encoding == .utf8)
        #expect(try CSVReader(data: Data([0xEF, 0xBB, 0xBF, 0x61])).encoding == .utf8)
        #expect(CSVEncoding.detect(Array("plain ascii".utf8)) == nil)
        #expect(CSVEncoding.detect([0x61, 0xC3]) == .windows1252)
        #expect(CSVEncoding.detect([0x61, 0xC3], isWholeFile: false) == .utf8)
        #expect(CSVEncoding.detect([0x61, 0xE9, 0x62]) == .windows1252)
    }

    /// A file that is ASCII in its first megabyte decides at its first non-ASCII field.
    @Test func decidesLateWhenTheStartIsASCII() throws {
        let head = Array("Kundnr,Ort\n".utf8) + Array(repeating: Array("1,Lund\n".utf8), count: 20).flatMap { $0 }
        for (tail, encoding, city) in [([0x4D, 0x61, 0x6C, 0x6D, 0xF6], CSVEncoding.windows1252, "Malmö"),
                                       (Array("Malmö".utf8), .utf8, "Malmö")] {
            let data = Data(head + Array("2,".utf8) + tail + [0x0A])
            let reader = try CSVReader(source: .data(data, offset: 0), fileName: "t.csv", delimiter: nil, encoding: nil,
                                       maximumRecordSize: 1 << 20, bufferSize: 16)
            #expect(reader.encoding == nil)
            let records = try reader.readAll()
            #expect(records.last?.fields == ["2", city])
            #expect(reader.encoding == encoding)
        }
    }

    /// A byte order mark says UTF-8, so a byte that is not UTF-8 is an error, not a reason to guess again.
    @Test func brokenUTF8InAUTF8FileIsAnError() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("Kundnr,Ort\n1,Malmö\n2,G".utf8) + [0xF6] + Array("teborg\n".utf8))
        let reader = try CSVReader(data: data, fileName: "kunder.csv")
        #expect(reader.encoding == .utf8)
        #expect(try reader.next() != nil)
        #expect(try reader.next() != nil)
        do {
            _ = try reader.next()
            Issue.record("no error")
        } catch let error as CSVError {
            #expect(error.code == .invalidEncoding)
            #expect(error.line == 3)
            #expect(error.column == 2)
            #expect(error.description.hasPrefix("kunder.csv:3: column 2: character 2 is not valid UTF-8"))
        }
        // Without the mark, the same bytes are detected as Windows-1252 (and "Malmö" reads as mojibake,
        // which is why a file that mixes encodings cannot be read right).
        let unmarked = Data(data.dropFirst(3))
        #expect(try CSVReader(data: unmarked).encoding == .windows1252)
        // UTF-8 detected from the start of a file, broken further on: also an error.
        let late = Data(Array("Kundnr,Ort\n1,Malmö\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 100) + [0x0A, 0xF6, 0x0A])
        let reader2 = try CSVReader(source: .data(late, offset: 0), fileName: "t.csv", delimiter: .comma, encoding: nil,
                                    maximumRecordSize: 1 << 20, bufferSize: 32)
        #expect(reader2.encoding == .utf8)
        #expect(throws: CSVError.self) { try reader2.readAll() }
    }

    @Test func refusesUTF16() {
        for mark: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF]] {
            do {
                _ = try CSVReader(data: Data(mark + [0x61, 0x00]), fileName: "unicode.txt")
                Issue.record("no error")
            } catch let error as CSVError {
                #expect(error.code == .unsupportedEncoding)
                #expect(error.description.hasPrefix("unicode.txt: is UTF-16 text"))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func parsesEncodingNames() {
        #expect(CSVEncoding(name: "UTF-8") == .utf8)
        #expect(CSVEncoding(name: "utf8") == .utf8)
        #expect(CSVEncoding(name: "cp1252") == .windows1252)
        #expect(CSVEncoding(name: "Windows-1252") == .windows1252)
        #expect(CSVEncoding(name: "latin-1") == .latin1)
        #expect(CSVEncoding(name: "ISO-8859-1") == .latin1)
        #expect(CSVEncoding(name: "utf-16") == nil)
    }
}
