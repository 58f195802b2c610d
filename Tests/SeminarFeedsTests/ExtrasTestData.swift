import Foundation
import SeminarArchive
@testable import SeminarFeeds

/// Test data for the calendar and JSON Feed tests: the shipped archive, and talks made up
/// to reach the cases the archive does not have.
enum ExtrasTestData {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Missing: Error, CustomStringConvertible { var description: String }

    /// Unwraps a value the test data must have (plain throwing: `#require` cannot nest).
    static func need<T>(_ value: T?, _ what: String = #function, line: Int = #line) throws -> T {
        guard let value else { throw Missing(description: "test data: missing value (\(what), line \(line))") }
        return value
    }

    static func seminar() throws -> Seminar { try TestArchive.seminar() }

    /// The talks of the shipped archive, in file-name order.
    static func archiveTalks(seminar: Seminar) throws -> [Talk] { try TestArchive.talksInFileOrder() }

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
