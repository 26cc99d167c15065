import Logging

extension PluginRegistry {
    /// Runs the handlers of `event` after the fact it reports was committed, and logs each
    /// failing handler with its plugin, the line that registered it and the error (which
    /// carries the failing line). The fact stands whatever the handlers do.
    public func emit(_ event: KassaEvent, logger: Logger) {
        let fact = KassaEvent.kind(named: event.name)?.fact ?? "the event"
        for (hook, error) in emit(event) {
            let place = hook.location.map { " (\($0))" } ?? ""
            logger.warning("The \(event.name) handler of plugin \"\(hook.plugin)\"\(place) failed: \(error); \(fact) stands")
        }
    }
}
