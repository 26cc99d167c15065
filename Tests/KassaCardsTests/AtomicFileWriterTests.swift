import Foundation
import Testing
@testable import KassaCards
import KassaCore

@Suite("Writing a group of files all or nothing")
struct AtomicFileWriterTests {
    private let folder = (FileManager.default.temporaryDirectory.path as NSString)
        .appendingPathComponent("kassa-atomic-\(UUID().uuidString)")

    private func entries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test("a file that fails while written takes the ones before it along")
    func failureWhileWriting() {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tooLong = String(repeating: "x", count: 300) + ".csv"   // beyond NAME_MAX on every common file system
        #expect {
            try AtomicFileWriter(directory: folder).writeAll([("first.json", Data("{}".utf8)), (tooLong, Data("a".utf8))])
        } throws: { error in
            (error as? CardError)?.code == .writeFailed
        }
        #expect(entries().isEmpty)
    }

    @Test("the files appear under their names with their contents, and nothing else does")
    func writesAll() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = try AtomicFileWriter(directory: folder).writeAll([("a.json", Data("{}".utf8)), ("b.csv", Data("x,y\r\n".utf8))])
        #expect(entries() == ["a.json", "b.csv"])
        #expect(try paths.map { try String(contentsOfFile: $0, encoding: .utf8) } == ["{}", "x,y\r\n"])
    }

    @Test("a folder where no file can be made is an error",
          .enabled(if: FileManager.default.fileExists(atPath: "/proc/self"), "needs Linux's /proc"))
    func noFileCanBeMade() {
        #expect {
            try AtomicFileWriter(directory: "/proc").writeAll([("orders.json", Data("{}".utf8))])
        } throws: { error in
            guard let error = error as? CardError else { return false }
            return error.code == .writeFailed && error.message.contains("/proc/orders.json")
        }
    }
}
