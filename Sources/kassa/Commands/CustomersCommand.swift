import ArgumentParser

/// `kassa customers import|export`
struct CustomersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Import and export the customer register as CSV.",
        subcommands: [CustomersImportCommand.self, CustomersExportCommand.self]
    )
}
