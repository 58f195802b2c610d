import Foundation

/// The JSON Schema (draft 2020-12) of `seminar.json` or of a talk file, made from the
/// fields the loader reads through (`TalkFileFields`, `SeminarFileFields`), for editors
/// that complete keys and flag wrong values while typing. `seminar schema` prints it.
///
/// A member that is `null` counts as absent for the loader, so optional members accept
/// `null`. Everything the loader accepts, the schema accepts; the schema refuses what the
/// loader refuses for a type, a required member, an unknown key, a choice, a pattern or a
/// range, but not what needs more than a schema can know (an existing date or time zone,
/// the file's folder, duplicate keys, the other files of the archive).
public enum ArchiveSchema {
    public enum Kind: String, CaseIterable, Sendable {
        case seminar, talk
    }

    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// The schema as pretty-printed JSON with sorted keys: the same bytes on every run.
    public static func json(for kind: Kind) -> Data {
        prettyJSON(document(for: kind))
    }

    /// The schema as a JSON object.
    public static func document(for kind: Kind) -> [String: Any] {
        let (fields, title, description): ([ArchiveField], String, String) = switch kind {
        case .seminar:
            (SeminarFileFields.all, "seminar.json",
             "The seminar's settings: archive/seminar.json of a seminar archive.")
        case .talk:
            (TalkFileFields.all, "A talk file",
             "One talk of a seminar archive: archive/YEAR/….json. The file name is for people; the id identifies the talk.")
        }
        var root = object(fields, nullable: false)
        root["$schema"] = dialect
        root["title"] = title
        root["description"] = description
        root["$defs"] = [
            // Every string the loader reads: not blank, and no character XML 1.0 forbids.
            // (`pattern` passes what is not a string, such as an optional member's null:
            // the `not` names the type so that it refuses strings only.)
            "text": [
                "pattern": ArchivePatterns.notBlank,
                "not": ["type": "string", "pattern": ArchivePatterns.forbiddenCharacter],
            ] as [String: Any],
        ]
        return root
    }

    /// The largest number the loader reads as a whole number (see `FileReport.int`).
    static let largestWholeNumber = 999_999_999_999_999

    private static func object(_ fields: [ArchiveField], nullable: Bool) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in fields {
            var property = schema(of: field.value, nullable: !field.isRequired)
            property["description"] = field.meaning
            properties[field.name] = property
        }
        return [
            "type": type("object", nullable: nullable),
            "properties": properties,
            "required": fields.filter(\.isRequired).map(\.name),
            "additionalProperties": false,
        ]
    }

    private static func schema(of value: ArchiveValue, nullable: Bool) -> [String: Any] {
        switch value {
        case .string(let shape):
            var s: [String: Any] = ["type": type("string", nullable: nullable), "$ref": "#/$defs/text"]
            if let pattern = shape.pattern { s["pattern"] = pattern }
            if let choices = shape.choices { s["enum"] = choices + (nullable ? [NSNull()] : []) }
            if let format = shape.format { s["format"] = format }
            if !shape.examples.isEmpty { s["examples"] = shape.examples }
            return s
        case let .integer(minimum, maximum):
            return ["type": type("integer", nullable: nullable), "minimum": minimum, "maximum": maximum ?? largestWholeNumber]
        case .boolean:
            return ["type": type("boolean", nullable: nullable)]
        case let .list(element, atLeastOne):
            var s: [String: Any] = ["type": type("array", nullable: nullable), "items": schema(of: element, nullable: false)]
            if atLeastOne != nil { s["minItems"] = 1 }
            return s
        case .object(let fields):
            return object(fields, nullable: nullable)
        }
    }

    private static func type(_ name: String, nullable: Bool) -> Any {
        nullable ? [name, "null"] : name
    }
}
