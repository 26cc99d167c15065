import KassaCore

extension ChequeSettings {
    /// The keys of `[cheques]`.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("points_per_cheque", type: "whole number, at least 1", meaning: "Points that make one standard cheque; a customer's points worth several make one cheque of their summed value.",
                         default: .required("cheques"), example: "500"),
        ConfigurationKey("cheque_value", type: "amount above 0, at most two decimals", meaning: "What one standard cheque is worth, in [shop] currency.",
                         default: .required("cheques"), example: "5.00"),
    ]
}
