import Logging

/// Evaluates a custom customer filter over a batch of customers.
/// Lua filters (`kassa.filter`) and native filters both implement it.
public protocol FilterImplementation: AnyObject {
    /// One verdict per customer, in order.
    func matches(_ customers: [Customer], parameters: [String: ParameterValue]) throws -> [Bool]

    /// `matches(_:parameters:)` over customers read without their lists; `whole` reads the
    /// batch again with them (see `CustomerFilter`). The default reads them first.
    func matches(_ customers: [Customer], whole: () throws -> [Customer], parameters: [String: ParameterValue]) throws -> [Bool]
}

extension FilterImplementation {
    public func matches(_ customers: [Customer], whole: () throws -> [Customer], parameters: [String: ParameterValue]) throws -> [Bool] {
        try matches(whole(), parameters: parameters)
    }
}

/// Runs a menu (`##MENU#Name#`) or a function (`#CODE#`). `async`, so that a native menu
/// that sends or orders waits for its servers without blocking a thread; a synchronous
/// implementation (a Lua function) fits as it is.
public protocol ActionImplementation: AnyObject {
    func run(_ context: ActionContext) async throws
}

/// Renders a template for one customer (the `render` function of `kassa.template`).
public protocol TemplateRenderer: AnyObject {
    func render(_ customer: Customer, context: [String: String]) throws -> RenderedMessage
}

/// Receives events such as `card.ordered` (`KassaEvent.kinds` lists them).
public protocol EventHandler: AnyObject {
    func handle(_ event: KassaEvent) throws
}

/// What an action gets to work with.
public struct ActionContext {
    /// `--param KEY=VALUE` values, and what an earlier step passed on.
    public var parameters: [String: String]
    public var logger: Logger
    /// Where the action's output for the user goes (the terminal, a web page).
    public var output: (String) -> Void
    /// Asks the user a question and returns the answer; `nil` when nobody can be asked (no
    /// terminal, a cron job), in which case an action needing an answer fails and says
    /// which `--param` to give.
    public var ask: ((String) -> String?)?

    public init(parameters: [String: String] = [:], logger: Logger, output: @escaping (String) -> Void,
                ask: ((String) -> String?)? = nil) {
        self.parameters = parameters
        self.logger = logger
        self.output = output
        self.ask = ask
    }
}

/// A message as a template produced it.
public struct RenderedMessage: Sendable, Hashable, Codable {
    public var text: String?
    public var subject: String?
    public var html: String?

    public init(text: String? = nil, subject: String? = nil, html: String? = nil) {
        self.text = text
        self.subject = subject
        self.html = html
    }
}

/// The channel a template is written for.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
    case sms, email
}

/// A custom customer filter (`kassa.filter { name = ..., params = ..., match = ... }`).
public struct FilterDefinition {
    public var name: String
    public var description: String
    public var parameters: [ParameterSpec]
    public var plugin: String
    public var location: SourceLocation?
    public var implementation: FilterImplementation

    public init(name: String, description: String = "", parameters: [ParameterSpec] = [], plugin: String,
                location: SourceLocation? = nil, implementation: FilterImplementation) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.plugin = plugin
        self.location = location
        self.implementation = implementation
    }
}

/// A message template (`kassa.template { ... }`): placeholder text, or a render function.
public struct TemplateDefinition {
    public var name: String
    public var channel: Channel
    public var text: String?
    public var subject: String?
    public var html: String?
    /// Default fallbacks by placeholder (`fallbacks = { FORNAMN = "kund" }`), for tokens
    /// without an inline `#FORNAMN|kund#`.
    public var fallbacks: [String: String]
    public var plugin: String
    public var location: SourceLocation?
    public var renderer: TemplateRenderer?

    public init(name: String, channel: Channel, text: String? = nil, subject: String? = nil, html: String? = nil,
                fallbacks: [String: String] = [:], plugin: String, location: SourceLocation? = nil,
                renderer: TemplateRenderer? = nil) {
        self.name = name
        self.channel = channel
        self.text = text
        self.subject = subject
        self.html = html
        self.fallbacks = fallbacks
        self.plugin = plugin
        self.location = location
        self.renderer = renderer
    }
}

/// A menu function (`##MENU#Name#`) or a code function (`#CODE#`).
public struct ActionDefinition {
    public enum Kind: String, Sendable, Codable { case menu, function }
    public var kind: Kind
    /// The menu name or the function code.
    public var name: String
    public var title: String
    public var parameters: [ParameterSpec]
    public var plugin: String
    public var location: SourceLocation?
    public var implementation: ActionImplementation

    public init(kind: Kind, name: String, title: String = "", parameters: [ParameterSpec] = [], plugin: String,
                location: SourceLocation? = nil, implementation: ActionImplementation) {
        self.kind = kind
        self.name = name
        self.title = title
        self.parameters = parameters
        self.plugin = plugin
        self.location = location
        self.implementation = implementation
    }
}

/// A macro button (`kassa.button { label = ..., macro = ... }`).
public struct ButtonDefinition: Sendable, Hashable, Codable {
    public var label: String
    public var macro: String
    public var plugin: String
    public var location: SourceLocation?

    public init(label: String, macro: String, plugin: String, location: SourceLocation? = nil) {
        self.label = label
        self.macro = macro
        self.plugin = plugin
        self.location = location
    }
}

/// A handler for an event (`kassa.on("card.ordered", fn)`).
public struct EventHookDefinition {
    public var event: String
    public var plugin: String
    public var location: SourceLocation?
    public var handler: EventHandler

    public init(event: String, plugin: String, location: SourceLocation? = nil, handler: EventHandler) {
        self.event = event
        self.plugin = plugin
        self.location = location
        self.handler = handler
    }
}
