/// Something that happened, for the plugins' handlers (`kassa.on(name, fn)`): its name, one
/// of `KassaEvent.kinds`, and what it carries.
///
/// An event is emitted only after the fact it reports is committed, so a handler that fails
/// never undoes it.
public struct KassaEvent: Sendable, Hashable {
    public var name: String
    /// The fields a handler gets besides `name`, as `KassaEvent.kinds` documents them.
    public var payload: [String: ParameterValue]

    public init(name: String, payload: [String: ParameterValue] = [:]) {
        self.name = name
        self.payload = payload
    }
}
