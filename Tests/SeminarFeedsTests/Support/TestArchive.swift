import FeedTestSupport
import Foundation
import SeminarArchive
@testable import SeminarFeeds

/// The shipped archive (archive/ at the package root), read with JSONSerialization: the
/// real loader lives elsewhere, and these tests need only the values.
enum TestArchive {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("archive")

    static func seminar() throws -> Seminar {
        let j = try object(at: root.appendingPathComponent("seminar.json"))
        return Seminar(
            title: try field(j, "title"), description: try field(j, "description"),
            homePage: try field(j, "homePage"), feedsBaseURL: try field(j, "feedsBaseURL"),
            language: try field(j, "language"), timeZone: try field(j, "timezone"),
            defaultStartTime: try LocalTime(parsing: field(j, "defaultStartTime")).orThrow("defaultStartTime"),
            defaultDuration: try field(j, "defaultDuration"),
            contact: try person(field(j, "contact")),
            organisers: try (field(j, "organisers") as [[String: Any]]).map(person),
            idPrefix: try field(j, "idPrefix")
        )
    }

    /// Every talk of every year folder, in feed order.
    static func talks(seminar: Seminar) throws -> [Talk] {
        let fm = FileManager.default
        var talks: [Talk] = []
        for year in try fm.contentsOfDirectory(atPath: root.path).sorted() where Int(year) != nil {
            let folder = root.appendingPathComponent(year)
            for file in try fm.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".json") {
                talks.append(try talk(object(at: folder.appendingPathComponent(file)), seminar: seminar, year: Int(year)!))
            }
        }
        return talks.sorted(by: Talk.feedOrder)
    }

    static func context(seminar: Seminar, talks: [Talk]) throws -> FeedContext {
        var zones: [String: ZoneInfo] = [:]
        for name in Set(talks.map(\.timeZone) + [seminar.timeZone]) { zones[name] = try ZoneInfo.load(name) }
        return FeedContext(seminar: seminar, zones: zones, generator: .init(name: "seminar", version: "1.0", uri: "https://example.org/seminar"))
    }

    static func links(_ seminar: Seminar, fileName: String = "atom.xml") -> FeedDocumentLinks {
        FeedDocumentLinks(selfURL: seminar.feedsBaseURL + fileName, alternateURL: seminar.homePage)
    }

    // MARK: JSON

    private static func talk(_ j: [String: Any], seminar: Seminar, year: Int) throws -> Talk {
        Talk(
            id: try field(j, "id"), title: try field(j, "title"),
            speakers: try (field(j, "speakers") as [[String: Any]]).map(person),
            start: try (j["start"] as? String).map { try LocalDateTime(parsing: $0).orThrow("start") },
            timeZone: j["timezone"] as? String ?? seminar.timeZone,
            duration: j["duration"] as? Int ?? seminar.defaultDuration,
            abstract: j["abstract"] as? String ?? "",
            meeting: j["meeting"] as? String, meetingIsPrivate: j["meetingIsPrivate"] as? Bool ?? false,
            location: j["location"] as? String,
            links: ((j["links"] as? [[String: Any]]) ?? []).map { TalkLink(title: $0["title"] as! String, url: $0["url"] as! String) },
            status: try TalkStatus(rawValue: field(j, "status")).orThrow("status"),
            published: try Instant(rfc3339: field(j, "published")).orThrow("published"),
            updated: try Instant(rfc3339: field(j, "updated")).orThrow("updated"),
            sequence: j["sequence"] as? Int ?? 0, year: year
        )
    }

    private static func person(_ j: [String: Any]) throws -> Person {
        Person(name: try field(j, "name"), affiliation: j["affiliation"] as? String, url: j["url"] as? String, email: j["email"] as? String)
    }

    private static func object(at url: URL) throws -> [String: Any] {
        try (JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]).orThrow(url.lastPathComponent)
    }

    private static func field<T>(_ j: [String: Any], _ key: String) throws -> T {
        try (j[key] as? T).orThrow("field \(key)")
    }
}

/// Talks the archive does not have yet: every status, several speakers, a private
/// meeting, links, another time zone, no speaker at all.
enum SyntheticTalks {
    static func make() -> [Talk] {
        let t = { (s: String) in Instant(rfc3339: s)! }
        return [
            Talk(
                id: "syn-cancelled", title: "Scaling limits of wide networks", speakers: [
                    Person(name: "Ada Lovelace", affiliation: "Analytical Engines Ltd", url: "https://example.org/ada"),
                    Person(name: "Émilie du Châtelet", affiliation: "Académie", url: "https://example.org/emilie?x=1&y=2",
                           email: "emilie@example.org"),
                ],
                start: LocalDateTime(year: 2021, month: 11, day: 8, hour: 16, minute: 30), timeZone: "Europe/Zurich",
                duration: 90, abstract: "We study wide networks.", meeting: "https://epfl.zoom.us/j/1111",
                location: "BC 420",
                links: [TalkLink(title: "Slides", url: "https://example.org/slides.pdf"),
                        TalkLink(title: "Paper (arXiv)", url: "https://arxiv.org/abs/2101.00001")],
                status: .cancelled, published: t("2021-10-01T08:00:00Z"), updated: t("2021-11-02T09:30:00Z"), sequence: 2
            ),
            Talk(
                id: "syn-postponed-private", title: "Feature learning in two-layer nets",
                speakers: [Person(name: "Grace Hopper")],
                start: LocalDateTime(year: 2021, month: 12, day: 6, hour: 16, minute: 30), timeZone: "Europe/Zurich",
                duration: 60, abstract: "A private meeting: the link is sent on request.", meeting: nil, meetingIsPrivate: true,
                status: .postponed, published: t("2021-11-15T08:00:00Z"), updated: t("2021-11-20T10:00:00Z"), sequence: 1
            ),
            Talk(
                id: "syn-new-york", title: "Kernels across the Atlantic", speakers: [Person(name: "Claude Shannon", affiliation: "Bell Labs")],
                start: LocalDateTime(year: 2021, month: 9, day: 15, hour: 10, minute: 0), timeZone: "America/New_York",
                duration: 45, abstract: "Held at 10:00 in New York.", meeting: "https://example.org/meet/ny",
                published: t("2021-09-01T12:00:00Z"), updated: t("2021-09-01T12:00:00Z")
            ),
            Talk(
                id: "syn-tbd", title: "To be announced", speakers: [Person(name: "Alan Turing", url: "https://example.org/turing")],
                start: nil, timeZone: "Europe/Zurich", duration: 60, abstract: "Details soon.",
                published: t("2021-08-01T08:00:00Z"), updated: t("2021-08-01T08:00:00Z")
            ),
            Talk(
                id: "syn-no-speaker", title: "Open discussion", speakers: [],
                start: LocalDateTime(year: 2021, month: 10, day: 4, hour: 16, minute: 30), timeZone: "Europe/Zurich",
                duration: 60, abstract: "Bring your questions.",
                published: t("2021-09-20T08:00:00Z"), updated: t("2021-09-20T08:00:00Z")
            ),
        ]
    }
}

extension Optional {
    func orThrow(_ what: String) throws -> Wrapped {
        guard let self else { throw XMLTestError(description: "missing or malformed \(what)") }
        return self
    }
}

/// The archive's talks plus the synthetic ones, with their seminar and context.
struct Corpus {
    let seminar: Seminar
    let talks: [Talk]
    let context: FeedContext

    static func load(extra: [Talk] = SyntheticTalks.make()) throws -> Corpus {
        let seminar = try TestArchive.seminar()
        let talks = (try TestArchive.talks(seminar: seminar) + extra).sorted(by: Talk.feedOrder)
        return Corpus(seminar: seminar, talks: talks, context: try TestArchive.context(seminar: seminar, talks: talks))
    }
}
