import FeedTestSupport
import Foundation
import SeminarArchive
import Testing
@testable import SeminarFeeds

@Suite(.serialized) struct DeterminismTests {
    @Test func writingTwiceGivesTheSameBytes() throws {
        let c = try Corpus.load()
        let links = TestArchive.links(c.seminar)
        #expect(try AtomFeedWriter.write(talks: c.talks, context: c.context, links: links)
            == AtomFeedWriter.write(talks: c.talks, context: c.context, links: links))
        #expect(try RSSFeedWriter.write(talks: c.talks, context: c.context, links: links)
            == RSSFeedWriter.write(talks: c.talks, context: c.context, links: links))
    }

    /// Nothing in the writers reads the process's time zone or locale, so changing them
    /// changes nothing. (de_DE may not be installed: `setlocale` then fails, and the
    /// environment variables are set all the same, which is what a careless reader of
    /// `TZ`/`LANG` would see.)
    @Test func timeZoneAndLocaleOfTheProcessDoNotMatter() throws {
        let c = try Corpus.load()
        let links = TestArchive.links(c.seminar)
        let atom = try AtomFeedWriter.write(talks: c.talks, context: c.context, links: links)
        let rss = try RSSFeedWriter.write(talks: c.talks, context: c.context, links: links)

        let names = ["TZ", "LANG", "LC_ALL"]
        let saved = names.map { getenv($0).map { String(cString: $0) } }
        defer {
            for (name, value) in zip(names, saved) {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
            tzset()
            setlocale(LC_ALL, "C")
        }
        setenv("TZ", "Pacific/Kiritimati", 1)
        setenv("LANG", "de_DE.UTF-8", 1)
        setenv("LC_ALL", "de_DE.UTF-8", 1)
        tzset()
        setlocale(LC_ALL, "")

        #expect(try AtomFeedWriter.write(talks: c.talks, context: c.context, links: links) == atom)
        let rssAgain = try RSSFeedWriter.write(talks: c.talks, context: c.context, links: links)
        #expect(rssAgain == rss)

        let doc = try ParsedXML(rssAgain)
        let dates = doc.strings("/rss/channel/lastBuildDate | /rss/channel/item/pubDate")
        #expect(dates.count == c.talks.count + 1)
        let english = #/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/#
        for date in dates { #expect(date.wholeMatch(of: english) != nil, "\(date)") }
        #expect(dates.contains("Mon, 21 Jun 2021 08:00:00 GMT"))  // Pesme's talk, published
    }
}
