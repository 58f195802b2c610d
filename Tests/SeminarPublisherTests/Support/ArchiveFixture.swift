import Foundation

/// A throw-away archive and feeds folder in a temporary directory, written the way an
/// organiser's files look.
struct ArchiveFixture {
    let root: URL
    var archive: String { root.appendingPathComponent("archive").path }
    var feeds: String { root.appendingPathComponent("feeds").path }

    init(seminar overrides: [String: Any] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("seminar-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(atPath: root.appendingPathComponent("archive").path, withIntermediateDirectories: true)
        var seminar: [String: Any] = [
            "title": "Test Seminar", "description": "Talks about $p$-values.",
            "homePage": "https://seminar.example.org/", "feedsBaseURL": "https://seminar.example.org/feeds/",
            "language": "en", "timezone": "Europe/Zurich", "defaultStartTime": "16:30", "defaultDuration": 60,
            "contact": ["name": "Ada Organiser", "email": "ada@example.org"],
            "organisers": [["name": "Ada Organiser"]], "idPrefix": "tag:example.org,2021:test/",
        ]
        for (k, v) in overrides { seminar[k] = v }
        try write(seminar, to: "seminar.json")
    }

    /// The package root, where the shipped archive and feeds live.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Writes a talk file; `start` nil makes a talk still to be defined.
    @discardableResult
    func talk(
        _ name: String, year: Int, id: String, start: String?, title: String = "A talk",
        speaker: String = "Grace Speaker", abstract: String = "We prove that $x^2 \\ge 0$.",
        status: String = "scheduled", updated: String? = nil, extra: [String: Any] = [:]
    ) throws -> String {
        var t: [String: Any] = [
            "id": id, "title": title, "speakers": [["name": speaker]], "duration": 60, "abstract": abstract,
            "status": status, "published": "\(year)-01-01T08:00:00Z", "updated": updated ?? "\(year)-01-02T08:00:00Z",
        ]
        if let start { t["start"] = start }
        for (k, v) in extra { t[k] = v }
        let path = "\(year)/\(name).json"
        try write(t, to: path)
        return archive + "/" + path
    }

    func write(_ object: [String: Any], to path: String) throws {
        let url = URL(fileURLWithPath: archive + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try data.write(to: url)
    }

    /// Every file under the feeds folder, by relative path.
    func outputs() throws -> [String: Data] {
        try Self.files(under: feeds)
    }

    static func files(under folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: folder) else { return out }
        while let relative = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = folder + "/" + relative
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[relative] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
