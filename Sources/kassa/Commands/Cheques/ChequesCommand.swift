import ArgumentParser

/// `kassa cheques preview|issue|remaining|issued|mail`
struct ChequesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cheques",
        abstract: "Value cheques from loyalty points: preview, pay out with the voucher-service file, list what is left for the post.",
        discussion: "Every [cheques] points_per_cheque points are worth one cheque_value; a customer whose points are worth several cheques gets one cheque with the summed value, and the leftover points stay.",
        subcommands: [ChequesPreviewCommand.self, ChequesIssueCommand.self, ChequesRemainingCommand.self, ChequesIssuedCommand.self,
                      ChequesMailCommand.self]
    )
}
