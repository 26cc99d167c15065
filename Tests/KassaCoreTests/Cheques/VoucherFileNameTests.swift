import Testing
@testable import KassaCore

@Suite("Voucher file names the service accepts")
struct VoucherFileNameTests {
    @Test("good names are kept with their extension", arguments: [
        ("KADO1125.CSV", "KADO1125", ".CSV"), ("kado.csv", "kado", ".csv"), ("A.CSV", "A", ".CSV"),
        ("AB_C-1.CSV", "AB_C-1", ".CSV"), ("ABCDEFGH.CSV", "ABCDEFGH", ".CSV"),
    ])
    func accepted(name: String, stem: String, fileExtension: String) throws {
        let fileName = try VoucherFileName(name)
        #expect(fileName.name == name)
        #expect(fileName.stem == stem)
        #expect(fileName.fileExtension == fileExtension)
        #expect(fileName.description == name)
    }

    @Test("a bad name is refused with the rule it broke, quoted in the message", arguments: [
        ("", ChequeError.Code.fileNameEmpty, "empty"),
        (".CSV", .fileNameEmpty, "nothing before"),
        ("ABCDEFGHI.CSV", .fileNameTooLong, "at most 8"),
        ("KA DO.CSV", .fileNameSpace, "space at character 3"),
        ("KA,DO.CSV", .fileNameComma, "comma at character 3"),
        ("KA.DO.CSV", .fileNameDot, "dot at character 3"),
        ("KADÖ.CSV", .fileNameAccent, "\"Ö\""),
        ("CAFE\u{301}.CSV", .fileNameAccent, "accented"),
        ("ΚΑΔΟ.CSV", .fileNameAccent, "character 1"),
        ("KA$DO.CSV", .fileNameCharacter, "\"$\" (U+0024)"),
        ("KA\tDO.CSV", .fileNameCharacter, "U+0009"),
        ("KADO", .fileNameExtension, ".CSV"),
        ("KADO.TXT", .fileNameExtension, ".CSV"),
        ("KADO.Csv", .fileNameExtension, ".CSV"),
        ("KADO.CSV ", .fileNameExtension, ".CSV"),
        ("../KADO.CSV", .fileNamePath, "path separator"),
        ("A\\B.CSV", .fileNamePath, "path separator"),
    ])
    func refused(name: String, code: ChequeError.Code, rule: String) {
        #expect {
            try VoucherFileName(name)
        } throws: { error in
            guard let error = error as? ChequeError else { return false }
            let namesFile = name.isEmpty || error.message.contains(ChequeError.quoted(name))
            return error.code == code && error.message.contains(rule) && namesFile
        }
    }

    @Test("the first bad character is named even when the name is also too long")
    func characterBeforeLength() {
        #expect {
            try VoucherFileName("KADOBONNEN NOVEMBER.CSV")
        } throws: { error in
            (error as? ChequeError)?.code == .fileNameSpace
        }
    }
}
