import Foundation
import KassaCore
import KassaSMS
import KassaSMTP

/// The transport a channel sends through, as `kassa.toml` configures it: a server when one
/// is configured, else files in the outbox folder (the embedded default).
enum Transports {
    /// - Parameter user: `--user NAME`: that user's `[users.NAME.smtp]` over `[smtp]` (003).
    static func make(for channel: Channel, environment: CommandEnvironment, user: String? = nil) throws -> any MessageTransport {
        let configuration = environment.configuration
        if let user, configuration.users[user] == nil {
            let known = configuration.users.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            throw CommandFailure("There is no user \"\(user)\" in the configuration ([users.\(user).smtp])" + (known.isEmpty ? "" : "; the users are \(known)"))
        }
        switch channel {
        case .email:
            let smtp = configuration.smtp(forUser: user)
            if smtp.isConfigured {
                do {
                    return try SMTPTransport(settings: smtp, logger: environment.logger)
                } catch {
                    throw CommandFailure(error.message)
                }
            }
            return FileMailTransport(directory: configuration.outbox.directory, from: try sender(configuration))
        case .sms:
            do {
                return try SMSTransportFactory.make(
                    settings: configuration.sms, outboxDirectory: configuration.outbox.directory, logger: environment.logger)
            } catch {
                throw CommandFailure(error.message)
            }
        }
    }

    /// Whether `channel` goes to the outbox folder rather than a server: then the
    /// configured pauses and delays serve nothing and are not applied unless asked for.
    static func isFileOutbox(_ channel: Channel, _ configuration: KassaConfiguration) -> Bool {
        switch channel {
        case .email: !configuration.smtp.isConfigured
        case .sms: configuration.sms.provider == .file
        }
    }

    /// `[smtp] from`, else the shop's name at a reserved domain.
    static func sender(_ configuration: KassaConfiguration) throws -> MailAddress {
        guard let from = configuration.smtp.from else {
            return MailAddress("kassa@example.invalid", displayName: configuration.shop.name)
        }
        do {
            return try MailAddress(parsing: from)
        } catch {
            throw CommandFailure("[smtp] from \"\(from)\" is not an address like \"Shop <info@example.se>\": \(error)")
        }
    }
}
