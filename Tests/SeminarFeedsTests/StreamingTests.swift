import Foundation
import SeminarArchive
import Testing
@testable import SeminarFeeds

/// The XML writers hand their documents to a sink as they write them: the publisher
/// streams the feeds to disk instead of holding them in memory.
@Suite struct StreamingTests {
    /// Keeps each chunk apart, to see how a document arrives.
    final class ChunkRecorder: ByteSink {
        var chunks: [[UInt8]] = []
        func write(_ chunk: UnsafeRawBufferPointer) { chunks.append(Array(chunk)) }
    }

    /// Takes `limit` bytes, then fails like a full disk.
    final class FailingSink: ByteSink {
        struct DiskFull: Error {}
        let limit: Int
        var taken = 0
        var callsAfterFailing = 0
        init(limit: Int) { self.limit = limit }
        func write(_ chunk: UnsafeRawBufferPointer) throws {
            if taken >= limit { callsAfterFailing += 1 }
            guard taken + chunk.count <= limit else {
                taken = limit
                throw DiskFull()
            }
            taken += chunk.count
        }
    }

    @Test func feedsArriveInChunksThatMakeUpTheSameBytes() throws {
        let c = try Corpus.load()
        let links = TestArchive.links(c.seminar)
        let atom = ChunkRecorder()
        try AtomFeedWriter.write(talks: c.talks, context: c.context, links: links, to: atom)
        let rss = ChunkRecorder()
        try RSSFeedWriter.write(talks: c.talks, context: c.context, links: links, to: rss)

        #expect(atom.chunks.joined().elementsEqual(try AtomFeedWriter.write(talks: c.talks, context: c.context, links: links)))
        #expect(rss.chunks.joined().elementsEqual(try RSSFeedWriter.write(talks: c.talks, context: c.context, links: links)))
        // Streamed, not written at the end in one piece.
        for recorder in [atom, rss] {
            #expect(recorder.chunks.count > 2)
            #expect(recorder.chunks.allSatisfy { $0.count <= 32 * 1024 })
        }
    }

    /// The bytes do not depend on the sink: the same feed through many small chunks,
    /// collected, and through the in-memory writer of the fragments, match.
    @Test func aSinkSeesWhatTheInMemoryWriterGives() throws {
        let memory = try XMLWriter(indent: true)
        let collector = ByteCollector()
        let streamed = try XMLWriter(indent: true, to: collector)
        for w in [memory, streamed] {
            try w.startDocument()
            try w.startElement("feed")
            for i in 0..<2000 { try w.element("entry", "text " + String(i) + " & more", attributes: [("n", String(i))]) }
            try w.endElement()
            try w.endDocument()
        }
        try streamed.flush()
        #expect(collector.bytes == (try memory.bytes()))
        #expect(throws: FeedWriterError.self) { try streamed.bytes() }
    }

    @Test func aFailingSinkStopsTheWriter() throws {
        let c = try Corpus.load()
        let sink = FailingSink(limit: 10_000)
        #expect {
            try AtomFeedWriter.write(talks: c.talks, context: c.context, links: TestArchive.links(c.seminar), to: sink)
        } throws: { error in
            // Reported as the sink's failure, whatever talk was being written then.
            "\(error)".contains("could not write the document") && "\(error)".contains("DiskFull")
        }
        #expect(sink.callsAfterFailing == 0)
    }

    /// The JSON Feed as Foundation's JSONEncoder writes it when given the whole document
    /// at once: what the feed was before it was encoded item by item.
    static func encodedAtOnce(_ talks: [Talk], context: FeedContext, feedURL: String, homePageURL: String) throws -> [UInt8] {
        var document = JSONFeedWriter.document(context: context, feedURL: feedURL, homePageURL: homePageURL)
        document.items = try talks.sorted(by: Talk.feedOrder).map {
            try JSONFeedWriter.item(context.presentation(of: $0), seminar: context.seminar, homePageURL: homePageURL)
        }
        return [UInt8](try JSONFeedFrame.encoder().encode(document)) + [0x0A]
    }

    /// Item by item gives the same bytes, whatever the items hold: empty arrays (no
    /// speaker), absent fields (no link), one item, none.
    @Test func theJSONFeedEncodedItemByItemIsTheDocumentEncodedAtOnce() throws {
        let seminar = try ExtrasTestData.seminar()
        let talks = try ExtrasTestData.archiveTalks(seminar: seminar) + [
            try ExtrasTestData.talk("no-speaker", "2021-09-20T16:30", speakers: [], abstract: "Nobody, $x^2$.\n\nSecond paragraph."),
            try ExtrasTestData.talk("links", nil, title: "Links & \"quotes\" / slashes",
                                    links: [TalkLink(title: "Slides", url: "https://example.org/s.pdf")], status: .postponed),
        ]
        let context = try ExtrasTestData.context(seminar, talks)
        for some in [talks, [talks[talks.count - 2]], []] {
            let streamed = ChunkRecorder()
            try JSONFeedWriter.write(talks: some, context: context, feedURL: "https://e.org/feed.json", homePageURL: seminar.homePage, to: streamed)
            let expected = try Self.encodedAtOnce(some, context: context, feedURL: "https://e.org/feed.json", homePageURL: seminar.homePage)
            // The same bytes, but for the version line the stream writes first.
            let versionLine = Array("  \"version\" : \"https://jsonfeed.org/version/1.1\",\n".utf8)
            var bytes = Array(streamed.chunks.joined())
            #expect(Array(bytes[2..<(2 + versionLine.count)]) == versionLine, "\(some.count) talks")
            bytes.removeSubrange(2..<(2 + versionLine.count))
            #expect(bytes == expected, "\(some.count) talks")
        }
    }
}
