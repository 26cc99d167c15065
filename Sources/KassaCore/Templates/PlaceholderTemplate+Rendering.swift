extension PlaceholderTemplate {
    /// `PlaceholderField` without payloads: what the render loop switches on.
    enum ValueSource: UInt8, Sendable {
        case number, firstName, lastName, fullName, company, email, billingEmail, mobile, street, postalCode
        case city, country, family, type, category, points, turnoverGroup, lastVisit
        case vehicleType, vehicleBrand, vehicleModel, vehiclePlate, cardNumber, attribute
        case shopName, today, invoiceNumber, invoiceDate, companyName, contextValue

        init(_ field: PlaceholderField) {
            self = switch field {
            case .number: .number
            case .firstName: .firstName
            case .lastName: .lastName
            case .fullName: .fullName
            case .company: .company
            case .email: .email
            case .billingEmail: .billingEmail
            case .mobile: .mobile
            case .street: .street
            case .postalCode: .postalCode
            case .city: .city
            case .country: .country
            case .family: .family
            case .type: .type
            case .category: .category
            case .points: .points
            case .turnoverGroup: .turnoverGroup
            case .lastVisit: .lastVisit
            case .vehicleType: .vehicleType
            case .vehicleBrand: .vehicleBrand
            case .vehicleModel: .vehicleModel
            case .vehiclePlate: .vehiclePlate
            case .cardNumber: .cardNumber
            case .attribute: .attribute
            case .shopName: .shopName
            case .today: .today
            case .invoiceNumber: .invoiceNumber
            case .invoiceDate: .invoiceDate
            case .companyName: .companyName
            case .contextValue: .contextValue
            }
        }
    }

    /// Messages up to this many bytes are assembled on the stack.
    private static var stackCapacity: Int { 1024 }

    /// The message for `customer`.
    ///
    /// - Throws: `TemplateError` (`.missingValue`) naming the customer, the token and the
    ///   template when the customer lacks a value the template has no fallback for.
    public func render(_ customer: Customer, context: RenderContext) throws(TemplateError) -> String {
        var missing: Int?
        let message: String
        if estimatedByteCount <= Self.stackCapacity {
            message = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.stackCapacity) { storage in
                var buffer = RenderBuffer(borrowing: storage)
                missing = write(customer, context: context, to: &buffer)
                return missing == nil ? buffer.makeString() : ""
            }
        } else {
            var buffer = RenderBuffer(capacity: estimatedByteCount + estimatedByteCount / 2)
            missing = write(customer, context: context, to: &buffer)
            message = missing == nil ? buffer.makeString() : ""
        }
        if let missing { throw missingValue(at: missing, customer: customer, context: context) }
        return message
    }

    /// Writes the message; returns the index of the first token whose value is missing and
    /// that has no fallback, or `nil` when the message is complete.
    private func write(_ customer: Customer, context: RenderContext, to buffer: inout RenderBuffer) -> Int? {
        buffer.append(literals[0])
        for index in sources.indices {
            if !appendValue(at: index, for: customer, context: context, to: &buffer) {
                guard let fallback = fallbacks[index] else { return index }
                buffer.append(fallback)
            }
            buffer.append(literals[index + 1])
        }
        return nil
    }

    /// Appends the value of token `index`; `false`, having appended nothing, when it is missing.
    @inline(__always)
    private func appendValue(at index: Int, for customer: Customer, context: RenderContext, to buffer: inout RenderBuffer) -> Bool {
        switch sources[index] {
        case .number: return appendText(customer.number, to: &buffer)
        case .firstName: return appendText(customer.firstName, to: &buffer)
        case .lastName: return appendText(customer.lastName, to: &buffer)
        case .fullName: return appendFullName(of: customer, to: &buffer)
        case .company: return appendText(customer.company, to: &buffer)
        case .email: return appendText(customer.email, to: &buffer)
        case .billingEmail: return appendText(customer.billingEmail, to: &buffer)
        case .mobile: return appendText(customer.mobile, to: &buffer)
        case .street: return appendText(customer.street, to: &buffer)
        case .postalCode: return appendText(customer.postalCode, to: &buffer)
        case .city: return appendText(customer.city, to: &buffer)
        case .country: return appendText(customer.country, to: &buffer)
        case .family: return appendText(customer.family, to: &buffer)
        case .type: return appendText(customer.type, to: &buffer)
        case .category: return appendText(customer.category, to: &buffer)
        case .points:
            // Digits and "-" need no escaping.
            buffer.appendDecimal(customer.points)
            return true
        case .turnoverGroup: return appendText(customer.turnoverGroup, to: &buffer)
        case .lastVisit: return appendDate(customer.lastVisit, context: context, to: &buffer)
        case .vehicleType: return appendText(customer.vehicles.first?.type, to: &buffer)
        case .vehicleBrand: return appendText(customer.vehicles.first?.brand, to: &buffer)
        case .vehicleModel: return appendText(customer.vehicles.first?.model, to: &buffer)
        case .vehiclePlate: return appendText(customer.vehicles.first?.plate, to: &buffer)
        case .cardNumber: return appendText(customer.cards.first?.number, to: &buffer)
        case .attribute: return appendText(Self.attribute(keys[index], of: customer), to: &buffer)
        case .shopName: return appendText(context.shopName, to: &buffer)
        case .today: return appendDate(context.today, context: context, to: &buffer)
        case .invoiceNumber: return appendText(context.invoiceNumber, to: &buffer)
        case .invoiceDate: return appendDate(context.invoiceDate, context: context, to: &buffer)
        case .companyName: return appendText(context.companyName, to: &buffer) || appendText(context.shopName, to: &buffer)
        case .contextValue:
            guard let value = context.values[keys[index]] else { return false }
            if case .text(let text) = value { return appendText(text, to: &buffer) }
            // Numbers, dates and amounts are digits and separators: nothing to escape.
            context.locale.write(value, to: &buffer)
            return true
        }
    }

    @inline(__always)
    private func appendText(_ text: String?, to buffer: inout RenderBuffer) -> Bool {
        guard let text, !Self.isBlank(text) else { return false }
        if format == .html {
            buffer.appendHTMLEscaped(text)
        } else {
            buffer.append(text)
        }
        return true
    }

    private func appendDate(_ date: CalendarDate?, context: RenderContext, to buffer: inout RenderBuffer) -> Bool {
        guard let date else { return false }
        context.locale.write(date, to: &buffer)
        return true
    }

    /// "First Last"; the company for a company, or when both names are missing.
    private func appendFullName(of customer: Customer, to buffer: inout RenderBuffer) -> Bool {
        if customer.isCompany, appendText(customer.company, to: &buffer) { return true }
        let hasFirst = appendText(customer.firstName, to: &buffer)
        if let lastName = customer.lastName, !Self.isBlank(lastName) {
            if hasFirst { buffer.append(UInt8(ascii: " ")) }
            return appendText(lastName, to: &buffer)
        }
        return hasFirst || appendText(customer.company, to: &buffer)
    }

    /// The attribute `key`, matched exactly, else ignoring case (keys come from CSV headers
    /// and Lua, written by different hands).
    private static func attribute(_ key: String, of customer: Customer) -> String? {
        if let value = customer.attributes[key] { return value }
        let lowered = key.lowercased()
        // Sorted, so that with two keys differing only in case the same one always wins.
        return customer.attributes.keys.sorted().first { $0.lowercased() == lowered }.flatMap { customer.attributes[$0] }
    }

    /// Empty or only white space: as good as missing ("Hej  !" is not a greeting).
    @inline(__always)
    private static func isBlank(_ text: String) -> Bool {
        // The first byte settles it for nearly every real value.
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            default: return byte < 0x80 ? false : text.allSatisfy(\.isWhitespace)
            }
        }
        return true
    }

    private func missingValue(at index: Int, customer: Customer, context: RenderContext) -> TemplateError {
        let use = placeholders[index]
        let field = use.placeholder.field
        let valueDescription = field == .attribute ? "attribute \(TemplateError.quoted(use.attributeKey ?? ""))" : field.valueDescription
        // Only the #NAME# style has an inline fallback to show.
        let example = use.written.hasPrefix("#") ? "#\(use.name)|\(context.locale.customerWord)#" : nil
        return TemplateError(.missingValue(valueDescription: valueDescription, fromContext: field.comesFromContext, example: example),
                             template: name, line: use.line, column: use.column, token: use.written, customer: customer.number)
    }
}
