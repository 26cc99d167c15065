import ArgumentParser

/// `kassa mailing create|edit|list|show|preview`
struct MailingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailing",
        abstract: "Mass SMS and e-mail: save a mailing, change it, open it again, preview every message.",
        subcommands: [
            MailingCreateCommand.self, MailingEditCommand.self, MailingListCommand.self, MailingShowCommand.self,
            MailingPreviewCommand.self, MailingSendCommand.self, MailingStatusCommand.self, MailingStopCommand.self,
            MailingTestCommand.self,
        ]
    )
}
