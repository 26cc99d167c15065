import KassaCore

/// The `kassa` Lua API as data: the one source the binding is checked against and from which
/// the plugin author's reference (Markdown) and the editor stubs (LuaLS `---@meta`) are generated.
public enum LuaAPIReference {
    /// A field of a table argument, or of a customer record.
    public struct Field: Sendable, Hashable {
        public var name: String
        /// A LuaLS type: `string`, `integer`, `fun(c: kassa.Customer): boolean`, …
        public var type: String
        public var optional: Bool
        public var summary: String

        init(_ name: String, _ type: String, optional: Bool = false, _ summary: String) {
            self.name = name
            self.type = type
            self.optional = optional
            self.summary = summary
        }
    }

    /// A function of the `kassa` table.
    public struct Function: Sendable, Hashable {
        /// `kassa.filter`.
        public var name: String
        public var summary: String
        /// Positional parameters (`name`, LuaLS type, summary); a single table parameter is described by `tableFields`.
        public var parameters: [Field]
        /// The LuaLS class of a table parameter and its fields, when the function takes one.
        public var tableClass: String?
        public var tableFields: [Field]
        public var returns: String?
        public var example: String
        /// The `PluginPermission` the function needs, when it has an effect outside the script.
        public var permission: String?

        init(_ name: String, _ summary: String, parameters: [Field] = [], tableClass: String? = nil,
             tableFields: [Field] = [], returns: String? = nil, permission: String? = nil, example: String) {
            self.name = name
            self.summary = summary
            self.parameters = parameters
            self.tableClass = tableClass
            self.tableFields = tableFields
            self.returns = returns
            self.permission = permission
            self.example = example
        }
    }

    /// The permission each effectful function needs, by function name: the binding guards
    /// exactly these.
    static let permissions: [String: String] = Dictionary(
        uniqueKeysWithValues: functions.compactMap { function in function.permission.map { (function.name, $0) } })

    /// The LuaLS class of a criteria table.
    static let criteriaClass = "kassa.Criteria"

    /// The keys of a criteria table: one per `SelectionCriterion`, and `params`.
    static let criteriaFields: [Field] = SelectionCriterion.all.map { criterion in
        let type = switch criterion.valueType {
        case .flag: "boolean"
        case let valueType where valueType.isList: "string|string[]"
        default: "string"
        }
        let placeholder = criterion.valueType.placeholder
        let format = placeholder.contains("|") || placeholder.isEmpty || criterion.valueType.isList ? "" : " `\(placeholder)`."
        return Field(criterion.name, type, optional: true, criterion.fullHelp() + format)
    } + [Field(KassaAPI.filterParametersKey, "table<string, string|number|boolean>", optional: true,
               "The parameters of the custom filter `filter`, by name.")]

    static let parameterTypes = #"table<string, "string"|"number"|"integer"|"boolean"|"date">"#

    /// Every function of the `kassa` table, in the order the reference shows them.
    public static let functions: [Function] = [
        Function(
            "kassa.plugin", "Declares the plugin: its name, version, the API it was written for and the permissions it asks for. Optional; without it the plugin is named after its file.",
            tableClass: "kassa.PluginManifest",
            tableFields: [
                Field("name", "string", "Unique plugin name, e.g. `acme-filters`."),
                Field("version", "string", "The plugin's version, e.g. `1.0.0`."),
                Field("api", "integer", optional: true, "The plugin API it was written for; this Kassa provides 1."),
                Field("permissions", "string[]", optional: true, "Permissions asked for, e.g. `{ \"cards.order\" }` (see Permissions); an unknown name stops the plugin at load."),
            ],
            example: #"kassa.plugin { name = "acme-filters", version = "1.0.0", api = 1 }"#),
        Function(
            "kassa.filter", "Registers a custom customer filter. Kassa runs it only on the customers its built-in criteria already chose; `kassa select --filter NAME --param KEY=VALUE` uses it.",
            tableClass: "kassa.FilterSpec",
            tableFields: [
                Field("name", "string", "The name used by `--filter`."),
                Field("description", "string", optional: true, "One line for listings."),
                Field("params", parameterTypes, optional: true, "Declared parameters and their types; values arrive checked and converted."),
                Field("match", "fun(c: kassa.Customer, p: table): boolean|nil", "Returns true for customers to keep, false or nil for the others; any other value (`return c.points`) is an error naming the filter and its line. Read-only: no effects."),
            ],
            example: """
                kassa.filter { name = "volvo_owners", params = { brand = "string" },
                               match = function(c, p) return c:owns(p.brand) end }
                """),
        Function(
            "kassa.template", "Registers a message template: placeholder text (`#FORNAMN#`) or a render function.",
            tableClass: "kassa.TemplateSpec",
            tableFields: [
                Field("name", "string", "The name used by `--template`."),
                Field("channel", #""sms"|"email""#, "What the template is written for."),
                Field("text", "string", optional: true, "Text with placeholders (docs/placeholders.md); `#FORNAMN|kund#` gives a fallback."),
                Field("subject", "string", optional: true, "E-mail subject with placeholders; also used with `render`."),
                Field("html", "string", optional: true, "E-mail HTML body with placeholders; inserted values are HTML-escaped."),
                Field("fallbacks", "table<string, string>", optional: true,
                      "Default fallbacks by placeholder, `{ FORNAMN = \"kund\" }`, for customers lacking a value."),
                Field("render", "fun(c: kassa.Customer, ctx: { shop: string, today: string, channel: string, language: string }): string|{ text?: string, subject?: string, html?: string }", optional: true,
                      "Computes the message instead of `text`/`html`; `ctx` is shared by every customer of a run, so treat it as read-only. What it returns is sent as it is: placeholders are not filled in, and a message containing one (`#FORNAMN#`, `<NUMFACT>`) fails for that customer, naming it. Read-only: no effects. The `subject` placeholders are checked when the plugin loads."),
            ],
            example: #"kassa.template { name = "birthday", channel = "sms", text = "Hej #FORNAMN|kund#!" }"#),
        Function(
            "kassa.menu", "Registers a menu function, opened by the macro `##MENU#Name#`.",
            tableClass: "kassa.MenuSpec",
            tableFields: [
                Field("name", "string", "The menu name in macros: letters, digits and `_`."),
                Field("title", "string", optional: true, "What the user sees."),
                Field("params", parameterTypes, optional: true, "Input the menu needs."),
                Field("run", "fun(ctx: kassa.ActionContext)", "Does the work."),
            ],
            example: #"kassa.menu { name = "VipList", title = "VIP customers", run = function(ctx) ctx.say("Hello") end }"#),
        Function(
            "kassa.func", "Registers a function run by the macro `#CODE#` (PC-Kassa's `#KLUT#` opens the cash drawer).",
            tableClass: "kassa.FuncSpec",
            tableFields: [
                Field("code", "string", "The code in macros: letters, digits and `_`."),
                Field("title", "string", optional: true, "What the user sees."),
                Field("run", "fun(ctx: kassa.ActionContext)", "Does the work."),
            ],
            example: #"kassa.func { code = "KLUT", run = function(ctx) ctx.say("Drawer open") end }"#),
        Function(
            "kassa.button", "Puts a macro button on the board: pressing it runs its macro.",
            tableClass: "kassa.ButtonSpec",
            tableFields: [
                Field("label", "string", "The text on the button; `kassa press LABEL` presses it."),
                Field("macro", "string", "The macro string, e.g. `##MENU#UtskickUtskrift2#¤`."),
            ],
            example: ###"kassa.button { label = "SMS to VIPs", macro = "##MENU#UtskickUtskrift2#¤" }"###),
        Function(
            "kassa.on", "Runs a function after an event, once the fact is committed (see Events). An unknown event name stops the plugin at load, listing the known ones.",
            parameters: [
                Field("event", "kassa.EventName", "The event name, e.g. `card.ordered`."),
                Field("handler", "fun(event: table)", "Receives `{ name = ..., ...fields }`; runs sandboxed, with the plugin's permissions."),
            ],
            example: #"kassa.on("card.ordered", function(event) kassa.log(event.customer, event.card_number) end)"#),
        Function(
            "kassa.log", "Writes to the host's log (shown on stderr by the command line). `print` goes there too.",
            parameters: [Field("...", "any", "Values, joined with tabs.")],
            example: #"kassa.log("loaded", 3, "filters")"#),
        Function(
            "kassa.sms.analyze", "How a text goes out as SMS: GSM-7 or UCS-2, the exact segment count (160/153, 70/67; extension characters count twice) and the characters that force UCS-2.",
            parameters: [Field("text", "string", "The message as it will be sent (render templates first).")],
            returns: "{ encoding: \"GSM-7\"|\"UCS-2\", segments: integer, characters: integer, units: integer, per_segment: integer, line_breaks: boolean, non_gsm: string[], parts: string[] }",
            example: #"local sms = kassa.sms.analyze("Hej Åsa! 20 % på allt €") -- sms.segments == 1"#),
        Function(
            "kassa.customers.get", "One customer by number, as a plain table with the fields and methods of a customer record (yours to keep), or nil.",
            parameters: [Field("number", "string", "The customer number.")],
            returns: "kassa.Customer|nil",
            example: #"local c = kassa.customers.get("100001") if c then print(c.first_name, c:owns("Volvo")) end"#),
        Function(
            "kassa.customers.select", "An iterator over the customers matching criteria: the built-in selection criteria by name (the SELECTION options of the command line, with underscores for dashes), and a Lua filter with `filter` and `params`. A list criterion takes a string, comma-separated for several values, or a list of strings. Read in batches, never the whole register at once.",
            parameters: [Field("criteria", criteriaClass, optional: true, "E.g. `{ country = \"SE,NL\", points = \"500-\", has = { \"email\", \"mobile\" }, filter = \"lapsed\", params = { since = \"2026-01-01\" } }`.")],
            tableFields: criteriaFields,
            returns: "fun(): kassa.Customer|nil",
            example: #"for c in kassa.customers.select { country = "SE", consent = true } do print(c.number) end"#),
        Function(
            "kassa.customers.count", "How many customers match criteria (as for `kassa.customers.select`).",
            parameters: [Field("criteria", criteriaClass, optional: true, "The criteria, as for `kassa.customers.select`.")],
            returns: "integer",
            example: #"print(kassa.customers.count { has = { "mobile" }, purpose = "marketing" })"#),
        Function(
            "kassa.cards.order", "Orders a customer card through the order service, as `kassa cards order` does: checks the template and validity against `[cards]`, records the card on the customer, hands the order to the service, fires `card.ordered` and returns the order. A refusal (no order service, several templates and none chosen, a validity date in the past, …) is raised as an error saying what to change. Needs the permission `cards.order`.",
            tableClass: "kassa.CardOrderSpec",
            tableFields: [
                Field("number", "string", "The customer number."),
                Field("template", "string", optional: true, "The card template; needed when `[cards]` has several."),
                Field("valid_until", "string", optional: true, "The last day the card may be used, `YYYY-MM-DD`; needed when `validity_required`."),
                Field("comment", "string", optional: true, "A comment for the order service, e.g. `\"ship to the store\"`."),
            ],
            returns: "{ id: integer, card_number: string, customer_number: string, template: string, cost: string, valid_until?: string, order_date: string, dispatch_date: string, comment?: string, status: string, batch_id?: string, submitted_at?: string, locations?: string[] }",
            permission: "cards.order",
            example: #"local order = kassa.cards.order { number = "100001", template = "GOLD", comment = "ship to the store" } print(order.card_number, order.dispatch_date)"#),
    ]

    /// The fields of a customer record (`c` in filters and templates), read-only.
    public static let customerFields: [Field] = [
        Field("number", "string", "The customer number (not the phone)."),
        Field("first_name", "string", optional: true, "First name."),
        Field("last_name", "string", optional: true, "Last name."),
        Field("company", "string", optional: true, "Company name."),
        Field("is_company", "boolean", "Whether the customer is a company."),
        Field("email", "string", optional: true, "Main e-mail address."),
        Field("billing_email", "string", optional: true, "Billing (\"financial\" tab) e-mail address."),
        Field("contact_emails", "string[]", "Further contact addresses."),
        Field("mobile", "string", optional: true, "Mobile number in E.164, e.g. `+46701234567`."),
        Field("street", "string", optional: true, "Street address."),
        Field("postal_code", "string", optional: true, "Postal code as written in the country, e.g. `123 45`, `1234 AB`."),
        Field("city", "string", optional: true, "Locality."),
        Field("country", "string", optional: true, "ISO 3166-1 alpha-2 code, e.g. `SE`."),
        Field("family", "string", optional: true, "Customer family or group."),
        Field("type", "string", optional: true, "Customer type."),
        Field("category", "string", optional: true, "Category."),
        Field("points", "integer", "Loyalty points not yet paid out."),
        Field("turnover_group", "string", optional: true, "Turnover group (\"omzetgroep\")."),
        Field("newsletter", "boolean", "Consent to marketing mail and SMS."),
        Field("newsletter_at", "string", optional: true, "When consent was given, ISO 8601."),
        Field("receives_status_mails", "boolean", "Whether order status mails go to this customer."),
        Field("last_visit", "string", optional: true, "Last visit as `YYYY-MM-DD`."),
        Field("vehicles", "{ type?: string, brand?: string, model?: string, plate?: string }[]", "Vehicles the customer owns."),
        Field("cards", "{ number: string, template?: string, valid_until?: string, status: string, ordered_on?: string, dispatch_on?: string, cost?: string, programmes: { kind: \"bonus_article\"|\"discount\"|\"voucher\", name: string, details?: string, article?: string, percent?: integer, amount?: string }[] }[]",
              "Customer cards; a card ordered through Kassa has its order day, dispatch day and cost (`\"4.90\"`), and the loyalty programmes attached to it."),
        Field("attrs", "table<string, string>", "Custom attributes, e.g. `c.attrs.shoe_size`."),
    ]

    /// Methods of a customer record.
    public static let customerMethods: [Function] = [
        Function("owns", "Whether the customer owns a vehicle of `brand` (and `model`), ignoring case (Unicode: `ŠKODA` is `Škoda`) but not accents, as the criterion `vehicle_brand` with `ignore_case` does.",
                 parameters: [Field("brand", "string", "The brand."), Field("model", "string", optional: true, "The model.")],
                 returns: "boolean", example: #"c:owns("Volvo", "V70")"#),
        Function("has", "Whether a field has a value: a non-empty text, a list with entries (`vehicles`, `cards`, `contact_emails`, `attrs`), any number or boolean.",
                 parameters: [Field("field", "string", "A field name such as `email`.")],
                 returns: "boolean", example: #"c:has("vehicles")"#),
        Function("attr", "A custom attribute, or `default` when it is missing.",
                 parameters: [Field("key", "string", "The attribute."), Field("default", "any", optional: true, "The fallback.")],
                 returns: "string|any", example: #"c:attr("shoe_size", "?")"#),
    ]

    /// Fields of the `ctx` table a menu or function receives.
    public static let actionContextFields: [Field] = [
        Field("params", "table<string, string>", "The values given with `--param KEY=VALUE`."),
        Field("say", "fun(text: string)", "Shows a line to the user who pressed the button."),
    ]
}
