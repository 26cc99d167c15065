import ArgumentParser
import KassaCore

/// `kassa`: the command line of the Kassa scripting host.
@main
struct Kassa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kassa",
        abstract: "A scripting host for shop back-offices: Lua filters, templates and macro buttons.",
        version: KassaVersion.description,
        subcommands: [
            RunCommand.self,
            PluginsCommand.self,
            DemoCommand.self,
            CustomersCommand.self,
            SelectCommand.self,
            MarkCommand.self,
            UnmarkCommand.self,
            MarksCommand.self,
            MacroCommand.self,
            ButtonsCommand.self,
            PressCommand.self,
            SMSCommand.self,
            MailingCommand.self,
            ChequesCommand.self,
            CardsCommand.self,
            APIReferenceCommand.self,
        ]
    )
}
