import Foundation
import SeminarArchive
@testable import SeminarFeeds

/// Test data for the calendar and JSON Feed tests: the shipped archive, read here with a
/// minimal reader (the real loader is another module's job), and talks made up to reach
/// the cases the archive does not have.
enum ExtrasTestData {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Missing: Error, CustomStringConvertible { var description: String }

    /// Unwraps a value the test data must have (plain throwing: `#require` cannot nest).
    static func need<T>(_ value: T?, _ what: String = #function, line: Int = #line) throws -> T {
        guard let value else { throw Missing(description: "test data: missing value (\(what), line \(line))") }
        return value
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: repository.appendingPathComponent(path))
        return try need(try JSONSerialization.jsonObject(with: data) as? [String: Any], path)
    }

    static func seminar() throws -> Seminar {
        let j = try json("archive/seminar.json")
        let contact = try need(j["contact"] as? [String: Any])
        return Seminar(
            title: try need(j["title"] as? String),
            description: try need(j["description"] as? String),
            homePage: try need(j["homePage"] as? String),
            feedsBaseURL: try need(j["feedsBaseURL"] as? String),
            language: try need(j["language"] as? String),
            timeZone: try need(j["timezone"] as? String),
            defaultStartTime: try need(LocalTime(parsing: try need(j["defaultStartTime"] as? String))),
            defaultDuration: try need(j["defaultDuration"] as? Int),
            contact: person(contact),
            organisers: (j["organisers"] as? [[String: Any]] ?? []).map(person),
            idPrefix: try need(j["idPrefix"] as? String)
        )
    }

    /// The talks of `archive/2021`, in file-name order.
    static func archiveTalks(seminar: Seminar) throws -> [Talk] {
        let folder = repository.appendingPathComponent("archive/2021")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let j = try json("archive/2021/" + name)
            return Talk(
                id: try need(j["id"] as? String),
                title: try need(j["title"] as? String),
                speakers: (j["speakers"] as? [[String: Any]] ?? []).map(person),
                start: try (j["start"] as? String).map { try need(LocalDateTime(parsing: $0)) },
                timeZone: j["timeZone"] as? String ?? seminar.timeZone,
                duration: try need(j["duration"] as? Int),
                abstract: try need(j["abstract"] as? String),
                meeting: j["meeting"] as? String,
                location: j["location"] as? String,
                status: try need(TalkStatus(rawValue: j["status"] as? String ?? "scheduled")),
                published: try need(Instant(rfc3339: try need(j["published"] as? String))),
                updated: try need(Instant(rfc3339: try need(j["updated"] as? String))),
                sequence: j["sequence"] as? Int ?? 0
            )
        }
    }

    static func person(_ j: [String: Any]) -> Person {
        Person(name: j["name"] as? String ?? "", affiliation: j["affiliation"] as? String,
               url: j["url"] as? String, email: j["email"] as? String)
    }

    /// A context with every zone the talks name, as the publisher builds it.
    static func context(_ seminar: Seminar, _ talks: [Talk]) throws -> FeedContext {
        var zones: [String: ZoneInfo] = [:]
        for id in Set(talks.map(\.timeZone) + [seminar.timeZone]) { zones[id] = try ZoneInfo.load(id) }
        return FeedContext(seminar: seminar, zones: zones)
    }

    /// A made-up talk at a local time.
    static func talk(
        _ id: String, _ start: String?, zone: String = "Europe/Zurich", title: String = "A talk",
        speakers: [Person] = [Person(name: "Ada Lovelace", affiliation: "EPFL")], abstract: String = "An abstract.",
        meeting: String? = nil, meetingIsPrivate: Bool = false, location: String? = nil, links: [TalkLink] = [],
        status: TalkStatus = .scheduled, sequence: Int = 0, published: String = "2021-01-04T08:00:00Z",
        updated: String = "2021-01-05T09:30:00Z"
    ) throws -> Talk {
        Talk(id: id, title: title, speakers: speakers, start: try start.map { try need(LocalDateTime(parsing: $0)) },
             timeZone: zone, duration: 60, abstract: abstract, meeting: meeting, meetingIsPrivate: meetingIsPrivate,
             location: location, links: links, status: status,
             published: try need(Instant(rfc3339: published)), updated: try need(Instant(rfc3339: updated)),
             sequence: sequence)
    }
}
