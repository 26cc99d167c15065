import KassaCore

/// Watches a send run: the command line draws a progress bar, a server would stream it.
public protocol SendProgressObserver: AnyObject {
    /// After each message.
    func show(_ progress: SendProgress)
    /// Once the run has ended.
    func finish()
}
