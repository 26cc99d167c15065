/// What the host is running: a `kassa.*` function with an effect (one that needs a
/// `PluginPermission`) asks the innermost phase whether it may have it.
enum ScriptPhase {
    /// A plugin's top-level chunk: never any effect.
    case loading
    /// A filter's `match`: read-only.
    case filter(String)
    /// A template's `render`: read-only.
    case template(String)
    /// A menu or function (`kassa.menu`, `kassa.func`): the plugin's granted effects.
    case action(String)
    /// A handler of an event (`kassa.on`): the plugin's granted effects.
    case event(String)
    /// A script run by `kassa run`: the effects the command line allows.
    case script(allowed: Set<String>)
}
