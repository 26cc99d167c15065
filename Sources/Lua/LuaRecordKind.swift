import CLua
import CLuaShims

/// A kind of record (a customer, an order) that Lua reads through userdata proxies.
///
/// The host lays a batch of records out as cells (`LuaRecordWriter`); a proxy's `__index`
/// is C that pushes the cell for the field asked, so reading `c.city` never enters Swift.
/// A proxy is a light userdata (kind, batch generation and index in one value): handing
/// one to a script allocates nothing. A state has at most 64 kinds.
/// Fields too rich for a cell (lists, nested tables) are produced by a resolver on demand.
/// Proxies belong to one batch: once the host loads the next batch or ends the call, an old
/// proxy raises a clear error instead of reading another record's data.
public final class LuaRecordKind {
    /// The name errors use: "a customer has no field 'frist_name'".
    public let name: String
    /// Field names in slot order.
    public let fields: [String]
    private unowned let state: LuaState
    private let slots: [String: Int]
    private let batch: UnsafeMutablePointer<clua_record_batch>
    private var cells: UnsafeMutablePointer<clua_cell>
    private var cellCapacity: Int
    private var bytes: UnsafeMutablePointer<CChar>
    private var byteCapacity: Int
    private var results: UnsafeMutablePointer<UInt8>
    private var resultCapacity: Int
    /// Each slot's column in a laid-out record, or -1 (left to the resolver).
    private let columnOf: UnsafeMutablePointer<Int16>
    /// The kind's number in its state (`clua_new_record_kind`).
    private var kindID: Int32 = 0
    private var filterRef: Int32 = 0
    /// For retiring the kind when it goes first; the state may also go first.
    private weak var owner: LuaState?
    /// With a resolver, fields no script has read yet are not laid out and take no cell
    /// (`LuaRecordWriter.wants`): the resolver produces them if one is read after all.
    let laysOutOnlyReadFields: Bool

    /// Produces the value of a resolved field (`LuaRecordWriter.setResolved`) of record `index`.
    public typealias Resolver = (_ index: Int, _ field: String) throws -> LuaValue

    /// - Parameters:
    ///   - fields: the names a script may read, in slot order.
    ///   - methods: functions reachable as `record:method(...)`.
    ///   - resolver: computes fields written with `setResolved`.
    public init(state: LuaState, name: String, fields: [String], methods: [String: LuaFunction] = [:], resolver: Resolver? = nil) {
        self.state = state
        self.owner = state
        laysOutOnlyReadFields = resolver != nil
        self.name = name
        self.fields = fields
        self.slots = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1, $0) })
        batch = .allocate(capacity: 1)
        cellCapacity = max(fields.count, 1) * 64
        cells = .allocate(capacity: cellCapacity)
        byteCapacity = 4096
        bytes = .allocate(capacity: byteCapacity)
        resultCapacity = 64
        results = .allocate(capacity: resultCapacity)
        columnOf = .allocate(capacity: max(fields.count, 1))
        for slot in fields.indices { columnOf[slot] = Int16(slot) }
        batch.initialize(to: clua_record_batch(
            generation: 1, fields: Int32(fields.count), count: 0,
            cells: UnsafePointer(cells), bytes: UnsafePointer(bytes), current: -1, results: results, read_fields: 0,
            columns: Int32(fields.count), column_of: UnsafePointer(columnOf)))

        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        lua_createtable(L, 0, Int32(fields.count))
        for (slot, field) in fields.enumerated() {
            state.pushString(field)
            lua_pushinteger(L, lua_Integer(slot))
            lua_rawset(L, -3)
        }
        if methods.isEmpty {
            lua_pushnil(L)
        } else {
            lua_createtable(L, 0, Int32(methods.count))
            for (methodName, function) in methods {
                state.pushString(methodName)
                function.push(L)
                lua_rawset(L, -3)
            }
        }
        if let resolver {
            state.pushHostFunction(.raw { [unowned self] L in
                let index = self.index(ofProxyAt: 1)
                guard index >= 0 else {
                    throw LuaRecordError("this \(name) record is no longer valid: it belonged to an earlier call")
                }
                let field = self.state.string(at: 2)
                self.state.push(try resolver(Int(index), field))
                return 1
            })
        } else {
            lua_pushnil(L)
        }
        kindID = clua_new_record_kind(L, batch, name)
        precondition(kindID > 0, "a Lua state has at most 64 record kinds")
        clua_push_record_filter(L, batch, kindID)
        filterRef = clua_ref(L)
    }

    deinit {
        if let owner {
            clua_drop_record_kind(owner.L, kindID)
            clua_unref(owner.L, filterRef)
        }
        cells.deallocate()
        bytes.deallocate()
        results.deallocate()
        columnOf.deallocate()
        batch.deallocate()
    }

    /// Records in the current batch.
    public var count: Int { Int(batch.pointee.count) }

    /// Replaces the batch: `fill` writes `count` records. Every proxy of the previous batch
    /// stops working.
    public func load(count: Int, _ fill: (inout LuaRecordWriter) throws -> Void) rethrows {
        if laysOutOnlyReadFields { arrangeColumns() }
        reserve(records: count)
        var writer = LuaRecordWriter(kind: self, count: count)
        try fill(&writer)
        batch.pointee.count = Int32(count)
        batch.pointee.generation &+= 1
    }

    /// Ends the life of every proxy handed out so far, without changing the data.
    public func invalidateProxies() {
        batch.pointee.generation &+= 1
    }

    /// The record being evaluated by `filter` when it failed, if any.
    public var currentIndex: Int? {
        let current = Int(batch.pointee.current)
        return current >= 0 ? current : nil
    }

    /// Calls `predicate(record, argument)` for every record of the batch inside one protected
    /// call and returns the verdicts: `true`, or `false` for false and nil. Any other result
    /// (`return c.points`) fails the call, naming the predicate's file:line and the type.
    public func filter(_ predicate: LuaFunction, argument: LuaValue = .nil, limits: LuaLimits? = nil) throws(LuaError) -> [Bool] {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        batch.pointee.current = -1
        _ = clua_getref(L, filterRef)
        predicate.push(L)
        state.push(argument)
        try state.protectedCall(arguments: 2, results: 0, limits: limits ?? state.limits)
        batch.pointee.current = -1
        let count = Int(batch.pointee.count)
        return (0..<count).map { results[$0] != 0 }
    }

    /// Calls `function(record, argument)` for record `index` of the current batch in one
    /// protected, limited call, and hands its first result to `read` while it is still on
    /// the stack: a caller that needs two fields of a returned table reads those two, rather
    /// than having the whole table copied into Swift. No reference is made for the proxy.
    public func call<T>(
        _ function: LuaFunction, record index: Int, argument: LuaValue = .nil, limits: LuaLimits? = nil,
        read: (LuaStackValue) throws -> T
    ) throws -> T {
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        _ = lua_checkstack(L, 6)
        function.push(L)
        clua_push_record(L, batch, kindID, Int32(index))
        state.push(argument)
        // Read while the call's limits still hold: what `read` copies counts against them.
        var result: Result<T, any Error>?
        try state.protectedCall(arguments: 2, results: 1, limits: limits ?? state.limits) { () throws(LuaError) in
            do {
                result = .success(try read(LuaStackValue(state: state, index: lua_gettop(L))))
            } catch let error as LuaError {
                throw error
            } catch {
                result = .failure(error)
            }
        }
        guard let result else { throw LuaError(code: .runtime, message: "the call's result was not read") }
        return try result.get()
    }

    /// A proxy for record `index` of the current batch, to pass as an argument.
    public func proxy(at index: Int) -> LuaValue {
        let L = state.L
        clua_push_record(L, batch, kindID, Int32(index))
        return .reference(LuaReference(state: state, ref: clua_ref(L), typeName: "userdata"))
    }

    /// The record index of the proxy at stack `index`, or -1.
    private func index(ofProxyAt index: Int32) -> Int32 {
        clua_record_index(state.L, index, batch, kindID)
    }

    // MARK: Storage

    /// Gives a column to each field scripts have read so far (and to every slot past 64, which
    /// the read mask cannot track); the others take no cell at all. A kind of 30 fields whose
    /// filter reads 3 lays out 3 cells a record.
    private func arrangeColumns() {
        let read = batch.pointee.read_fields
        var next: Int16 = 0
        for slot in fields.indices {
            if slot >= 64 || read & (1 << UInt64(slot)) != 0 {
                columnOf[slot] = next
                next += 1
            } else {
                columnOf[slot] = -1
            }
        }
        batch.pointee.columns = Int32(next)
    }

    private func reserve(records: Int) {
        let needed = max(records * columns, 1)
        if needed > cellCapacity {
            cells.deallocate()
            cellCapacity = needed
            cells = .allocate(capacity: cellCapacity)
            batch.pointee.cells = UnsafePointer(cells)
        }
        if records > resultCapacity {
            results.deallocate()
            resultCapacity = records
            results = .allocate(capacity: resultCapacity)
            batch.pointee.results = results
        }
    }

    func slot(of field: String) -> Int? { slots[field] }

    @usableFromInline var cellBase: UnsafeMutablePointer<clua_cell> { cells }
    @usableFromInline var columnBase: UnsafePointer<Int16> { UnsafePointer(columnOf) }
    /// Cells per laid-out record.
    @usableFromInline var columns: Int { Int(batch.pointee.columns) }
    @usableFromInline var byteBase: UnsafeMutablePointer<CChar> { bytes }
    @usableFromInline var byteCount: Int { byteCapacity }

    /// Grows the string area to at least `needed` bytes, keeping the first `used`.
    @usableFromInline
    func growBytes(to needed: Int, keeping used: Int) {
        var capacity = max(byteCapacity * 2, 4096)
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        grown.update(from: bytes, count: used)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
        batch.pointee.bytes = UnsafePointer(bytes)
    }
}

/// Writes the records of one batch. Fields not written read as `nil`, or, in a kind with a
/// resolver, are resolved when read; there, a field not laid out in this batch (`wants` is
/// false) has no cell, and setting it does nothing.
///
/// The setters are inlinable and write straight into the batch's cells: laying out a
/// record is on the hot path of every filter run.
public struct LuaRecordWriter {
    @usableFromInline let kind: LuaRecordKind
    /// Cells per record: one per field laid out.
    @usableFromInline let columns: Int
    @usableFromInline let count: Int
    /// The first cell of the batch: read once, as `load` reserved the cells before filling.
    @usableFromInline let cells: UnsafeMutablePointer<clua_cell>
    /// Each slot's column, or -1 for a field not laid out.
    @usableFromInline let columnOf: UnsafePointer<Int16>
    /// What a cell holds before it is written: nil, or "ask the resolver".
    @usableFromInline let unwritten: clua_cell
    /// The first cell of the current record.
    @usableFromInline var record: UnsafeMutablePointer<clua_cell>
    @usableFromInline var index = -1
    @usableFromInline var usedBytes = 0
    @usableFromInline var bytes: UnsafeMutablePointer<CChar>
    @usableFromInline var byteCapacity: Int

    fileprivate init(kind: LuaRecordKind, count: Int) {
        self.kind = kind
        self.count = count
        columns = kind.columns
        cells = kind.cellBase
        record = cells
        columnOf = kind.columnBase
        unwritten = clua_cell(kind: kind.laysOutOnlyReadFields ? 6 : 0, length: 0, value: 0)
        bytes = kind.byteBase
        byteCapacity = kind.byteCount
    }

    /// Starts the next record; call it once before each record's fields.
    @inlinable
    public mutating func nextRecord() {
        index += 1
        precondition(index < count, "more records written than the batch holds")
        record = cells + index * columns
        record.initialize(repeating: unwritten, count: columns)
    }

    /// Whether field `slot` should be laid out: always, unless the kind has a resolver, in
    /// which case only fields a script has read so far (the others are resolved if read).
    /// Filters and templates read few of a customer's fields; this spares laying out the rest.
    @inlinable
    public func wants(_ slot: Int) -> Bool {
        columnOf[slot] >= 0
    }

    /// The slot of a field name, to write fields by slot in hot loops.
    public func slot(of field: String) -> Int? { kind.slot(of: field) }

    @inlinable @inline(__always)
    public mutating func set(_ slot: Int, _ value: String?) {
        guard let value else { return setNil(slot) }
        set(slot, value)
    }

    /// A string field; taking the string borrowed (not as an optional) spares a retain and a
    /// release per field on the hot path.
    @inlinable @inline(__always)
    public mutating func set(_ slot: Int, _ value: borrowing String) {
        let column = Int(columnOf[slot])
        guard column >= 0 else { return }
        let written: Void? = value.utf8.withContiguousStorageIfAvailable { buffer in
            append(UnsafeRawBufferPointer(buffer), column: column)
        }
        if written == nil {
            var copy = copy value
            copy.withUTF8 { append(UnsafeRawBufferPointer($0), column: column) }
        }
    }

    @inlinable @inline(__always)
    mutating func append(_ source: UnsafeRawBufferPointer, column: Int) {
        // Sixteen readable bytes past every string: C reads a short one as two masked words.
        if usedBytes + source.count + 16 > byteCapacity { grow(to: usedBytes + source.count + 16) }
        if let base = source.baseAddress {
            UnsafeMutableRawPointer(bytes + usedBytes).copyMemory(from: base, byteCount: source.count)
        }
        record[column] = clua_cell(kind: 4, length: Int32(source.count), value: Int64(usedBytes))
        usedBytes += source.count
    }

    /// Writes a cell into the record, unless the field is not laid out in this batch.
    @inlinable @inline(__always)
    mutating func put(_ cell: clua_cell, _ slot: Int) {
        let column = Int(columnOf[slot])
        if column >= 0 { record[column] = cell }
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        kind.growBytes(to: needed, keeping: usedBytes)
        bytes = kind.byteBase
        byteCapacity = kind.byteCount
    }

    @inlinable
    public mutating func set(_ slot: Int, _ value: Int?) {
        guard let value else { return setNil(slot) }
        put(clua_cell(kind: 2, length: 0, value: Int64(value)), slot)
    }

    @inlinable
    public mutating func set(_ slot: Int, _ value: Double?) {
        guard let value else { return setNil(slot) }
        put(clua_cell(kind: 3, length: 0, value: Int64(bitPattern: value.bitPattern)), slot)
    }

    @inlinable
    public mutating func set(_ slot: Int, _ value: Bool?) {
        guard let value else { return setNil(slot) }
        put(clua_cell(kind: 1, length: 0, value: value ? 1 : 0), slot)
    }

    /// A field without a value.
    @inlinable
    public mutating func setNil(_ slot: Int) {
        put(clua_cell(), slot)
    }

    /// Marks a field to be produced by the kind's resolver when a script reads it.
    @inlinable
    public mutating func setResolved(_ slot: Int) {
        put(clua_cell(kind: 5, length: 0, value: 0), slot)
    }
}

/// An error raised to a script that misuses a record.
struct LuaRecordError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
