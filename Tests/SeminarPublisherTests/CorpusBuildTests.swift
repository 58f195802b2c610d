import FeedTestSupport
import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher
import SeminarFeeds

/// Every abstract the checker accepts must publish: one archive holds every valid abstract
/// of the LaTeX corpus (display math of every kind included), and every document it builds
/// is read back by a real parser.
@Suite struct CorpusBuildTests {
    static let corpus = ArchiveFixture.packageRoot.appendingPathComponent("Tests/LaTeXTests/Fixtures/corpus/valid")

    @Test func everyValidCorpusAbstractBuildsAndReadsBack() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".tex") }.sorted()
        #expect(names.count > 100)
        let archive = try ArchiveFixture()
        defer { archive.remove() }
        for (i, name) in names.enumerated() {
            let abstract = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
            let day = String(format: "2021-%02d-%02d", i / 28 % 12 + 1, i % 28 + 1)
            try archive.talk("\(day)-corpus-\(i)", year: 2021, id: "corpus-\(i)", start: "\(day)T\(String(format: "%02d", 8 + i / 336)):30",
                             abstract: abstract)
        }
        let result = try Publisher(archiveRoot: archive.archive, feedsRoot: archive.feeds).build()
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.prefix(5))")
        let outputs = try archive.outputs()
        for path in ["atom.xml", "rss.xml", "feed.xsl"] {
            let bytes = try #require(outputs[path], "\(path) was not written")
            _ = try ParsedXML([UInt8](bytes))
        }
        let page = try ParsedXML(html: [UInt8](try #require(outputs["index.html"])))
        #expect(page.count("//article") == names.count)
        // Display math reaches the page as MathML in display style, each with its text.
        #expect(page.count("//math[@display='block']") > 10)
        #expect(page.count("//math[not(@alttext)]") == 0)
        let feed = try JSONSerialization.jsonObject(with: try #require(outputs["feed.json"])) as? [String: Any]
        #expect((feed?["items"] as? [Any])?.count == names.count)
        let calendar = String(decoding: try #require(outputs["calendar.ics"]), as: UTF8.self)
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count - 1 == names.count)
    }
}

extension CorpusBuildTests {
    /// A writer's failure on a talk names the talk's file, line and column.
    @Test func aWriterFailureOnATalkIsReportedAtItsFile() throws {
        let archive = try ArchiveFixture()
        defer { archive.remove() }
        try archive.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30")
        let publisher = Publisher(archiveRoot: archive.archive, feedsRoot: archive.feeds)
        let checked = publisher.check()
        struct Refused: Error, CustomStringConvertible { var description: String { "refused" } }
        let diagnostic = publisher.renderingDiagnostic(TalkRenderingError(talkID: "t1", field: "abstract", underlying: Refused()),
                                                       talks: checked.talks)
        let location = try #require(diagnostic.location)
        #expect(location.path.hasSuffix("2021/2021-06-28-grace-speaker.json"))
        #expect(location.line > 1)
        #expect(diagnostic.description.hasPrefix(location.description + ": error: could not publish this talk: refused"))
    }
}
