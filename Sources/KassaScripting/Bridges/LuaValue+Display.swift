import Foundation
import Lua

extension LuaValue {
    /// How `kassa.log` and `ctx.say` show a value.
    static func displayText(_ value: LuaValue) -> String {
        switch value {
        case .nil: return "nil"
        case .boolean(let flag): return flag ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(format: "%.1f", number) : String(number)
        case .string(let text): return text
        case .table: return "table"
        case .function: return "function"
        case .reference(let reference): return reference.typeName
        }
    }
}
