/// An error from Lua: a chunk that does not compile, a script that fails at run time, or a
/// call that hit one of its limits.
///
/// The description reads like Lua's own messages, `plugins/acme.lua:12: attempt to index a nil
/// value (field 'brand')`, so a reseller can go straight to the line.
public struct LuaError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case syntax, runtime, timeLimit, instructionLimit, memoryLimit, conversion
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The chunk did not compile (or was binary).
        public static let syntax = Code(.syntax)
        /// The script raised an error while running.
        public static let runtime = Code(.runtime)
        /// The call ran past its wall-clock deadline.
        public static let timeLimit = Code(.timeLimit)
        /// The call ran more instructions than it was allowed.
        public static let instructionLimit = Code(.instructionLimit)
        /// The state grew past its memory cap.
        public static let memoryLimit = Code(.memoryLimit)
        /// A Lua value could not become the Swift value asked for.
        public static let conversion = Code(.conversion)

        /// Whether this is one of the sandbox's limits.
        public var isLimit: Bool { self == .timeLimit || self == .instructionLimit || self == .memoryLimit }
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The message without its position: `attempt to call a nil value (global 'foo')`.
    public var message: String
    /// The chunk the error points at, as Lua shows it (`plugins/acme.lua`), if known.
    public var chunk: String?
    /// The line in `chunk`, if known.
    public var line: Int?
    /// Lua's stack traceback, when there is one.
    public var traceback: String?

    public init(code: Code, message: String, chunk: String? = nil, line: Int? = nil, traceback: String? = nil) {
        self.code = code
        self.message = message
        self.chunk = chunk
        self.line = line
        self.traceback = traceback
    }

    /// `chunk:line: message`, or the message alone when the position is unknown.
    public var description: String {
        switch (chunk, line) {
        case let (chunk?, line?): return "\(chunk):\(line): \(message)"
        case let (chunk?, nil): return "\(chunk): \(message)"
        default: return message
        }
    }

    /// Splits Lua's `chunk:line: message` into its parts; leaves the text whole otherwise.
    static func parse(code: Code, text: String, traceback: String?) -> LuaError {
        var body = text
        var trace = traceback
        if let range = body.firstRange(of: "\nstack traceback:\n") {
            trace = String(body[range.upperBound...])
            body = String(body[..<range.lowerBound])
        }
        // Find the first ":<digits>: " — chunk names may contain colons themselves.
        let scalars = Array(body.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == ":" {
                var end = index + 1
                while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
                if end > index + 1, end + 1 < scalars.count || end + 1 == scalars.count,
                   end < scalars.count, scalars[end] == ":" {
                    let chunk = String(String.UnicodeScalarView(scalars[0..<index]))
                    let line = Int(String(String.UnicodeScalarView(scalars[(index + 1)..<end])))
                    var rest = end + 1
                    if rest < scalars.count, scalars[rest] == " " { rest += 1 }
                    let message = String(String.UnicodeScalarView(scalars[rest...]))
                    if !chunk.isEmpty, !chunk.contains("\n") {
                        return LuaError(code: code, message: message, chunk: chunk, line: line, traceback: trace)
                    }
                }
            }
            index += 1
        }
        return LuaError(code: code, message: body, traceback: trace)
    }
}
