/// A capability a Lua plugin needs for an effect outside its script: ordering a card, and
/// whatever effectful `kassa.*` function comes later.
///
/// A plugin may use one when its manifest asks for it (`kassa.plugin { permissions = { ... } }`)
/// and the shop grants it (`[plugins.NAME] allow = [...]` in `kassa.toml`); a script run from
/// the command line when the run allows it (`kassa run --allow NAME`). This list is the one
/// place the names live: manifests, grants and the API reference are checked against it.
public struct PluginPermission: Sendable, Hashable {
    /// The name written in manifests and grants, `cards.order`.
    public var name: String
    /// What it allows, one sentence for the reference.
    public var summary: String

    public init(name: String, summary: String) {
        self.name = name
        self.summary = summary
    }

    /// Every permission this Kassa knows: one for each effectful function of the `kassa` API.
    public static let known: [PluginPermission] = [
        PluginPermission(name: "cards.order", summary: "Order customer cards through the order service (`kassa.cards.order`)."),
    ]

    /// Whether `name` is a known permission.
    public static func isKnown(_ name: String) -> Bool {
        known.contains { $0.name == name }
    }

    /// `cards.order, ...`, for messages listing what there is.
    public static var knownNames: String {
        known.map(\.name).joined(separator: ", ")
    }
}
