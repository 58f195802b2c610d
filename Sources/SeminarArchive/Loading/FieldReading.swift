// Reading a member through its field (see `ArchiveField`): the name and whether it is
// required come from the one description the JSON Schema is also made from.

extension FileReport {
    mutating func checkKeys(_ object: JSONObject, allowed fields: [ArchiveField]) {
        checkKeys(object, allowed: fields.names)
    }

    mutating func string(_ object: JSONObject, _ field: ArchiveField) -> String? {
        string(object, field.name, required: field.isRequired)
    }

    mutating func oneLineString(_ object: JSONObject, _ field: ArchiveField) -> String? {
        oneLineString(object, field.name, required: field.isRequired)
    }

    mutating func int(_ object: JSONObject, _ field: ArchiveField) -> Int? {
        int(object, field.name, required: field.isRequired)
    }

    mutating func bool(_ object: JSONObject, _ field: ArchiveField) -> Bool? {
        bool(object, field.name, required: field.isRequired)
    }

    /// A list member; one the field says must hold an item (`atLeastOne`) is refused empty.
    mutating func array(_ object: JSONObject, _ field: ArchiveField) -> [JSONValue]? {
        guard let values = array(object, field.name, required: field.isRequired) else { return nil }
        if case let .list(_, atLeastOne?) = field.value, values.isEmpty {
            let path = object.path(field.name)
            error("empty-field", "`\(path.displayName)` must list at least one \(atLeastOne)", at: .value(path))
            return nil
        }
        return values
    }

    mutating func url(_ object: JSONObject, _ field: ArchiveField) -> String? {
        url(object, field.name, required: field.isRequired)
    }

    mutating func require(_ object: JSONObject, _ field: ArchiveField) -> JSONValue? {
        member(object, field.name, required: field.isRequired)
    }

    /// A whole number in the field's range (`ArchiveValue.integer`), else `invalid-value`.
    mutating func integerInRange(_ object: JSONObject, _ field: ArchiveField, unit: String = "") -> Int? {
        guard let n = int(object, field), case let .integer(minimum, maximum) = field.value else { return nil }
        if n >= minimum, maximum.map({ n <= $0 }) ?? true { return n }
        let allowed = maximum.map { "between \(minimum) and \($0)\(unit)" } ?? "\(minimum) or more"
        error("invalid-value", "`\(object.path(field.name).displayName)` must be \(allowed), not \(n)", at: .value(object.path(field.name)))
        return nil
    }
}
