import KassaCore

/// What one CSV column holds for a customer: a field, a vehicle detail, a custom attribute, or nothing.
///
/// Its text form is what `--map COLUMN=TARGET` takes and what export headers say: a
/// `Customer.Field` raw value (`number`, `first_name`, `points`…), `vehicle_type`,
/// `vehicle_brand`, `vehicle_model`, `vehicle_plate`, `attrs.KEY` for a custom attribute, or
/// `ignore`.
public enum CustomerColumn: Sendable, Hashable, CustomStringConvertible {
    /// A scalar customer field.
    case field(Customer.Field)
    /// A detail of the row's vehicle (one vehicle per row).
    case vehicle(VehicleField)
    /// A free-form attribute, `attributes[key]`.
    case attribute(String)
    /// A column that is not imported.
    case ignored

    /// The vehicle details a row can carry.
    public enum VehicleField: String, Sendable, CaseIterable {
        case type = "vehicle_type"
        case brand = "vehicle_brand"
        case model = "vehicle_model"
        case plate = "vehicle_plate"
    }

    /// The prefix of an attribute column's name in exports and mappings.
    public static let attributePrefix = "attrs."

    /// A target from its text form; `nil` when `text` names none (see the type's documentation).
    public init?(target text: String) {
        let trimmed = text.trimmingWhitespace()
        if let field = Customer.Field(rawValue: trimmed.lowercased()) {
            self = .field(field)
        } else if let vehicle = VehicleField(rawValue: trimmed.lowercased()) {
            self = .vehicle(vehicle)
        } else if trimmed.lowercased().hasPrefix(Self.attributePrefix), trimmed.count > Self.attributePrefix.count {
            self = .attribute(String(trimmed.dropFirst(Self.attributePrefix.count)))
        } else if ["ignore", "ignored", "-"].contains(trimmed.lowercased()) {
            self = .ignored
        } else {
            return nil
        }
    }

    /// The text form: `first_name`, `vehicle_plate`, `attrs.KEY`, `ignore`.
    public var description: String {
        switch self {
        case .field(let field): field.rawValue
        case .vehicle(let vehicle): vehicle.rawValue
        case .attribute(let key): Self.attributePrefix + key
        case .ignored: "ignore"
        }
    }

    /// Every target name a mapping may use, for help texts and error messages.
    public static var targetNames: [String] {
        Customer.Field.allCases.map(\.rawValue) + VehicleField.allCases.map(\.rawValue) + ["attrs.KEY", "ignore"]
    }
}
