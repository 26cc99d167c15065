import Foundation
import KassaApp
import KassaCore

/// The progress of a send on stderr: a bar redrawn in place on a terminal (sent, failed,
/// left, rate, time left), a plain line every few seconds otherwise.
final class SendProgressDisplay: SendProgressObserver {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let quiet: Bool
    private var lastDraw = Date.distantPast
    private var last: SendProgress?

    init(quiet: Bool) {
        self.quiet = quiet
    }

    func show(_ progress: SendProgress) {
        last = progress
        let now = Date()
        guard !quiet, now.timeIntervalSince(lastDraw) >= (isTerminal ? 0.1 : 5) else { return }
        lastDraw = now
        draw(progress, final: false)
    }

    func finish() {
        guard !quiet, let last, isTerminal else { return }
        draw(last, final: true)
    }

    private func draw(_ progress: SendProgress, final: Bool) {
        let done = progress.sent + progress.failed
        let total = done + progress.left
        var text = ""
        if isTerminal, total > 0 {
            let width = 24
            let filled = width * done / total
            text += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
        }
        text += "sent \(progress.sent), failed \(progress.failed), left \(progress.left)"
        text += String(format: ", %.0f/s", progress.rate)
        if !final, progress.rate > 0, progress.left > 0 { text += ", about \(Int(Double(progress.left) / progress.rate)) s left" }
        let line = isTerminal ? "\r\u{1B}[K\(text)\(final ? "\n" : "")" : "\(text)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
