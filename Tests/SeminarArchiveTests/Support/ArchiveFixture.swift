import Foundation
@testable import SeminarArchive

/// A throwaway archive folder in the temporary directory, removed when released.
final class ArchiveFixture {
    let base: String
    /// The `archive` folder; diagnostics show paths under it.
    let root: String

    init(seminar: String? = ArchiveFixture.seminarJSON) throws {
        base = NSTemporaryDirectory() + "seminar-archive-tests-" + UUID().uuidString.lowercased()
        root = base + "/archive"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if let seminar { try write("seminar.json", seminar) }
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws { try write(relative, bytes: Array(text.utf8)) }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let p = path(relative)
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
    }

    func load() -> ArchiveLoadResult { ArchiveLoader(root: root).load() }

    /// Files in the archive, relative to it, sorted.
    func files() -> [String] {
        let all = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        return all.filter { !isFolder(path($0)) }.sorted()
    }

    private func isFolder(_ p: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &folder) && folder.boolValue
    }

    static let seminarJSON = """
    {
      "title": "Internal Seminar: Theory of Neural Nets",
      "description": "Talks about the theory of neural networks.",
      "homePage": "https://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/",
      "feedsBaseURL": "https://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/",
      "language": "en",
      "timezone": "Europe/Zurich",
      "defaultStartTime": "16:30",
      "defaultDuration": 60,
      "contact": {"name": "Loucas Pillaud-Vivien", "email": "loucas.pillaud-vivien@epfl.ch"},
      "organisers": [{"name": "Berfin Simsek"}],
      "idPrefix": "tag:epfl.ch,2021:tnn-internal-seminar/talk/"
    }

    """

    /// The seminar file with `key` given the raw JSON `value` (same line, so positions
    /// stay those of `seminarJSON`).
    static func seminar(replacing key: String, with value: String) -> String {
        replacingValue(of: key, with: value, in: seminarJSON)
    }

    /// The lines of the standard talk file, one member per line:
    ///
    ///     1 {
    ///     2   "id": "t1",
    ///     3   "title": "A talk",
    ///     4   "speakers": [{"name": "Scott Pesme"}],
    ///     5   "start": "2021-06-28T16:30",
    ///     6   "duration": 60,
    ///     7   "abstract": "Some text.",
    ///     8   "status": "scheduled",
    ///     9   "published": "2021-06-21T08:00:00Z",
    ///    10   "updated": "2021-06-21T08:00:00Z"
    ///    11 }
    static let talkMembers: [(String, String)] = [
        ("id", "\"t1\""),
        ("title", "\"A talk\""),
        ("speakers", "[{\"name\": \"Scott Pesme\"}]"),
        ("start", "\"2021-06-28T16:30\""),
        ("duration", "60"),
        ("abstract", "\"Some text.\""),
        ("status", "\"scheduled\""),
        ("published", "\"2021-06-21T08:00:00Z\""),
        ("updated", "\"2021-06-21T08:00:00Z\""),
    ]

    /// The standard talk with members replaced (raw JSON text), removed (nil) or added at the end.
    static func talk(_ changes: [String: String?] = [:], adding extra: [(String, String)] = []) -> String {
        var members: [(String, String)] = []
        for (key, value) in talkMembers {
            if let change = changes[key] {
                if let change { members.append((key, change)) }
            } else {
                members.append((key, value))
            }
        }
        members += extra
        return "{\n" + members.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    private static func replacingValue(of key: String, with value: String, in text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("  \"\(key)\": ") else { return String(line) }
            let comma = line.hasSuffix(",") ? "," : ""
            return "  \"\(key)\": \(value)\(comma)"
        }.joined(separator: "\n")
    }
}

extension ArchiveLoadResult {
    /// The diagnostics with `code`.
    func with(_ code: String) -> [Diagnostic] { diagnostics.filter { $0.code == code } }
}

extension Diagnostic {
    /// `line:column`, for compact assertions.
    var position: String { location.map { "\($0.line):\($0.column)" } ?? "-" }
}

/// The package root: three levels above `file`, which must be a test file directly in
/// `Tests/SeminarArchiveTests/` (the default is the caller's own file).
func packageRoot(_ file: String = #filePath) -> String {
    var url = URL(fileURLWithPath: file)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}
