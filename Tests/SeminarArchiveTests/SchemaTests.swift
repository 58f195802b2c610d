import FeedTestSupport
import Foundation
import Testing
@testable import SeminarArchive

/// `seminar schema`: the JSON Schema made from the fields the loader reads through, held to
/// the loader by Python's `jsonschema` (draft 2020-12, with format checks) on the shipped
/// files, the fixtures, and some two thousand variants of a full talk and a full seminar
/// made by walking the same field table: every member removed, nulled, given every wrong
/// type, every string field given every string of a pool of valid and invalid dates, URLs,
/// addresses, tags and ids, every number its bounds and beyond, unknown keys added.
@Suite struct SchemaTests {
    /// What the loader refuses for reasons no schema can know: the zone database, the
    /// clocks' changes, the folder the file is in.
    static let beyondSchema: Set<String> = ["unknown-timezone", "nonexistent-local-time", "ambiguous-local-time", "wrong-year-folder"]

    static var fullTalk: [String: Any] { [
        "id": "t1", "title": "A talk", "abstract": "Some $x$ text.", "status": "scheduled",
        "speakers": [["name": "Scott Pesme", "affiliation": "EPFL", "url": "https://people.epfl.ch/scott.pesme"]],
        "start": "2021-06-28T16:30", "timezone": "Europe/Zurich", "duration": 60,
        "meeting": "https://epfl.zoom.us/j/123", "privateMeeting": false, "location": "BC 420",
        "links": [["title": "Slides", "url": "https://example.org/slides.pdf"]], "sequence": 2,
        "published": "2021-06-21T08:00:00Z", "updated": "2021-06-21T08:00:00Z",
    ] }

    static var fullSeminar: [String: Any] { [
        "title": "Internal Seminar", "description": "Talks about $\\mathbb{R}$.",
        "homePage": "https://example.org/seminar", "feedsBaseURL": "https://example.org/seminar/feeds/",
        "language": "en", "timezone": "Europe/Zurich", "defaultStartTime": "16:30", "defaultDuration": 60,
        "contact": ["name": "Ada", "affiliation": "EPFL", "url": "https://example.org/ada", "email": "ada@example.org"],
        "organisers": [["name": "Berfin Simsek", "affiliation": "EPFL", "url": "https://example.org/berfin"]],
        "idPrefix": "tag:example.org,2021:seminar/talk/", "extraMacros": ["RR"], "privateMeetingLinks": false,
        "announceTo": "seminar@example.org", "announceFooter": "To unsubscribe, write to the list.",
    ] }

    /// Strings every string field is given: valid and invalid forms of every pattern.
    static let stringPool: [String] = [
        "", "   ", "x\u{1}y", "a\u{FFFE}", "a b", "feed", "k7q2m9x4", "t.1~x_y-z", "Ünïcode", "R",
        "https://example.org/", "https://example.org/a?b#c", "HTTP://EXAMPLE.ORG", "http://[::1]:8080/x",
        "https://user:pw@example.org:8080/p", "https://example.org/é", "ftp://example.org", "https://", "https://.example.org",
        "https://a..b", "https://example.org:80a/", "https://exa mple.org", "https://example.org/\u{202E}x", "javascript:alert(1)",
        "https://[::1", "https://@", "https://example.org/a\"b", "https://example.org/{x}", "example.org",
        "2021-06-28T16:30", "2021-06-28T24:00", "2021-06-31T10:00", "2021-02-30T10:00", "2021-13-01T10:00",
        "2021-06-28 16:30", "2021-06-28T16:30:00", "2021-6-28T16:30",
        "2021-06-21T08:00:00Z", "2021-06-21t08:00:00z", "2021-06-21T10:00:00+02:00", "2021-06-21T08:00:00.000Z",
        "2021-06-21T08:00Z", "2021-06-21T08:00:00+2:00", "2021-06-21T08:00:00", "2021-04-31T08:00:00Z",
        "16:30", "24:00", "9:30", "16:60",
        "Europe/Zurich", "UTC", "America/Argentina/Buenos_Aires", "Europe Zurich",
        "en", "fr-CH", "zh-Hant-TW", "e", "en_US", "toolonglanguage", "en-",
        "seminar@example.org", "a.b+c@x-y.example.org", "a@b", "a@-b.org", "a..b@x.org", "@x.org", "a@x..org", "a b@x.org",
        "tag:example.org,2021:seminar/talk/", "tag:a@b.org,2021-06-01:x", "tag:example.org,2021-06:x",
        "tag:example.org,2021-13:x", "tag:example.org,2021-02-30:x", "tag:example.org:x", "urn:x", "tag:example.org,2021:a b",
        "tag:-x.org,2021:y", "RR", "mathbb", "R2", "\\R",
        "scheduled", "cancelled", "postponed", "Scheduled",
    ]

    /// Values of every JSON type, for the wrong-type mutations.
    static var everyType: [Any] { ["text", 7, 1.5, true, [Any](), [String: Any]()] }

    // MARK: The schema against the loader

    @Test func theSchemaAcceptsWhatTheLoaderAcceptsAndRefusesWhatItRefuses() throws {
        var variants: [Variant] = []
        for (kind, base, fields) in [(ArchiveSchema.Kind.talk, Self.fullTalk, TalkFileFields.all),
                                     (.seminar, Self.fullSeminar, SeminarFileFields.all)] {
            variants.append(Variant(kind: kind, field: "(none)", document: base))
            for key in ["abstarct", "$schema"] {
                var d = base
                d[key] = "x"
                variants.append(Variant(kind: kind, field: key, document: d))
            }
            variants += Self.mutations(of: base, fields: fields, path: [], kind: kind)
        }
        let verdicts = try JSONSchemaClient.validate(variants.map { ($0.kind, try $0.text()) })
        #expect(variants.count > 2000)

        var refusedByBoth: [String: Int] = [:]
        for (variant, schemaError) in zip(variants, verdicts) {
            let errors = try variant.loaderErrors()
            let text = try variant.text()
            let schemaAccepts = schemaError == nil
            if errors.isEmpty {
                #expect(schemaAccepts, "the loader accepts but the schema refuses (\(schemaError ?? "")): \(text)")
            } else if schemaAccepts {
                let codes = Set(errors.map(\.code))
                #expect(codes.isSubset(of: Self.beyondSchema),
                        "the schema accepts what the loader refuses (\(errors.map(\.description))): \(text)")
            } else {
                refusedByBoth[variant.field, default: 0] += 1
            }
        }
        // Every field's mutations reached both: a field the walk missed would show here.
        let walked = Self.fieldNames(TalkFileFields.all) + Self.fieldNames(SeminarFileFields.all)
        for name in walked {
            #expect(refusedByBoth[name, default: 0] > 0, "no variant of `\(name)` was refused by both")
        }
    }

    /// Every shipped file and every file of the frozen-format fixtures passes the schema.
    @Test func everyShippedAndFixtureFilePasses() throws {
        var files: [(ArchiveSchema.Kind, String)] = []
        let roots = [packageRoot() + "/archive"] + (1...4).map { packageRoot() + "/Tests/SeminarPublisherTests/Fixtures/frozen-format-\($0)/archive" }
        for root in roots {
            let all = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
            for relative in all.sorted() where relative.hasSuffix(".json") && !relative.hasPrefix("snapshots/") {
                files.append((relative == "seminar.json" ? .seminar : .talk, root + "/" + relative))
            }
        }
        #expect(files.count >= 10)
        let texts = try files.map { ($0.0, try String(contentsOfFile: $0.1, encoding: .utf8)) }
            + [(.seminar, ArchiveFixture.seminarJSON), (.talk, ArchiveFixture.talk())]
        let verdicts = try JSONSchemaClient.validate(texts)
        for (file, verdict) in zip(files.map(\.1) + ["ArchiveFixture.seminarJSON", "ArchiveFixture.talk()"], verdicts) {
            #expect(verdict == nil, "\(file): \(verdict ?? "")")
        }
    }

    /// The schemas are valid draft 2020-12 schemas, printed the same way every time, and
    /// every field is there with the README's wording.
    @Test func theSchemaIsWellFormedStableAndSaysWhatTheReadmeSays() throws {
        let readme = try String(contentsOfFile: packageRoot() + "/README.md", encoding: .utf8)
        let sections = [ArchiveSchema.Kind.seminar: "### `archive/seminar.json`", .talk: "### A talk file"].mapValues { heading in
            readme.components(separatedBy: heading).dropFirst().first?.components(separatedBy: "\n### ").first ?? ""
        }
        for (kind, fields) in [(ArchiveSchema.Kind.talk, TalkFileFields.all), (.seminar, SeminarFileFields.all)] {
            #expect(ArchiveSchema.json(for: kind) == ArchiveSchema.json(for: kind))
            let document = ArchiveSchema.document(for: kind)
            #expect(document["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            let properties = try #require(document["properties"] as? [String: [String: Any]])
            #expect(Set(properties.keys) == Set(fields.map(\.name)))
            #expect(Set(document["required"] as? [String] ?? []) == Set(fields.filter(\.isRequired).map(\.name)))
            for field in fields {
                #expect(properties[field.name]?["description"] as? String == field.meaning)
                // The README's row: the key (alone or with others) in the first cell, the
                // meaning in the last.
                let row = sections[kind]?.split(separator: "\n").first { line in
                    line.hasPrefix("| `\(field.name)`") || line.hasPrefix("| `") && line.split(separator: "|").first?.contains("`\(field.name)`") == true
                }
                #expect(row?.hasSuffix("| \(field.meaning) |") == true, "README's row of `\(field.name)` does not say: \(field.meaning)")
            }
        }
        let checked = try JSONSchemaClient.checkSchemas()
        #expect(checked == nil, "\(checked ?? "")")
    }

    // MARK: Variants

    struct Variant {
        var kind: ArchiveSchema.Kind
        /// The field mutated, for the coverage count.
        var field: String
        var document: [String: Any]

        func text() throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
        }

        func loaderErrors() throws -> [Diagnostic] {
            let source = JSONSourceFile(path: "x.json", bytes: Array(try text().utf8))
            let diagnostics: [Diagnostic]
            switch kind {
            case .seminar:
                diagnostics = SeminarReader(zones: .system).read(source).2
            case .talk:
                let zone = try ZoneDatabase.system.zone("Europe/Zurich")
                let defaults = SeminarDefaults(timeZone: "Europe/Zurich", zone: zone, duration: 60)
                diagnostics = TalkReader(defaults: defaults, zones: .system)
                    .read(source, folderYear: 2021, fileName: "2021-06-28-scott-pesme.json").diagnostics
            }
            return diagnostics.filter { $0.severity == .error }
        }
    }

    /// Every mutation of every field of `fields`, found in `document` at `path`.
    static func mutations(of document: [String: Any], fields: [ArchiveField], path: [PathStep], kind: ArchiveSchema.Kind) -> [Variant] {
        var out: [Variant] = []
        func variant(_ field: ArchiveField, _ path: [PathStep], _ value: Any?) {
            out.append(Variant(kind: kind, field: field.name, document: setting(document, at: path, to: value) as! [String: Any]))
        }
        for field in fields {
            let here = path + [.key(field.name)]
            variant(field, here, nil)
            variant(field, here, NSNull())
            for value in everyType { variant(field, here, value) }
            switch field.value {
            case .string:
                for s in stringPool { variant(field, here, s) }
            case let .integer(minimum, maximum):
                for n in [minimum - 1, minimum, minimum + 1] + (maximum.map { [$0, $0 + 1] } ?? [ArchiveSchema.largestWholeNumber + 1]) {
                    variant(field, here, n)
                }
                variant(field, here, Double(minimum))
                variant(field, here, Double(minimum) + 0.5)
            case .boolean:
                variant(field, here, 0)
            case .list(let element, _):
                variant(field, here, [Any]())
                for value in everyType { variant(field, here, [value]) }
                if case .object(let inner) = element {
                    out += mutations(of: document, fields: inner, path: here + [.index(0)], kind: kind)
                    variant(field, here + [.index(0), .key("zzz")], "x")
                } else if case .string = element {
                    for s in stringPool { variant(field, here + [.index(0)], s) }
                }
            case .object(let inner):
                out += mutations(of: document, fields: inner, path: here, kind: kind)
                variant(field, here + [.key("zzz")], "x")
            }
        }
        return out
    }

    enum PathStep { case key(String), index(Int) }

    /// `value` at `path` (nil removes the member).
    static func setting(_ node: Any, at path: [PathStep], to value: Any?) -> Any? {
        guard let step = path.first else { return value }
        switch step {
        case .key(let key):
            var object = node as? [String: Any] ?? [:]
            object[key] = setting(object[key] as Any, at: Array(path.dropFirst()), to: value)
            return object
        case .index(let i):
            var array = node as? [Any] ?? []
            if let element = setting(array[i], at: Array(path.dropFirst()), to: value) { array[i] = element } else { array.remove(at: i) }
            return array
        }
    }

    static func fieldNames(_ fields: [ArchiveField]) -> [String] {
        fields.flatMap { field -> [String] in
            switch field.value {
            case .object(let inner), .list(.object(let inner), _): return [field.name] + fieldNames(inner)
            default: return [field.name]
            }
        }
    }
}

/// Python's `jsonschema` on the schemas `ArchiveSchema` makes.
enum JSONSchemaClient {
    static let script = """
    import json, sys
    from jsonschema import Draft202012Validator
    job = json.load(open(sys.argv[1], encoding="utf-8"))
    validators = {k: Draft202012Validator(s, format_checker=Draft202012Validator.FORMAT_CHECKER) for k, s in job["schemas"].items()}
    if job.get("check"):
        for s in job["schemas"].values():
            Draft202012Validator.check_schema(s)
    out = []
    for kind, text in job["documents"]:
        error = next(iter(validators[kind].iter_errors(json.loads(text))), None)
        out.append(None if error is None else f"{list(error.absolute_path)}: {error.message}")
    print(json.dumps(out))
    """

    static func schemas() throws -> [String: Any] {
        var out: [String: Any] = [:]
        for kind in ArchiveSchema.Kind.allCases {
            out[kind.rawValue] = try JSONSerialization.jsonObject(with: ArchiveSchema.json(for: kind))
        }
        return out
    }

    /// For each document, nil when the schema of its kind accepts it, else the first error.
    static func validate(_ documents: [(ArchiveSchema.Kind, String)]) throws -> [String?] {
        let output = try run(["schemas": try schemas(), "documents": documents.map { [$0.0.rawValue, $0.1] }])
        let verdicts = try #require(try JSONSerialization.jsonObject(with: output) as? [Any])
        return verdicts.map { $0 as? String }
    }

    /// Nil when `check_schema` accepts both schemas, else its complaint.
    static func checkSchemas() throws -> String? {
        do {
            _ = try run(["schemas": try schemas(), "documents": [Any](), "check": true])
            return nil
        } catch {
            return "\(error)"
        }
    }

    private static func run(_ job: [String: Any]) throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("seminar-schema-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: job).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output, errors) = try Subprocess.run("python3", ["-c", script, file.path])
        guard status == 0 else {
            throw XMLTestError(description: "jsonschema exited with \(status) (scripts/setup --test installs it): \(errors)")
        }
        return output
    }
}

/// The escaping of GitHub's toolkit (`@actions/core`, `command.ts`), on every character it
/// escapes, in the message and in a property.
@Suite struct GitHubAnnotationTests {
    @Test func everyEscapedCharacterInTheMessageAndInAProperty() {
        let d = Diagnostic(.warning, code: "unknown-key", message: "100% sure: a,b\r\nc", fix: "do x",
                           location: FileLocation(path: "archive/2021/a,b:c%.json", line: 3, column: 7), length: 4)
        #expect(GitHubAnnotation.command(for: d)
                == "::warning file=archive/2021/a%2Cb%3Ac%25.json,line=3,col=7,endColumn=10,title=seminar%3A unknown-key::100%25 sure: a,b%0D%0Ac%0Afix: do x")
        let placeless = Diagnostic(.note, code: "more-diagnostics", message: "and 5 more", location: nil)
        #expect(GitHubAnnotation.command(for: placeless) == "::notice title=seminar%3A more-diagnostics::and 5 more")
    }
}
