import Foundation
import KassaCore
import Lua

/// The effectful `kassa.*` functions (those with a permission in `LuaAPIReference`) run only
/// where the innermost `ScriptPhase` allows: never while a plugin loads, never in a filter or
/// a template, in menus, functions and event handlers when the plugin's manifest asks for
/// the permission and `kassa.toml` grants it, in `kassa run` scripts when `--allow` gives it.
extension KassaAPI {
    /// `body`, refused with a sentence naming the plugin, the function and what is missing
    /// unless the running code may have the effect `permission` stands for.
    func guarded(_ function: String, permission: String,
                 _ body: @escaping ([LuaValue]) throws -> [LuaValue]) -> ([LuaValue]) throws -> [LuaValue] {
        { arguments in
            try checkEffect(function, permission: permission)
            return try body(arguments)
        }
    }

    private func checkEffect(_ function: String, permission: String) throws {
        let plugin = "plugin \"\(session.pluginName)\" may not call \(function)"
        switch host.phases.last {
        case .loading:
            // Recorded, so the plugin fails even if it catches the error: it tried to have an effect.
            throw refuse(PluginError(.load, "\(plugin) while it loads: loading a plugin never has effects; call it from a menu, a function or an event handler"))
        case nil:
            throw LuaRaise("\(plugin) here: effects happen only in menus, functions and event handlers")
        case .filter(let name):
            throw LuaRaise("\(plugin) in the filter \"\(name)\": filters and templates are read-only, whatever the plugin is granted")
        case .template(let name):
            throw LuaRaise("\(plugin) in the template \"\(name)\": filters and templates are read-only, whatever the plugin is granted")
        case .script(let allowed):
            guard allowed.contains(permission) else {
                let file = (session.path as NSString).lastPathComponent
                throw LuaRaise("the script \"\(file)\" may not call \(function): run it with kassa run --allow \(permission)")
            }
        case .action, .event:
            let asked = session.manifest?.permissions.contains(permission) ?? false
            let granted = host.grants[session.pluginName]?.contains(permission) ?? false
            if asked && granted { return }
            let manifest = "the permission \"\(permission)\" in its manifest (kassa.plugin { permissions = { \"\(permission)\" } })"
            let grant = "the shop's grant: allow = [\"\(permission)\"] under \(Self.grantSection(for: session.pluginName)) in kassa.toml"
            switch (asked, granted) {
            case (false, false): throw LuaRaise("\(plugin): it needs \(manifest) and \(grant)")
            case (false, true): throw LuaRaise("\(plugin): it needs \(manifest); the shop grants it")
            default: throw LuaRaise("\(plugin): it needs \(grant); its manifest asks for it")
            }
        }
    }

    /// How a plugin's grant is headed in `kassa.toml`: `[plugins.acme]`, or `[plugins."a.b"]`
    /// for a name that is not a bare TOML key.
    static func grantSection(for plugin: String) -> String {
        let isBare = !plugin.isEmpty && plugin.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-")
        }
        if isBare { return "[plugins.\(plugin)]" }
        let escaped = plugin.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "[plugins.\"\(escaped)\"]"
    }
}
