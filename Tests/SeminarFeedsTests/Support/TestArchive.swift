import FeedTestSupport
import Foundation
import SeminarArchive
@testable import SeminarFeeds

/// The shipped archive (archive/ at the package root), read with the real loader.
enum TestArchive {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("archive")

    struct LoadFailure: Error, CustomStringConvertible { var description: String }

    static let loaded = ArchiveLoader(root: root.path).load()

    static func seminar() throws -> Seminar {
        guard let seminar = loaded.seminar, !loaded.hasErrors else {
            throw LoadFailure(description: "the shipped archive does not load: \(loaded.diagnostics)")
        }
        return seminar
    }

    /// Every talk, in feed order.
    static func talks(seminar: Seminar) throws -> [Talk] {
        _ = try self.seminar()
        return loaded.talks.map(\.talk)
    }

    /// Every talk, in the order of their file names.
    static func talksInFileOrder() throws -> [Talk] {
        _ = try seminar()
        return loaded.talks.sorted { $0.source.path < $1.source.path }.map(\.talk)
    }

    static func context(seminar: Seminar, talks: [Talk]) throws -> FeedContext {
        var zones: [String: ZoneInfo] = [:]
        for name in Set(talks.map(\.timeZone) + [seminar.timeZone]) { zones[name] = try ZoneInfo.load(name) }
        return FeedContext(seminar: seminar, zones: zones, generator: .init(name: "seminar", version: "1.0", uri: "https://example.org/seminar"))
    }

    static func links(_ seminar: Seminar, fileName: String = "atom.xml") -> FeedDocumentLinks {
        FeedDocumentLinks(selfURL: seminar.feedsBaseURL + fileName, alternateURL: seminar.homePage)
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
    var context: FeedContext

    static func load(extra: [Talk] = SyntheticTalks.make()) throws -> Corpus {
        let seminar = try TestArchive.seminar()
        let talks = (try TestArchive.talks(seminar: seminar) + extra).sorted(by: Talk.feedOrder)
        return Corpus(seminar: seminar, talks: talks, context: try TestArchive.context(seminar: seminar, talks: talks))
    }
}
