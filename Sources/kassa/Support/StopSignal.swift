import Dispatch
import Foundation

/// Ctrl-C and SIGTERM while sending: the first one cancels the sending task, which stops
/// after the message in flight (nothing is cut halfway); a second one ends the process at
/// once, which the journal also survives.
enum StopSignal {
    /// Runs `operation` as a task that the first SIGINT or SIGTERM cancels; the signals'
    /// default handling is back once it returns.
    static func cancelling<Value: Sendable>(_ operation: sending @escaping @isolated(any) () async throws -> Value) async throws -> Value {
        let task = Task(operation: operation)
        let raised = SignalCount()
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if raised.increment() > 1 { _exit(128 + number) }
                task.cancel()
            }
            source.resume()
            return source
        }
        defer {
            for (source, number) in zip(sources, [SIGINT, SIGTERM]) {
                source.cancel()
                signal(number, SIG_DFL)
            }
        }
        return try await task.value
    }
}

/// How many stop signals arrived; read and written on the signal sources' queue.
private final class SignalCount: @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
