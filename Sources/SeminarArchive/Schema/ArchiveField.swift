/// One member of a JSON object of the archive (`seminar.json`, a talk file, a speaker, a
/// link): its name, what its value must be, whether it is required and what it means.
///
/// The loader reads every member through its field (`TalkReader`, `SeminarReader`), and
/// `seminar schema` prints the JSON Schema made from the same fields (`ArchiveSchema`):
/// a field added here is read by the loader and described to editors at once.
struct ArchiveField: Sendable {
    let name: String
    let value: ArchiveValue
    let isRequired: Bool
    /// The README's wording of the field (its reference tables), which editors show as the
    /// key's documentation.
    let meaning: String

    init(_ name: String, _ value: ArchiveValue, required: Bool, _ meaning: String) {
        self.name = name
        self.value = value
        self.isRequired = required
        self.meaning = meaning
    }
}

/// What a field's value must be. Every check the loader makes that a JSON Schema can say
/// (type, required member, unknown key, choice, pattern, range) is said here; the rest
/// (an existing time zone, a date that exists, the folder a talk is in) only the loader
/// checks.
indirect enum ArchiveValue: Sendable {
    /// A string that is not blank and holds no character XML 1.0 forbids (the loader
    /// refuses both in every string), with what further it must match.
    case string(StringShape)
    /// A whole number from `minimum`, up to `maximum` when there is one.
    case integer(minimum: Int, maximum: Int?)
    case boolean
    /// `atLeastOne`: what one item is called ("speaker"), when the list must hold one.
    case list(of: ArchiveValue, atLeastOne: String?)
    case object([ArchiveField])
}

/// The further rule for a string field.
struct StringShape: Sendable {
    /// An ECMA-262 regular expression (the dialect of JSON Schema) that every value the
    /// loader accepts matches; it may accept a few values the loader refuses when the
    /// exact rule is not a regular expression (an existing date, a known zone).
    var pattern: String?
    /// The only values allowed.
    var choices: [String]?
    /// A JSON Schema `format` annotation (`iri`: the loader takes non-ASCII addresses; `email`, `date-time`), for editors.
    var format: String?
    /// Examples shown by editors.
    var examples: [String] = []

    static let text = StringShape()

    static func matching(_ pattern: String, format: String? = nil, examples: [String] = []) -> StringShape {
        StringShape(pattern: pattern, format: format, examples: examples)
    }

    static func oneOf(_ choices: [String]) -> StringShape {
        StringShape(choices: choices)
    }
}

extension ArchiveValue {
    /// An absolute http or https URL (`URLRule.isWebURL`).
    static let webURL = ArchiveValue.string(.matching(ArchivePatterns.webURL, format: "iri", examples: ["https://example.org/talk"]))
}

extension Array where Element == ArchiveField {
    /// The names, for the unknown-key check.
    var names: [String] { map(\.name) }
}
