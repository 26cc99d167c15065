// TOML's rules on defining tables: a key or table is defined once; `[header]` tables,
// tables made by dotted keys and inline tables cannot be reopened by each other.

extension TOMLParser {
    /// A table while the document is being read, with how it came to exist.
    final class TableNode {
        enum Kind {
            /// Created as the parent of a header (`a` in `[a.b]`); a later `[a]` may still define it.
            case implicit
            /// Defined by its own header, or the root, or an element of an array of tables.
            case header
            /// Created by a dotted key (`a` in `a.b = 1`).
            case dotted
        }

        enum Entry {
            /// A value, final once written: inline tables and static arrays cannot be extended.
            case value(TOMLValue)
            case table(TableNode)
            case arrayOfTables([TableNode])
        }

        var kind: Kind
        var location: TOMLLocation?
        private(set) var keys: [String] = []
        private(set) var entries: [String: Entry] = [:]
        private(set) var keyLocations: [String: TOMLLocation] = [:]

        init(kind: Kind, location: TOMLLocation?) {
            self.kind = kind
            self.location = location
        }

        subscript(key: String) -> Entry? { entries[key] }

        func line(of key: String) -> Int { keyLocations[key]?.line ?? 0 }

        func set(_ entry: Entry, for key: String, at location: TOMLLocation) {
            if entries.updateValue(entry, forKey: key) == nil {
                keys.append(key)
                keyLocations[key] = location
            }
        }

        /// Moves where `key` counts as defined, when a header defines a table named earlier.
        func relocate(_ key: String, to location: TOMLLocation) {
            keyLocations[key] = location
        }

        func table() -> TOMLTable {
            var table = TOMLTable()
            table.location = location
            for key in keys {
                let value: TOMLValue
                switch entries[key]! {
                case .value(let stored): value = stored
                case .table(let node): value = .table(node.table())
                case .arrayOfTables(let nodes): value = .array(nodes.map { .table($0.table()) })
                }
                table.insert(value, for: key, at: keyLocations[key]!)
            }
            return table
        }
    }

    /// Makes `[parts]` or `[[parts]]`, whose `[` is at `start`, the current table.
    mutating func defineHeader(_ parts: [KeyPart], isArray: Bool, at start: Int) throws(TOMLError) {
        var node = root
        var path: [String] = []
        for part in parts.dropLast() {
            path.append(part.name)
            node = try descendForHeader(from: node, into: part, path: path)
        }
        let last = parts[parts.count - 1]
        path.append(last.name)
        let here = location(at: start)
        let name = TOMLValue.keyPathText(path)
        let header = isArray ? "[[\(name)]]" : "[\(name)]"
        let earlier = node.line(of: last.name)

        switch node[last.name] {
        case nil:
            let table = TableNode(kind: .header, location: here)
            node.set(isArray ? .arrayOfTables([table]) : .table(table), for: last.name, at: here)
            current = table
        case .table(let existing)?:
            if isArray {
                throw error(.duplicateTable, at: start,
                            "\(header) cannot start an array of tables: [\(name)] is already a table, defined at line \(earlier)")
            }
            switch existing.kind {
            case .implicit:
                existing.kind = .header
                existing.location = here
                node.relocate(last.name, to: here)
                current = existing
            case .header:
                throw error(.duplicateTable, at: start,
                            "the table \(header) is defined twice; it was first defined at line \(earlier)")
            case .dotted:
                throw error(.duplicateTable, at: start,
                            "the table \(header) was already defined by dotted keys at line \(earlier)")
            }
        case .arrayOfTables(var elements)?:
            guard isArray else {
                throw error(.duplicateTable, at: start,
                            "\(header) conflicts with the array of tables [[\(name)]] defined at line \(earlier)")
            }
            let table = TableNode(kind: .header, location: here)
            elements.append(table)
            node.set(.arrayOfTables(elements), for: last.name, at: here)
            current = table
        case .value(let value)?:
            if case .table = value {
                throw error(.duplicateTable, at: start,
                            "\(header) cannot reopen the inline table \(TOMLParser.keyDisplay(path)) defined at line \(earlier)")
            }
            if isArray, case .array = value {
                throw error(.duplicateTable, at: start,
                            "\(header) cannot append to the array \(TOMLParser.keyDisplay(path)) defined at line \(earlier); only arrays made with [[\(name)]] can grow")
            }
            throw error(.duplicateKey, at: start,
                        "\(header) cannot define \(TOMLParser.keyDisplay(path)) as a table: it already holds \(value.kindDescription), defined at line \(earlier)")
        }
        currentPath = path
    }

    /// The table a header walks through for `part`, creating it when missing.
    private func descendForHeader(from node: TableNode, into part: KeyPart, path: [String]) throws(TOMLError) -> TableNode {
        switch node[part.name] {
        case nil:
            let child = TableNode(kind: .implicit, location: location(at: part.offset))
            node.set(.table(child), for: part.name, at: location(at: part.offset))
            return child
        case .table(let child)?:
            return child
        case .arrayOfTables(let elements)?:
            // A header below an array of tables belongs to its latest element.
            return elements[elements.count - 1]
        case .value(let value)?:
            throw notATable(value, path: path, definedAt: node.line(of: part.name), at: part.offset)
        }
    }

    /// Stores `value` under the dotted key `parts` in `table`, whose path from the root is `path`.
    mutating func defineKeyValue(_ parts: [KeyPart], _ value: TOMLValue, in table: TableNode, path: [String]) throws(TOMLError) {
        var node = table
        var fullPath = path
        for part in parts.dropLast() {
            fullPath.append(part.name)
            let earlier = node.line(of: part.name)
            switch node[part.name] {
            case nil:
                let child = TableNode(kind: .dotted, location: location(at: part.offset))
                node.set(.table(child), for: part.name, at: location(at: part.offset))
                node = child
            case .table(let child)?:
                switch child.kind {
                case .implicit, .dotted:
                    child.kind = .dotted
                    node = child
                case .header:
                    throw error(.duplicateTable, at: part.offset,
                                "the table [\(TOMLValue.keyPathText(fullPath))] was defined by its header at line \(earlier); dotted keys cannot add to it")
                }
            case .arrayOfTables?:
                throw error(.duplicateTable, at: part.offset,
                            "\(TOMLParser.keyDisplay(fullPath)) is an array of tables, defined at line \(earlier); dotted keys cannot add to it")
            case .value(let existing)?:
                throw notATable(existing, path: fullPath, definedAt: earlier, at: part.offset)
            }
        }
        let last = parts[parts.count - 1]
        fullPath.append(last.name)
        let earlier = node.line(of: last.name)
        switch node[last.name] {
        case nil:
            node.set(.value(value), for: last.name, at: location(at: last.offset))
        case .value?:
            throw error(.duplicateKey, at: last.offset,
                        "the key \(TOMLParser.keyDisplay(fullPath)) is defined twice; it was first defined at line \(earlier)")
        case .table?, .arrayOfTables?:
            throw error(.duplicateKey, at: last.offset,
                        "the key \(TOMLParser.keyDisplay(fullPath)) is already a table, defined at line \(earlier)")
        }
    }

    private func notATable(_ value: TOMLValue, path: [String], definedAt line: Int, at offset: Int) -> TOMLError {
        if case .table = value {
            return error(.duplicateTable, at: offset,
                         "the inline table \(TOMLParser.keyDisplay(path)), defined at line \(line), cannot be extended")
        }
        return error(.duplicateKey, at: offset,
                     "the key \(TOMLParser.keyDisplay(path)) holds \(value.kindDescription), defined at line \(line), so it cannot be used as a table")
    }
}
