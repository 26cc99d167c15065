import KassaCore

extension ScriptHost {
    /// Runs `body` as `phase`; the phase ends with it, whatever happens.
    @discardableResult
    func during<T, Failure: Error>(_ phase: ScriptPhase, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        phases.append(phase)
        defer { phases.removeLast() }
        return try body()
    }

    /// Runs the plugins' handlers of `event`, each as `.event` with its plugin's grants, and
    /// logs the ones that fail; call it only once the fact is committed.
    public func emit(_ event: KassaEvent) {
        registry.emit(event, logger: logger)
    }
}
