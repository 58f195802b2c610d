import LaTeX

/// Where in a JSON file a problem is, before it is turned into line:column.
enum Anchor {
    /// The first byte of the value at a path (for an object, its `{`).
    case value([JSONPathComponent])
    /// The opening quote of a member's key.
    case key([JSONPathComponent])
    /// One scalar of a decoded string value, mapped back through its escapes.
    case scalar([JSONPathComponent], Int)
    case byteOffset(Int)
    case fileStart
}

/// Collects the problems of one file. Positions are computed when a problem is
/// reported, never on the happy path.
struct FileReport {
    /// The file; `readJSON` keeps the document read from it here.
    var source: JSONSourceFile
    /// The problems admitted by `budget`, located.
    private var reported: [Diagnostic] = []
    private var budget = DiagnosticBudget()
    /// Every problem reported, and a note per kind for those beyond the budget.
    var diagnostics: [Diagnostic] { reported + budget.notes(after: reported) }

    init(source: JSONSourceFile) { self.source = source }

    /// Every error, those beyond the budget included: whether a value loaded depends on it.
    private(set) var errorCount = 0
    var hasErrors: Bool { errorCount > 0 }

    /// `notesHere` are notes at places of this same file, placed only when the problem is
    /// shown: a file may repeat a mistake thousands of times, and placing a note scans the
    /// file up to it.
    mutating func error(_ code: String, _ message: String, at anchor: Anchor, fix: String? = nil,
                        notes: [Diagnostic.Note] = [], notesHere: [(message: String, anchor: Anchor)] = []) {
        report(.error, code, message, at: anchor, fix: fix, notes: notes, notesHere: notesHere)
    }

    mutating func warning(_ code: String, _ message: String, at anchor: Anchor, fix: String? = nil,
                          notes: [Diagnostic.Note] = []) {
        report(.warning, code, message, at: anchor, fix: fix, notes: notes)
    }

    mutating func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, at anchor: Anchor,
                         fix: String? = nil, notes: [Diagnostic.Note] = [],
                         notesHere: [(message: String, anchor: Anchor)] = []) {
        if severity == .error { errorCount += 1 }
        guard budget.admits(code) else { return }
        let location = locate(anchor)
        reported.append(Diagnostic(severity, code: code, message: message, fix: fix, location: location,
                                      excerpt: source.excerpt(line: location.line),
                                      notes: notes + notesHere.map { note($0.message, at: $0.anchor) }))
    }

    mutating func append(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { errorCount += 1 }
        if budget.admits(diagnostic.code) { reported.append(diagnostic) }
    }

    /// A note at `anchor` in this report's file, with its source line: for a diagnostic
    /// of this file or of another that points here.
    func note(_ message: String, at anchor: Anchor) -> Diagnostic.Note {
        let location = locate(anchor)
        return Diagnostic.Note(message: message, location: location, excerpt: source.excerpt(line: location.line))
    }

    /// Falls back to coarser positions rather than losing the diagnostic.
    func locate(_ anchor: Anchor) -> FileLocation {
        switch anchor {
        case .value(let path):
            return source.location(of: path) ?? parentLocation(path)
        case .key(let path):
            return source.locationOfKey(path) ?? source.location(of: path) ?? parentLocation(path)
        case .scalar(let path, let offset):
            return source.location(inStringAt: path, scalarOffset: offset) ?? source.location(of: path) ?? parentLocation(path)
        case .byteOffset(let offset):
            return source.location(atByteOffset: offset)
        case .fileStart:
            return source.startLocation
        }
    }

    private func parentLocation(_ path: [JSONPathComponent]) -> FileLocation {
        var p = path
        while !p.isEmpty {
            p.removeLast()
            if let l = source.location(of: p) { return l }
        }
        return source.startLocation
    }
}

// MARK: - Reading typed values out of the document

/// An object of a JSON document, with its path for diagnostics.
struct JSONObject {
    let members: [JSONMember]
    let path: [JSONPathComponent]

    func path(_ key: String) -> [JSONPathComponent] { path + [.key(key)] }
    func has(_ key: String) -> Bool { self[key] != nil }
    /// The member's value; nil when absent or null (null counts as absent).
    subscript(key: String) -> JSONValue? {
        guard let member = members.first(where: { $0.name == key }), !member.value.isNull else { return nil }
        return member.value
    }
}

extension FileReport {
    /// The value as an object, or a `wrong-type` diagnostic.
    mutating func object(_ value: JSONValue, at path: [JSONPathComponent]) -> JSONObject? {
        guard case let .object(members) = value.content else {
            let what = path.isEmpty ? "the file" : "`\(path.displayName)`"
            error("wrong-type", "\(what) must be an object, not \(value.typeName)", at: .value(path))
            return nil
        }
        return JSONObject(members: members, path: path)
    }

    /// Reports every key that is not in `allowed`, with a suggestion when one is close.
    mutating func checkKeys(_ object: JSONObject, allowed: [String]) {
        // The happy path only looks keys up; sorting (for a stable report) waits for a problem.
        guard !object.members.allSatisfy({ allowed.contains($0.name) }) else { return }
        for key in object.members.map(\.name).sorted() where !allowed.contains(key) {
            let suggestion = closestMatch(to: key, among: allowed)
            error("unknown-key", "unknown key `\(key)`", at: .key(object.path(key)),
                  fix: suggestion.map { "did you mean `\($0)`?" })
        }
    }

    /// Reports `missing-field` at the object's `{` when a required member is absent.
    mutating func require(_ object: JSONObject, _ key: String) -> JSONValue? {
        guard let value = object[key] else {
            error("missing-field", "missing required field `\(key)`", at: .value(object.path))
            return nil
        }
        return value
    }

    /// A string member. Absent (or null) optional members give nil silently. Every string is
    /// checked for characters XML 1.0 forbids, since any of them may end up in a feed.
    mutating func string(_ object: JSONObject, _ key: String, required: Bool = true, allowEmpty: Bool = false) -> String? {
        guard let value = member(object, key, required: required) else { return nil }
        return string(value, at: object.path(key), allowEmpty: allowEmpty)
    }

    /// A required member, or an optional one that may be absent.
    mutating func member(_ object: JSONObject, _ key: String, required: Bool) -> JSONValue? {
        required ? require(object, key) : object[key]
    }

    /// `path` is only built when there is a problem to report: every string of every file
    /// comes through here.
    mutating func string(_ value: JSONValue, at makePath: @autoclosure () -> [JSONPathComponent], allowEmpty: Bool = false) -> String? {
        guard case let .string(s, hasCharacterXMLForbids) = value.content else {
            let path = makePath()
            error("wrong-type", "`\(path.displayName)` must be a string, not \(value.typeName)", at: .value(path))
            return nil
        }
        if hasCharacterXMLForbids, let (offset, scalar) = firstForbiddenScalar(s) {
            let path = makePath()
            error("forbidden-character",
                  "`\(path.displayName)` contains \(scalarName(scalar)), a character XML 1.0 forbids",
                  at: .scalar(path, offset))
            return nil
        }
        if !allowEmpty, isBlank(s) {
            let path = makePath()
            error("empty-field", "`\(path.displayName)` must not be empty", at: .value(path))
            return nil
        }
        return s
    }

    /// A string member shown on one line: a name, a title, a room. A line break, a tab or
    /// an invisible bidirectional control in it is a warning, not an error: such a talk
    /// renders as written, only not as meant, and frozen years must still load.
    mutating func oneLineString(_ object: JSONObject, _ key: String, required: Bool = true) -> String? {
        guard let s = string(object, key, required: required) else { return nil }
        for (offset, scalar) in scalarsOutOfOneLine(s) {
            let path = object.path(key)
            if isOneLineBreak(scalar) {
                warning("one-line-field", "`\(path.displayName)` is a one-line field but holds \(oneLineScalarDescription(scalar))",
                        at: .scalar(path, offset), fix: "replace it with a space")
            } else {
                warning("invisible-character",
                        "`\(path.displayName)` holds \(oneLineScalarDescription(scalar)), an invisible control that changes how the text around it is shown",
                        at: .scalar(path, offset), fix: "remove it")
            }
        }
        return s
    }

    mutating func int(_ object: JSONObject, _ key: String, required: Bool = true) -> Int? {
        guard let value = member(object, key, required: required) else { return nil }
        // Whole numbers only; 60.0 is accepted because JSON does not tell them apart.
        if case let .number(d) = value.content, d.rounded() == d, abs(d) < 1e15 { return Int(d) }
        let path = object.path(key)
        var what = value.typeName
        if case let .number(d) = value.content {
            what = d.rounded() == d ? "a number this large" : "a fractional number"
        }
        error("wrong-type", "`\(path.displayName)` must be a whole number, not \(what)", at: .value(path))
        return nil
    }

    mutating func bool(_ object: JSONObject, _ key: String, required: Bool = true) -> Bool? {
        member(object, key, required: required, mustBe: "true or false", \.bool)
    }

    mutating func array(_ object: JSONObject, _ key: String, required: Bool = true) -> [JSONValue]? {
        member(object, key, required: required, mustBe: "an array", \.array)
    }

    /// A member of one JSON type (`typed` gives it, or nil for another type), or a
    /// `wrong-type` diagnostic saying what it must be.
    private mutating func member<T>(
        _ object: JSONObject, _ key: String, required: Bool, mustBe what: String, _ typed: (JSONValue) -> T?
    ) -> T? {
        guard let value = member(object, key, required: required) else { return nil }
        guard let result = typed(value) else {
            let path = object.path(key)
            error("wrong-type", "`\(path.displayName)` must be \(what), not \(value.typeName)", at: .value(path))
            return nil
        }
        return result
    }

    /// An absolute http(s) URL member; anything else (`javascript:`, `data:`, relative
    /// paths) is refused so that it can never reach a feed.
    mutating func url(_ object: JSONObject, _ key: String, required: Bool = true) -> String? {
        guard let s = string(object, key, required: required) else { return nil }
        guard URLRule.isWebURL(s) else {
            error("invalid-url", "`\(object.path(key).displayName)` is not an absolute http or https URL: `\(s)`",
                  at: .value(object.path(key)))
            return nil
        }
        return s
    }

    /// A person object: `{name, affiliation?, url?}`, plus `email?` for the contact
    /// (`PersonFields`).
    mutating func person(_ value: JSONValue, at path: [JSONPathComponent], fields: [ArchiveField]) -> Person? {
        guard let object = object(value, at: path) else { return nil }
        checkKeys(object, allowed: fields)
        let errorsBefore = errorCount
        let name = oneLineString(object, PersonFields.name)
        let affiliation = oneLineString(object, PersonFields.affiliation)
        let url = url(object, PersonFields.url)
        var email: String? = nil
        if fields.names.contains(PersonFields.email.name), let e = string(object, PersonFields.email) {
            if isEmailAddress(e) {
                email = e
            } else {
                error("invalid-email", "`\(object.path("email").displayName)` is not an email address: `\(e)`",
                      at: .value(object.path("email")))
            }
        }
        guard errorCount == errorsBefore, let name else { return nil }
        return Person(name: name, affiliation: affiliation, url: url, email: email)
    }
}

/// Empty or only white space. Most strings start with a letter, answered without a
/// Unicode property lookup. Public for the commands, which refuse a blank title or name
/// before writing anything.
public func isBlank(_ s: String) -> Bool {
    for scalar in s.unicodeScalars {
        if scalar.isASCII {
            if scalar != " " && scalar != "\t" && scalar != "\n" && scalar != "\r" { return false }
        } else if !scalar.properties.isWhitespace {
            return false
        }
    }
    return true
}
