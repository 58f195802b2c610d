import Foundation
import Testing
@testable import SeminarArchive

/// The real archive shipped with the package.
@Suite struct ShippedArchiveTests {
    static let archive = packageRoot() + "/archive"

    @Test func loadsWithoutDiagnostics() throws {
        let result = ArchiveLoader(root: Self.archive).load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let seminar = try #require(result.seminar)
        #expect(seminar.timeZone == "Europe/Zurich")
        #expect(seminar.defaultDuration == 60)
        #expect(seminar.organisers.count == 7)

        let talks = result.talks.map(\.talk)
        #expect(talks.map { $0.speakers[0].name } == [
            "Francesco Cagnetta", "Leonardo Petrini", "Scott Pesme", "Ido Nachum", "Eugene Golikov",
        ])
        #expect(talks.map { $0.start?.description } == [nil, "2021-07-12T16:30", "2021-06-28T16:30", "2021-06-07T16:30", "2021-05-17T16:30"])
        let petrini = talks[1]
        #expect(petrini.timeZone == "Europe/Zurich")
        #expect(petrini.start == LocalDateTime(year: 2021, month: 7, day: 12, hour: 16, minute: 30))
        #expect(talks[0].isToBeDefined && talks[0].year == 2021)
        #expect(talks.allSatisfy { $0.duration == 60 && $0.status == .scheduled })
    }

    @Test func everyShippedTalkFileIsCanonical() throws {
        let result = ArchiveLoader(root: Self.archive).load()
        #expect(result.talks.count == 5)
        for loaded in result.talks {
            let isCanonical = loaded.source.bytes == TalkStore.canonicalJSON(loaded.talk)
            #expect(isCanonical, "\(loaded.source.path) is not canonical")
            #expect(TalkStore(root: Self.archive).path(for: loaded.talk) == loaded.source.path)
        }
    }
}
