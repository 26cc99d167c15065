import Foundation
import KassaCore
import KassaSQLite
import KassaScripting

extension Shop {
    /// Mailings with `host`'s templates and filters, and the shop's SMS price. The caller
    /// keeps `host` alive while it uses the service.
    public func mailingService(host: ScriptHost) throws -> MailingService {
        let customers = try customers()
        let price = configuration.sms.pricePerSegment
        return MailingService(
            customers: customers, mailings: try SQLiteMailingStore(customers: customers, logger: logger),
            registry: host.registry, context: renderContext, meter: SMSAnalysisMeter(pricePerSegment: price > 0 ? price : nil))
    }

    /// Runs `body` with the mailing service of a host with every plugin loaded; the host
    /// lives as long as `body` runs (Lua templates and filters need it).
    public func withMailingService<T>(_ body: (MailingService) throws -> T) throws -> T {
        let host = makeHost()
        return try withExtendedLifetime(host) { try body(try mailingService(host: host)) }
    }

    /// `withMailingService` for a body that waits for servers.
    public func withMailingService<T>(_ body: (MailingService) async throws -> T) async throws -> T {
        let host = makeHost()
        defer { withExtendedLifetime(host) {} }
        return try await body(try mailingService(host: host))
    }

    /// Sends what is due of `mailing` through the configured transport, journaling every
    /// message, then tells the plugins (`message.failed` for this run's failures,
    /// `mailing.sent`). Cancelling the calling task stops after the message in flight.
    ///
    /// - Parameters:
    ///   - options: the pace and what to resend; by default the mailing's own pace, else
    ///     `[throttle]` (none for the outbox folder).
    ///   - user: a user whose `[users.NAME.smtp]` sends.
    ///   - observer: watches the run (the command line's progress bar); by default the one
    ///     `makeSendObserver` gives, which the native mass-mailing menu's sends use too.
    public func send(_ mailing: Mailing, service: MailingService, options: SendOptions? = nil, user: String? = nil,
                     observer: (any SendProgressObserver)? = nil) async throws -> SendReport {
        let transport = try transport(for: mailing.channel, user: user)
        let sender = MailingSender(
            mailings: service.mailings, customers: service.customers,
            composer: try service.composer(for: mailing.channel, content: mailing.content), transport: transport,
            logger: logger)
        let pace = options ?? SendOptions(throttle: defaultThrottle(for: mailing))
        let failedBefore = try failedMessages(of: mailing, service: service)
        let observer = observer ?? makeSendObserver()
        let report = try await sender.send(mailing, options: pace) { observer?.show($0) }
        observer?.finish()
        try emitRun(of: mailing, report: report, failedBefore: failedBefore, service: service)
        return report
    }

    /// The mailing's own pace, else `[throttle]`; none for the outbox folder.
    public func defaultThrottle(for mailing: Mailing) -> ThrottleSettings {
        mailing.throttle ?? (sendsToOutboxFolder(mailing.channel) ? ThrottleSettings(batch: 0, pause: 0) : configuration.throttle)
    }

    /// Sends `mailing`'s message to the customer numbered `number`, outside the mailing's
    /// counts and whatever their consent: the shop's own check of what its customers get.
    ///
    /// - Returns: the address it went to and the transport's outcome.
    /// - Throws: `ShopError` `.unknownCustomer` or `.noAddress`, what the transport's settings
    ///   throw, or the template's error for this customer.
    public func sendTest(of mailing: Mailing, to number: String, service: MailingService,
                         user: String? = nil) async throws -> (address: String, outcome: DeliveryOutcome) {
        guard let recipient = try service.customers.customer(number: number) else {
            throw ShopError(.unknownCustomer, "There is no customer with number \"\(number)\"")
        }
        let audience = MailingAudience(channel: mailing.channel, purpose: .transactional, selection: CustomerSelection())
        guard case .recipient(let address) = audience.verdict(for: recipient) else {
            throw ShopError(.noAddress, "Customer \(number) has no \(mailing.channel == .sms ? "mobile number" : "e-mail address") to test with")
        }
        let content = try service.composer(for: mailing.channel, content: mailing.content).compose(recipient)
        let transport = try transport(for: mailing.channel, user: user)
        let message = OutgoingMessage(
            channel: mailing.channel, mailingID: nil, customerNumber: recipient.number, address: address,
            displayName: recipient.recipientName, content: content, purpose: mailing.purpose,
            idempotencyKey: "kassa-test-\(mailing.id)-\(recipient.number)-\(Int(Date().timeIntervalSince1970))")
        let outcome = await withTaskExecutorPreference(transport.executor) {
            let outcome = await transport.deliver(message, commit: {})
            await transport.close()
            return outcome
        }
        return (address, outcome)
    }

    /// Asks the sender of `mailing` to stop after the message in flight.
    ///
    /// - Returns: the process id of the sender asked, `nil` when no sender runs.
    public func stopSending(_ mailing: Mailing) throws -> Int32? {
        let outbox = try mailings()
        try outbox.requestStop(mailing.id)
        return try outbox.senderProcess(mailing.id)
    }
}
