import Foundation

/// A progress line on stderr for long work: redrawn in place on a terminal, a line every
/// few seconds otherwise (a cron log), silent for `--json` callers who ask for quiet.
final class Progress {
    private let label: String
    private let total: Int?
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let quiet: Bool
    private(set) var done = 0

    init(_ label: String, total: Int? = nil, quiet: Bool = false) {
        self.label = label
        self.total = total
        self.quiet = quiet
    }

    func advance(by count: Int) {
        done += count
        let now = Date()
        let interval = isTerminal ? 0.1 : 5.0
        guard !quiet, now.timeIntervalSince(lastDraw) >= interval else { return }
        lastDraw = now
        draw(final: false)
    }

    func finish() {
        guard !quiet, isTerminal || done > 0 else { return }
        draw(final: true)
    }

    private func draw(final: Bool) {
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done) / seconds
        var text = "\(label): \(done)"
        if let total, total > 0 {
            text += " of \(total) (\(done * 100 / total) %)"
            if !final, rate > 0 { text += ", about \(Int(Double(total - done) / rate)) s left" }
        }
        text += String(format: ", %.0f/s", rate)
        let line = isTerminal ? "\r\u{1B}[K\(text)\(final ? "\n" : "")" : "\(text)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
