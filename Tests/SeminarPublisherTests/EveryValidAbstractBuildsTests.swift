import FeedTestSupport
import Foundation
import SeminarArchive
import SeminarFeeds
import Testing
@testable import SeminarPublisher

/// What `check` accepts, `build` publishes: one archive holds every valid abstract of the
/// LaTeX corpus (display math, environments, links, accents…), one talk each, and every
/// document it builds is read back.
@Suite struct EveryValidAbstractBuildsTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LaTeXTests/Fixtures/corpus/valid")

    @Test func everyAcceptedAbstractBuildsIntoEveryDocument() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let sources = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".tex") }.sorted()
        #expect(sources.count >= 200)
        for (i, name) in sources.enumerated() {
            let abstract = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
            let day = 1 + i % 28, month = 1 + i / 28 % 12
            let start = String(format: "2021-%02d-%02dT%02d:%02d", month, day, 8 + i / 336, 0)
            try a.talk(String(format: "t%03d", i), year: 2021, id: "t\(i)", start: start, speaker: "Speaker \(i)", abstract: abstract)
        }
        let publisher = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        let checked = publisher.check()
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty, "\(checked.diagnostics.prefix(3))")
        let result = try publisher.build(reusingLastBuild: false)
        #expect(result.report != nil, "\(result.diagnostics.prefix(3))")
        let outputs = try a.outputs()
        #expect(outputs.keys.filter { $0.hasPrefix("talks/") && $0.hasSuffix(".html") }.count == sources.count)
        for (path, data) in outputs {
            if path.hasSuffix(".xml") {
                let parsed = try ParsedXML([UInt8](data))
                if path == "atom.xml" { #expect(try AtomSchema.violations(of: parsed).isEmpty) }
            } else if path.hasSuffix(".html") {
                _ = try ParsedXML(html: [UInt8](data))
            } else if path.hasSuffix(".json") {
                _ = try JSONSerialization.jsonObject(with: data)
            }
        }
        // Display math reaches the page as a MathML block of its own, each formula with its text.
        let page = try ParsedXML(html: [UInt8](try #require(outputs["index.html"])))
        #expect(page.count("//math[@display='block']") > 10)
        #expect(page.count("//math[not(@alttext)]") == 0)
    }

    /// Should a writer still refuse what a talk holds, the build names the talk's file in
    /// the form editors read, instead of a bare error.
    @Test func aWriterFailureNamesTheTalksFile() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let path = try a.talk("2021-06-28-ada", year: 2021, id: "t1", start: "2021-06-28T16:30")
        let checked = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).check()
        let problem = try #require(Publisher.unpublishable(PageMarkupError.disallowedMarkup("div", context: "talk t1"), talks: checked.talks))
        #expect(problem.location == FileLocation(path: path, line: 1, column: 1))
        #expect(problem.severity == .error && problem.code == "unpublishable-talk")
        #expect(problem.message.hasPrefix("talk t1: ") && problem.message.hasSuffix("is not allowed in an abstract on the web page"))
        #expect(Publisher.unpublishable(PageMarkupError.libxml("out of memory"), talks: checked.talks) == nil)
        #expect(Publisher.unpublishable(PageMarkupError.disallowedMarkup("div", context: "talk other"), talks: checked.talks) == nil)
    }
}
