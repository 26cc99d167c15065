import Foundation

/// Ctrl-C and SIGTERM while sending: the first one asks the sender to stop after the message
/// in flight (nothing is cut halfway); a second one ends the process at once, which the
/// journal also survives.
enum StopSignal {
    nonisolated(unsafe) private static var raised: sig_atomic_t = 0

    static func install() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            if StopSignal.raised != 0 { _exit(128 + signal) }
            StopSignal.raised = 1
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }

    static func isSet() -> Bool { raised != 0 }
}
