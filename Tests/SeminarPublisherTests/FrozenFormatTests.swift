import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// A year frozen with snapshot format 1 must render byte for byte as it was published,
/// with every later version of the tool. The fixture (archive, record and the published
/// documents) was made once with `seminar snapshot 2019` and is never regenerated: a
/// failure here means a change to a writer, the LaTeX renderers or the presentation would
/// alter published history. Keep the old rendering for format 1 (and give new renderings
/// a new format) instead of updating the fixture.
@Suite struct FrozenFormatTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/frozen-format-1")

    @Test func formatOneYearRendersExactlyAsPublished() throws {
        let publisher = Publisher(archiveRoot: Self.fixture.path + "/archive", feedsRoot: Self.fixture.path + "/feeds")
        let checked = publisher.check()
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics)")
        let record = try #require(checked.records[2019])
        #expect(record.format == 1)
        let documents = try publisher.documents(of: checked).filter { $0.path.hasPrefix("archive/2019/") }
        #expect(Set(documents.map(\.path)) == Set(record.documents.keys))
        for document in documents {
            let published = [UInt8](try Data(contentsOf: Self.fixture.appendingPathComponent("feeds/" + document.path)))
            #expect(document.bytes == published, "\(document.path) no longer renders as it was published")
            #expect(sha256Digest(document.bytes) == record.documents[document.path])
        }
    }

    @Test func theFixtureCoversWhatCanDrift() throws {
        // LaTeX, a cancelled talk across the daylight-saving change, another time zone and a
        // private link: the parts of a document most likely to change with the tool.
        let atom = String(decoding: try Data(contentsOf: Self.fixture.appendingPathComponent("feeds/archive/2019/atom.xml")), as: UTF8.self)
        #expect(atom.contains("∑"))
        #expect(atom.contains("Gödel’s"))
        #expect(atom.contains("[Cancelled]"))
        #expect(atom.contains("EST"))
        #expect(!atom.contains("zoom.example.org/j/3"))
        #expect(atom.contains("<fh:archive/>"))
    }
}
