import KassaCore
import KassaHTTP
import Logging

/// Makes the card order service that `[cards] provider` names.
///
/// ```swift
/// let provider = CardOrderProviderFactory.make(settings: cards, url: serviceURL, http: connection,
///                                              outboxDirectory: outbox, logger: logger)
/// let service = CardOrderService(customers: customers, loyalty: loyalty, settings: configuration.cards, provider: provider)
/// ```
public enum CardOrderProviderFactory {
    /// The provider for `settings`: `file` writes each batch to `outboxDirectory`
    /// (`FileCardOrderProvider`); `http` posts it to `url` (`[cards] url`) over a client with
    /// `http` (`HTTPCardOrderProvider`); `none` gives `nil`, so only requests for information
    /// are taken.
    ///
    /// - Returns: the provider, or why it cannot be used (`CardError` `provider_unavailable`:
    ///   no `url`, a bad address or CA file), which every order then reports while listing
    ///   cards still works.
    public static func make(settings: CardSettings, url: String? = nil, http: HTTPClient.Configuration = HTTPClient.Configuration(), outboxDirectory: String,
                            logger: Logger) -> Result<any CardOrderProvider, CardError>? {
        switch settings.provider {
        case .none:
            return nil
        case .file:
            return .success(FileCardOrderProvider(directory: outboxDirectory))
        case .http:
            guard let url else {
                return .failure(CardError(.providerUnavailable, "[cards] provider = \"http\" needs url = \"http://…\", the order service's address"))
            }
            do {
                return .success(try HTTPCardOrderProvider(url: url, configuration: http, logger: logger))
            } catch let error as CardError {
                return .failure(error)
            } catch {
                return .failure(CardError(.providerUnavailable, "The card order service at \"\(url)\" cannot be used: \(error)"))
            }
        }
    }
}
