import SeminarArchive
import SeminarFeeds

/// Decides which documents to publish and renders them, purely: the checked archive in,
/// documents out. Nothing here reads the clock or the disk.
///
/// - Subscription documents (Atom, RSS, JSON Feed, calendar) hold the talks of every year
///   that is not frozen, and point to the newest frozen year with `prev-archive`, so their
///   size stays bounded however long the history grows.
/// - Each frozen year has its own Atom, RSS and calendar documents under `archive/YEAR/`.
/// - The web page shows every talk.
struct DocumentPlanner {
    let seminar: Seminar
    let context: FeedContext
    /// Every talk, in feed order, as the audience of these documents may see it.
    let talks: [Talk]
    let records: [Int: SnapshotRecord]

    init(checked: CheckedArchive, seminar: Seminar, includePrivateLinks: Bool) {
        let all = checked.talks.map(\.talk)
        if includePrivateLinks {
            // The organisers' set: every link is shown, so nothing is marked private.
            var open = seminar
            open.meetingLinksArePrivate = false
            self.seminar = open
            talks = all.map { PrivacyFilter.organisersView(of: $0) }
        } else {
            self.seminar = seminar
            talks = all.map { PrivacyFilter.publicView(of: $0, seminar: seminar) }
        }
        context = FeedContext(seminar: self.seminar, zones: checked.zones)
        records = checked.records
    }

    var base: String { seminar.feedsBaseURL }
    var frozenYears: [Int] { records.keys.sorted() }

    /// Every document of a build: the subscription documents and each frozen year's,
    /// rendered on every core.
    func allDocuments() throws -> [OutputDocument] {
        let parts: [Int?] = [nil] + frozenYears.map { Optional($0) }
        let results = ConcurrentMap.map(parts) { year in
            Result { () throws -> [OutputDocument] in
                guard let year, let record = records[year] else { return try subscriptionDocuments() }
                return try archiveDocuments(year: year, record: record)
            }
        }
        return try results.flatMap { try $0.get() }
    }

    func subscriptionDocuments() throws -> [OutputDocument] {
        let frozen = Set(frozenYears)
        let current = talks.filter { !frozen.contains($0.year) }
        let newestFrozen = frozenYears.last
        let links = FeedDocumentLinks(
            selfURL: base + FeedsLayout.atom, alternateURL: seminar.homePage,
            current: nil, prevArchive: newestFrozen.map { base + FeedsLayout.archiveAtom($0) }, nextArchive: nil,
            isArchive: false, stylesheet: FeedsLayout.stylesheet)
        var rssLinks = links
        rssLinks.selfURL = base + FeedsLayout.rss
        rssLinks.prevArchive = newestFrozen.map { base + FeedsLayout.archiveRSS($0) }
        let pageLinks = webPageLinks
        return [
            OutputDocument(path: FeedsLayout.atom, bytes: try AtomFeedWriter.write(talks: current, context: context, links: links)),
            OutputDocument(path: FeedsLayout.rss, bytes: try RSSFeedWriter.write(talks: current, context: context, links: rssLinks)),
            OutputDocument(path: FeedsLayout.jsonFeed, bytes: try JSONFeedWriter.write(
                talks: current, context: context, feedURL: base + FeedsLayout.jsonFeed, homePageURL: seminar.homePage)),
            OutputDocument(path: FeedsLayout.calendar, bytes: ICalendarWriter.write(
                talks: current, context: context, options: calendarOptions(url: base + FeedsLayout.calendar, name: seminar.title))),
            OutputDocument(path: FeedsLayout.webPage, bytes: try WebPageWriter.write(talks: talks, context: context, links: pageLinks)),
            OutputDocument(path: FeedsLayout.stylesheet, bytes: try FeedStylesheet.write(context: context, links: pageLinks)),
        ]
    }

    /// The documents of one frozen year, with the neighbours recorded when it was frozen:
    /// freezing a later year never changes an earlier year's documents.
    func archiveDocuments(year: Int, record: SnapshotRecord) throws -> [OutputDocument] {
        try archiveDocuments(year: year, previousYear: record.previousYear, nextYear: record.nextYear)
    }

    func archiveDocuments(year: Int, previousYear: Int?, nextYear: Int?) throws -> [OutputDocument] {
        let ofYear = talks.filter { $0.year == year }
        let links = FeedDocumentLinks(
            selfURL: base + FeedsLayout.archiveAtom(year), alternateURL: seminar.homePage,
            current: base + FeedsLayout.atom,
            prevArchive: previousYear.map { base + FeedsLayout.archiveAtom($0) },
            nextArchive: nextYear.map { base + FeedsLayout.archiveAtom($0) },
            isArchive: true, stylesheet: "../../" + FeedsLayout.stylesheet)
        var rssLinks = links
        rssLinks.selfURL = base + FeedsLayout.archiveRSS(year)
        rssLinks.current = base + FeedsLayout.rss
        rssLinks.prevArchive = previousYear.map { base + FeedsLayout.archiveRSS($0) }
        rssLinks.nextArchive = nextYear.map { base + FeedsLayout.archiveRSS($0) }
        return [
            OutputDocument(path: FeedsLayout.archiveAtom(year), bytes: try AtomFeedWriter.write(talks: ofYear, context: context, links: links)),
            OutputDocument(path: FeedsLayout.archiveRSS(year), bytes: try RSSFeedWriter.write(talks: ofYear, context: context, links: rssLinks)),
            OutputDocument(path: FeedsLayout.archiveCalendar(year), bytes: ICalendarWriter.write(
                talks: ofYear, context: context,
                options: calendarOptions(url: base + FeedsLayout.archiveCalendar(year), name: seminar.title + " (" + String(year) + ")"))),
        ]
    }

    var webPageLinks: WebPageLinks {
        WebPageLinks(atom: FeedsLayout.atom, rss: FeedsLayout.rss, jsonFeed: FeedsLayout.jsonFeed,
                     calendar: FeedsLayout.calendar, calendarAbsoluteURL: base + FeedsLayout.calendar)
    }

    func calendarOptions(url: String, name: String) -> ICalendarOptions {
        ICalendarOptions(calendarName: name, calendarURL: url)
    }
}

/// Private meeting links never reach public documents: the link is removed and the talk
/// marked, so every writer says "link sent on request" instead.
enum PrivacyFilter {
    static func publicView(of talk: Talk, seminar: Seminar) -> Talk {
        guard talk.meetingIsPrivate || seminar.meetingLinksArePrivate, talk.meeting != nil else { return talk }
        var t = talk
        t.meeting = nil
        t.meetingIsPrivate = true
        return t
    }

    /// For `--private-out`: the link is shown like a public one.
    static func organisersView(of talk: Talk) -> Talk {
        guard talk.meeting != nil else { return talk }
        var t = talk
        t.meetingIsPrivate = false
        return t
    }
}
