import Foundation
import Testing
@testable import KassaCSV

@Suite struct CSVReaderTests {
    /// Reads `text` with the given buffer size (small sizes force records across refills).
    static func records(
        _ text: String,
        delimiter: CSVDelimiter? = .comma,
        bufferSize: Int = CSVReader.defaultBufferSize
    ) throws -> [CSVRecord] {
        try records(Data(text.utf8), delimiter: delimiter, bufferSize: bufferSize)
    }

    static func records(_ data: Data, delimiter: CSVDelimiter? = .comma, encoding: CSVEncoding? = nil,
                        bufferSize: Int = CSVReader.defaultBufferSize) throws -> [CSVRecord] {
        let reader = try CSVReader(source: .data(data, offset: 0), fileName: "t.csv", delimiter: delimiter,
                                   encoding: encoding, maximumRecordSize: 16 << 20, bufferSize: bufferSize)
        return try reader.readAll()
    }

    static func error(_ text: String, bufferSize: Int = CSVReader.defaultBufferSize) -> CSVError? {
        do {
            _ = try records(text, bufferSize: bufferSize)
            return nil
        } catch {
            return error as? CSVError
        }
    }

    @Test func readsEveryLineEndAndCountsLines() throws {
        let records = try Self.records("a,b\r\nc,d\re,f\ng,h")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func trailingLineEndMakesNoExtraRecord() throws {
        #expect(try Self.records("a,b\n").map(\.fields) == [["a", "b"]])
        #expect(try Self.records("a,b\r\n").map(\.fields) == [["a", "b"]])
        #expect(try Self.records("a,b").map(\.fields) == [["a", "b"]])
        #expect(try Self.records("").isEmpty)
    }

    @Test func emptyLinesAreSkippedButCounted() throws {
        let records = try Self.records("\r\na\r\n\r\n\nb\n\n")
        #expect(records.map(\.fields) == [["a"], ["b"]])
        #expect(records.map(\.line) == [2, 5])
    }

    @Test func emptyFieldsAndTrailingSeparator() throws {
        #expect(try Self.records(",a,,\n").map(\.fields) == [["", "a", "", ""]])
        #expect(try Self.records("a,").map(\.fields) == [["a", ""]])
        #expect(try Self.records("\"\"").map(\.fields) == [[""]])
    }

    @Test func quotedFieldsHoldSeparatorsQuotesAndLineBreaks() throws {
        let records = try Self.records("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nnext,\"\"\"\",x\n")
        #expect(records.map(\.fields) == [["a,b", "say \"hi\"", "two\r\nlines"], ["next", "\"", "x"]])
        // The second record starts on line 3: the first spans two lines.
        #expect(records.map(\.line) == [1, 3])
    }

    @Test func lineNumbersCountBreaksInsideQuotes() throws {
        let records = try Self.records("h\n\"1\r2\r\n3\n4\"\nlast\n")
        #expect(records[1].fields == ["1\r2\r\n3\n4"])
        #expect(records.map(\.line) == [1, 2, 6])
    }

    @Test func quoteInsideAnUnquotedFieldIsACharacter() throws {
        #expect(try Self.records("37°36'37.8\"N,5 \"x\" 6\n").map(\.fields) == [["37°36'37.8\"N", "5 \"x\" 6"]])
    }

    @Test func spacesAfterAClosingQuoteAreAllowed() throws {
        #expect(try Self.records("\"a\"  ,\"b\" \n").map(\.fields) == [["a", "b"]])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("Kundnr;Namn\n1;Åsa\n".utf8))
        let reader = try CSVReader(data: data)
        #expect(reader.delimiter == .semicolon)
        #expect(reader.encoding == .utf8)
        #expect(try reader.readAll().map(\.fields) == [["Kundnr", "Namn"], ["1", "Åsa"]])
    }

    @Test func otherSeparators() throws {
        #expect(try Self.records("a;b\n1;\"x;y\"\n", delimiter: .semicolon).map(\.fields) == [["a", "b"], ["1", "x;y"]])
        #expect(try Self.records("a\tb\n1\t2 3\n", delimiter: .tab).map(\.fields) == [["a", "b"], ["1", "2 3"]])
        #expect(try Self.records("a|b\n", delimiter: CSVDelimiter("|")).map(\.fields) == [["a", "b"]])
    }

    /// Every input parses the same whatever the buffer size, so records split across refills
    /// (a CR at the end of a chunk, a doubled quote cut in half) come out whole.
    @Test(arguments: [4, 5, 7, 13, 64])
    func smallBuffersGiveTheSameRecords(bufferSize: Int) throws {
        let inputs = [
            "a,b\r\nc,\"d\r\ne\"\r\n\r\n\"f\"\"g\",h\ri,\"\"\"\"\n",
            "x\r\r\n\"q\"\"\"\"\",\"multi\nline\nfield with, comma\",end",
            String(repeating: "long field value without quotes,", count: 20) + "\n" + "tail",
        ]
        for input in inputs {
            let expected = try Self.records(input)
            let actual = try Self.records(input, bufferSize: bufferSize)
            #expect(actual == expected, "input \(input.debugDescription)")
        }
    }

    @Test(arguments: [4, 9, 1 << 20])
    func spectrumCorpusIsBufferSizeIndependent(bufferSize: Int) throws {
        for name in CSVSpectrumTests.names {
            let data = try Data(contentsOf: CSVSpectrumTests.corpus.appendingPathComponent("csvs/\(name).csv"))
            #expect(try Self.records(data, bufferSize: bufferSize) == Self.records(data), "\(name)")
        }
    }

    @Test func unterminatedQuoteNamesTheLineAndColumnWhereItOpens() throws {
        let error = try #require(Self.error("a,b,c\n1,2,3\n4,5,\"six\n7,8,9\n"))
        #expect(error.code == .unterminatedQuote)
        #expect(error.line == 3)
        #expect(error.column == 3)
        #expect(error.description == "t.csv:3: column 3: the quoted field that opens here is never closed")
        // Also when the quote's line is far behind the refills.
        #expect(Self.error("a\n\"" + String(repeating: "x\n", count: 50), bufferSize: 8)?.line == 2)
    }

    @Test func characterAfterClosingQuoteIsAnError() throws {
        let error = try #require(Self.error("a,b\n1,\"He said \"hi\" there\"\n"))
        #expect(error.code == .characterAfterQuote)
        #expect(error.line == 2)
        #expect(error.column == 2)
        #expect(error.description.hasPrefix("t.csv:2: column 2: \"h\" follows the closing quote"))
    }

    @Test func overlongQuotedFieldIsReportedAsUnterminated() throws {
        // A small buffer, so the cap is reached long before the end of the input.
        let text = "a\n\"" + String(repeating: "x", count: 5000) + "\""
        let reader = try CSVReader(source: .data(Data(text.utf8), offset: 0), fileName: "big.csv", delimiter: .comma,
                                   encoding: nil, maximumRecordSize: 1024, bufferSize: 64)
        #expect(try reader.advance())
        do {
            _ = try reader.advance()
            Issue.record("no error")
        } catch let error as CSVError {
            #expect(error.code == .unterminatedQuote)
            #expect(error.line == 2)
            #expect(error.reason.contains("runs on for more than"))
        }
    }

    @Test func readsFilesAndNamesThemInErrors() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kassa-csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("Kundnr;Ort\r\n1;Malmö\r\n2;\"Lund\r\n".utf8).write(to: url)
        let reader = try CSVReader(path: url.path)
        #expect(reader.fileName == url.lastPathComponent)
        #expect(try reader.next()?.fields == ["Kundnr", "Ort"])
        #expect(try reader.next()?.fields == ["1", "Malmö"])
        do {
            _ = try reader.next()
            Issue.record("no error")
        } catch let error as CSVError {
            #expect(error.description == "\(url.lastPathComponent):3: column 2: the quoted field that opens here is never closed")
        }
    }

    @Test func missingFileIsAnError() {
        #expect(throws: CSVError.self) { try CSVReader(path: "/nonexistent/kunder.csv") }
        do {
            _ = try CSVReader(path: "/nonexistent/kunder.csv")
        } catch let error as CSVError {
            #expect(error.code == .unreadableFile)
            #expect(error.description.hasPrefix("kunder.csv: cannot be opened"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func cursorGivesFieldsOneByOne() throws {
        let reader = try CSVReader(data: Data("a,\"b\"\"c\"\n".utf8))
        #expect(reader.line == 0)
        #expect(try reader.advance())
        #expect(reader.fieldCount == 2)
        #expect(try reader.field(1) == "b\"c")
        #expect(reader.line == 1)
        #expect(try !reader.advance())
        #expect(reader.fieldCount == 0)
    }
}
