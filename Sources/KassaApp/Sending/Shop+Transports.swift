import Foundation
import KassaConfig
import KassaCore
import KassaSMS
import KassaSMTP

extension Shop {
    /// The transport `channel` sends through, as `kassa.toml` configures it: a server when
    /// one is configured, else files in the outbox folder (the embedded default).
    ///
    /// - Parameter user: a user of `[users.NAME.smtp]`, whose settings go over `[smtp]` (003).
    /// - Throws: `ShopError` `.unknownUser`, `.notConfigured` (the shop's name or the sender,
    ///   which Kassa never invents), `.invalidSettings` (the server's settings cannot be used).
    public func transport(for channel: Channel, user: String? = nil) throws(ShopError) -> any MessageTransport {
        if let user, configuration.users[user] == nil {
            let known = configuration.users.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            throw ShopError(.unknownUser, "There is no user \"\(user)\" in the configuration ([users.\(user).smtp])" + (known.isEmpty ? "" : "; the users are \(known)"))
        }
        try requireSenderSettings(for: channel, user: user)
        switch channel {
        case .email:
            let smtp = configuration.smtp(forUser: user)
            if smtp.isConfigured {
                do {
                    return try SMTPTransport(settings: SMTPTransport.Settings(smtp), logger: logger)
                } catch {
                    throw ShopError(.invalidSettings, error.message)
                }
            }
            return FileMailTransport(directory: configuration.outbox.directory, from: try sender(smtp))
        case .sms:
            do {
                return try SMSTransportFactory.make(
                    settings: SMSTransportFactory.Settings(configuration.sms), outboxDirectory: configuration.outbox.directory, logger: logger)
            } catch {
                throw ShopError(.invalidSettings, error.message)
            }
        }
    }

    /// Whether `channel` goes to the outbox folder rather than a server: then the
    /// configured pauses and delays serve nothing and are not applied unless asked for.
    public func sendsToOutboxFolder(_ channel: Channel) -> Bool {
        switch channel {
        case .email: !configuration.smtp.isConfigured
        case .sms: configuration.sms.provider == .file
        }
    }

    /// Refuses to send before anything goes out when what a message says about its sender is
    /// not configured: the shop's name (`#BUTIK#`) and the sender (`[smtp] from`, also for
    /// the outbox folder, whose files carry a real From header; `[sms] sender`). Nothing is
    /// invented in their place; the refusal names every missing key.
    func requireSenderSettings(for channel: Channel, user: String?) throws(ShopError) {
        var missing: [String] = []
        if configuration.shop.name == nil { missing.append("[shop] name") }
        switch channel {
        case .email:
            if configuration.smtp(forUser: user).from == nil {
                missing.append(user.map { "[smtp] from (or [users.\($0).smtp] from)" } ?? "[smtp] from")
            }
        case .sms:
            if configuration.sms.sender == nil { missing.append("[sms] sender") }
        }
        guard !missing.isEmpty else { return }
        let list = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing.last!
        let what = channel == .email ? "e-mail" : "an SMS"
        throw ShopError(.notConfigured, "Sending \(what) needs the shop's name and its sender, and Kassa does not make them up: set \(list) in kassa.toml (see docs/configuration.md); nothing was sent")
    }

    /// The sender of `smtp` (`from`), which `requireSenderSettings` made sure is set.
    private func sender(_ smtp: SMTPSettings) throws(ShopError) -> MailAddress {
        guard let from = smtp.from else {
            throw ShopError(.notConfigured, "Sending e-mail needs a sender: set [smtp] from in kassa.toml")
        }
        do {
            return try MailAddress(parsing: from)
        } catch {
            throw ShopError(.invalidSettings, "[smtp] from \"\(from)\" is not an address like \"Shop <info@example.se>\": \(error)")
        }
    }
}
