import NIOCore

/// Runs a task's jobs on one SwiftNIO event loop, so that async code that waits on that
/// loop's I/O resumes there without a thread hop.
///
/// A sending run awaits one exchange after another on one connection. Run on the global
/// executor, each await costs two thread wake-ups (the loop completes the future, a pool
/// thread resumes the task); on loopback these cost as much as the round trip itself.
/// With this executor as the task's preference the run and its connection share one
/// thread, as a blocking client would, while the code stays async.
///
/// ```swift
/// let report = await withTaskExecutorPreference(EventLoopTaskExecutor(client.eventLoop)) {
///     await sender.send(mailing)
/// }
/// ```
///
/// Work between awaits then runs on the loop: keep it to what the run itself does (journal a
/// message, compose the next), never unrelated long work, or the loop's other channels wait.
public final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the only stored property is an event loop, which is Sendable itself.

    /// The loop the jobs run on.
    public let eventLoop: any EventLoop

    /// An executor for `eventLoop`.
    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute {
            job.runSynchronously(on: executor)
        }
    }
}
