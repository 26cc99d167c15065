import KassaTesting
import Testing
@testable import KassaSMTP

@Suite("SMTP retry back-off")
struct SMTPRetryPolicyTests {
    @Test("Delays double from the first failure and stop at the cap")
    func nominal() {
        let policy = SMTPRetryPolicy(initialDelay: .seconds(60), multiplier: 2, maximumDelay: .seconds(600))
        #expect((1...6).map { policy.nominalDelay(afterFailures: $0) } == [60, 120, 240, 480, 600, 600].map { .seconds($0) })
        #expect(policy.nominalDelay(afterFailures: 0) == .seconds(60))
        #expect(policy.nominalDelay(afterFailures: 10_000) == .seconds(600))
    }

    @Test("With jitter a delay lies between half and all of the nominal one, and varies")
    func jitter() {
        let policy = SMTPRetryPolicy()
        var random = SeededRandom(seed: 7)
        var seen = Set<Duration>()
        for failures in 1...8 {
            let nominal = policy.nominalDelay(afterFailures: failures)
            for _ in 0..<50 {
                let delay = policy.delay(afterFailures: failures, using: &random)
                #expect(delay >= nominal / 2 && delay <= nominal)
                seen.insert(delay)
            }
        }
        #expect(seen.count > 100)
    }
}
