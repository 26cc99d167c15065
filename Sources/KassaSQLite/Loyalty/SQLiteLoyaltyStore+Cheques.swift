import Foundation
internal import GRDB
import KassaCore

/// Paying out value cheques: one transaction around the voucher file (see
/// `LoyaltyStore.issueCheques` for what it guarantees).
extension SQLiteLoyaltyStore {
    public func issueCheques(to numbers: [String], rule: ChequeRule, on date: CalendarDate, file: VoucherFileName,
                             directory: String, encoder: any VoucherFileEncoder,
                             observe: (ChequeIssueStep) throws -> Void) throws -> ChequeIssue {
        try Self.createFolder(directory)
        var staged: StagedFile?
        var committed = false
        defer { if !committed { staged?.discard() } }
        let prepared = try chequeAccess("pay out the cheques") {
            try durableWrite { db -> (batch: ChequeBatch?, cheques: [IssuedCheque], skipped: [String]) in
                if let pending = try Self.batches(status: .pending, db).first {
                    throw ChequeError(.pendingBatch,
                                      "Batch \(pending.id) (\(ChequeError.quoted(pending.path))) was paid out but its file is not written yet; it must be completed before a new run")
                }
                let path = StagedFile.join(directory, file.name)
                if FileWriting.isSymbolicLink(path) {
                    throw ChequeError(.fileExists,
                                      "The voucher file \(ChequeError.quoted(path)) is a symbolic link, which Kassa does not write through; it was left as it is and nothing was paid out; choose another name or remove the link")
                }
                if FileManager.default.fileExists(atPath: path) {
                    throw ChequeError(.fileExists,
                                      "The voucher file \(ChequeError.quoted(path)) exists already; it was left as it is and nothing was paid out; choose another name or move the file away")
                }
                let (payable, skipped) = try Self.payableCustomers(numbers, rule: rule, db)
                guard !payable.isEmpty else { return (nil, [], skipped) }

                let issuedAt = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
                let total = payable.reduce(into: (value: 0, points: 0)) { sum, entry in
                    sum.value += entry.award.value.minorUnits
                    sum.points += entry.award.pointsUsed
                }
                try db.execute(
                    sql: """
                        INSERT INTO loyalty_cheque_batch (file_name, directory, issued_on, issued_at, status, cheque_count,
                                                          total_value_cents, points_used)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [file.name, directory, date.description, issuedAt.timeIntervalSince1970,
                                ChequeBatch.Status.pending.rawValue, payable.count, total.value, total.points])
                let batch = ChequeBatch(id: db.lastInsertedRowID, fileName: file.name, directory: directory, issuedOn: date,
                                        issuedAt: issuedAt, status: .pending, chequeCount: payable.count,
                                        totalValue: Money(minorUnits: total.value), pointsUsed: total.points)
                let numbers = ChequeNumber.numbers(count: payable.count, on: date, after: try Self.lastChequeNumber(on: date, db))
                let cheques = zip(payable, numbers).map { entry, number in
                    IssuedCheque(number: number, customerNumber: entry.customer.number,
                                 name: VoucherFileLayout.addressName(of: entry.customer),
                                 email: VoucherFileLayout.trimmed(entry.customer.email) ?? "",
                                 value: entry.award.value, cheques: entry.award.cheques, pointsUsed: entry.award.pointsUsed,
                                 leftoverPoints: entry.award.leftoverPoints, issuedOn: date, fileName: file.name,
                                 batchID: batch.id)
                }

                // The file first: if it cannot be written, the transaction rolls back and
                // nothing is deducted.
                staged = try Self.stage(cheques, as: file.name, in: directory, encoder: encoder)
                try observe(.staged)

                for (cheque, entry) in zip(cheques, payable) {
                    try Self.insert(cheque, db)
                    // The cheque also lands on the customer as attributes, so any template can
                    // write the cheque e-mail: #ATTR.cheque_number#, c.attrs.cheque_value.
                    try db.cachedStatement(
                        sql: """
                            UPDATE customer SET points = points - ?, version = version + 1,
                                attributes = json_set(COALESCE(attributes, '{}'), '$.cheque_number', ?, '$.cheque_value', ?,
                                                      '$.cheque_date', ?)
                            WHERE number_key = ? AND points = ?
                            """)
                        .execute(arguments: [cheque.pointsUsed, cheque.number.description, cheque.value.description,
                                             cheque.issuedOn.description, Customer.numberKey(cheque.customerNumber),
                                             entry.customer.points])
                    guard db.changesCount == 1 else {
                        throw ChequeError(.database, "The points of customer \(ChequeError.quoted(cheque.customerNumber)) changed while the cheques were paid out; nothing was paid out")
                    }
                }
                return (batch, cheques, skipped)
            }
        }
        committed = true
        guard var batch = prepared.batch, let staged else {
            return ChequeIssue(batch: nil, cheques: [], skipped: prepared.skipped)
        }
        logger.debug("Paid out cheques", metadata: [
            "batch": "\(batch.id)", "cheques": "\(prepared.cheques.count)", "file": "\(batch.path)",
        ])
        try observe(.committed)
        do {
            try staged.publish()
        } catch {
            staged.discard()
            throw ChequeError(.publishFailed, "The \(prepared.cheques.count) cheques of batch \(batch.id) were paid out and recorded, but the voucher file could not be put in place (\(Self.describe(error))); the batch stays pending and the next kassa cheques issue writes the file again")
        }
        try observe(.published)
        try chequeAccess("mark batch \(batch.id) written") {
            try database.write { db in try Self.markWritten(batch.id, db) }
        }
        batch.status = .written
        return ChequeIssue(batch: batch, cheques: prepared.cheques, skipped: prepared.skipped)
    }

    public func completePendingBatches(encoder: any VoucherFileEncoder) throws -> [ChequeBatch] {
        try chequeAccess("complete the pending cheque batches") {
            try database.write { db in
                var completed: [ChequeBatch] = []
                for var batch in try Self.batches(status: .pending, db).reversed() {
                    let cheques = try Self.cheques(batch: batch.id, db)
                    let data = try encoder.encode(header: VoucherFileLayout().header,
                                                  rows: cheques.map(VoucherFileLayout().row(for:)))
                    try Self.putInPlace(data, for: batch)
                    try Self.markWritten(batch.id, db)
                    batch.status = .written
                    completed.append(batch)
                    logger.warning("Completed cheque batch \(batch.id) left pending by an interrupted run: \(batch.path)")
                }
                return completed
            }
        }
    }

    public func chequeBatches() throws -> [ChequeBatch] {
        try chequeAccess("list the cheque batches") {
            try database.read { db in try Self.batches(status: nil, db) }
        }
    }

    public func issuedCheques(batch: Int64?) throws -> [IssuedCheque] {
        try chequeAccess("list the issued cheques") {
            try database.read { db in try Self.cheques(batch: batch, db) }
        }
    }

    // MARK: - Steps

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`, so the
    /// points read are the points deducted) and whose commit is flushed to disk before it
    /// returns, whatever the store's durability: the voucher file is named after the
    /// commit, and a power cut must not leave a named file with its commit lost.
    private func durableWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            let previous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 1
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = \(previous)") }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// The customers among `numbers` that get a cheque now, in customer-number order, and
    /// the numbers left out.
    private static func payableCustomers(_ numbers: [String], rule: ChequeRule, _ db: Database) throws
        -> (payable: [(customer: Customer, award: ChequeAward)], skipped: [String])
    {
        var seen = Set<String>()
        var ids: [Int64] = []
        var skipped: [String] = []
        for number in numbers where seen.insert(number).inserted {
            if let id = try SQLiteCustomerStore.id(ofNumber: number, db) { ids.append(id) } else { skipped.append(number) }
        }
        var payable: [(customer: Customer, award: ChequeAward)] = []
        var start = ids.startIndex
        while start < ids.endIndex {
            let end = min(start + 500, ids.endIndex)
            for customer in try SQLiteCustomerStore.customers(ids: ids[start..<end], db) {
                if VoucherFileLayout.trimmed(customer.email) != nil, let award = rule.cheque(for: customer) {
                    payable.append((customer, award))
                } else {
                    skipped.append(customer.number)
                }
            }
            start = end
        }
        payable.sort { Customer.numberKey($0.customer.number) < Customer.numberKey($1.customer.number) }
        return (payable, skipped)
    }

    /// Writes and flushes the file of `cheques` under its hidden name.
    private static func stage(_ cheques: [IssuedCheque], as name: String, in directory: String,
                              encoder: any VoucherFileEncoder) throws -> StagedFile {
        let layout = VoucherFileLayout()
        let data = try encoder.encode(header: layout.header, rows: cheques.map(layout.row(for:)))
        do {
            return try StagedFile.stage(data, as: name, in: directory, stagedName: stagedName(of: name))
        } catch {
            throw ChequeError(.writeFailed, "The voucher file cannot be written (\(describe(error))); nothing was paid out")
        }
    }

    /// Puts a pending batch's file in place: written again, or found there already with
    /// exactly these bytes.
    private static func putInPlace(_ data: Data, for batch: ChequeBatch) throws {
        let quoted = ChequeError.quoted(batch.path)
        if FileManager.default.fileExists(atPath: batch.path) {
            guard FileManager.default.contents(atPath: batch.path) == data else {
                throw ChequeError(.pendingBatch,
                                  "Batch \(batch.id) was paid out, but the file \(quoted) in its place holds other cheques; move that file away so the batch's file can be written, then run again")
            }
            return
        }
        do {
            try createFolder(batch.directory)
            let staged = try StagedFile.stage(data, as: batch.fileName, in: batch.directory, stagedName: stagedName(of: batch.fileName))
            do {
                try staged.publish()
            } catch {
                staged.discard()
                throw error
            }
        } catch let error as StagedFile.Failure {
            throw ChequeError(.pendingBatch,
                              "Batch \(batch.id) was paid out, but its voucher file cannot be written again (\(describe(error))); fix that and run again")
        } catch let error as ChequeError {
            throw ChequeError(.pendingBatch, "Batch \(batch.id) was paid out, but its voucher file cannot be written again: \(error.message)")
        }
    }

    /// The hidden name a voucher file is written under before the commit. Always the same
    /// for a name, so a run interrupted before its commit leaves at most one, which the
    /// next run of that name replaces.
    static func stagedName(of name: String) -> String {
        ".\(name).kassa-staged"
    }

    private static func createFolder(_ directory: String) throws {
        if let reason = FileWriting.createPrivateFolder(directory) {
            throw ChequeError(.writeFailed, "The voucher folder \(ChequeError.quoted(directory)) cannot be created (\(reason)); nothing was paid out")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case StagedFile.Failure.exists(let path): "\(ChequeError.quoted(path)) exists already"
        case StagedFile.Failure.failed(let path, let reason): "\(ChequeError.quoted(path)): \(reason)"
        default: "\(error)"
        }
    }

    // MARK: - Rows

    private static func lastChequeNumber(on date: CalendarDate, _ db: Database) throws -> ChequeNumber? {
        let sequence = try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM loyalty_cheque WHERE issued_on = ?",
                                        arguments: [date.description])
        return sequence.flatMap { ChequeNumber(date: date, sequence: $0) }
    }

    private static func insert(_ cheque: IssuedCheque, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO loyalty_cheque (number, issued_on, sequence, batch_id, customer_number, name, email, cheques,
                                            points_used, leftover_points, value_cents)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            .execute(arguments: [cheque.number.description, cheque.issuedOn.description, cheque.number.sequence,
                                 cheque.batchID, cheque.customerNumber, cheque.name, cheque.email, cheque.cheques,
                                 cheque.pointsUsed, cheque.leftoverPoints, cheque.value.minorUnits])
    }

    private static func markWritten(_ id: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE loyalty_cheque_batch SET status = ? WHERE id = ?",
                       arguments: [ChequeBatch.Status.written.rawValue, id])
    }

    /// Batches newest first; only those of `status` when given.
    static func batches(status: ChequeBatch.Status?, _ db: Database) throws -> [ChequeBatch] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM loyalty_cheque_batch WHERE ? IS NULL OR status = ? ORDER BY id DESC",
            arguments: [status?.rawValue, status?.rawValue])
        return try rows.map { row in
            let id: Int64 = row["id"]
            guard let issuedOn = CalendarDate(row["issued_on"] as String),
                  let status = ChequeBatch.Status(rawValue: row["status"]) else {
                throw ChequeError(.database, "Cheque batch \(id) is stored with an unknown date or status; was it written by a newer Kassa?")
            }
            return ChequeBatch(id: id, fileName: row["file_name"], directory: row["directory"], issuedOn: issuedOn,
                               issuedAt: Date(timeIntervalSince1970: row["issued_at"]), status: status,
                               chequeCount: row["cheque_count"], totalValue: Money(minorUnits: row["total_value_cents"]),
                               pointsUsed: row["points_used"])
        }
    }

    /// Cheques oldest first; only those of `batch` when given.
    static func cheques(batch: Int64?, _ db: Database) throws -> [IssuedCheque] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT c.*, b.file_name FROM loyalty_cheque c JOIN loyalty_cheque_batch b ON b.id = c.batch_id WHERE ? IS NULL OR c.batch_id = ? ORDER BY c.id",
            arguments: [batch, batch])
        return try rows.map { row in
            let text: String = row["number"]
            guard let number = ChequeNumber(text) else {
                throw ChequeError(.database, "Cheque \(ChequeError.quoted(text)) is stored with a number Kassa cannot read")
            }
            return IssuedCheque(number: number, customerNumber: row["customer_number"], name: row["name"], email: row["email"],
                                value: Money(minorUnits: row["value_cents"]), cheques: row["cheques"],
                                pointsUsed: row["points_used"], leftoverPoints: row["leftover_points"],
                                issuedOn: number.date, fileName: row["file_name"], batchID: row["batch_id"])
        }
    }
}
