import Foundation
import SeminarArchive
import SeminarFeeds

/// Decides which documents to publish and renders them, purely: the checked archive in,
/// documents out. Nothing here reads the clock or the disk.
///
/// - Subscription documents (Atom, RSS, JSON Feed, calendar) hold the talks of every year
///   that is not frozen, and point to the newest frozen year with `prev-archive`, so their
///   size stays bounded however long the history grows.
/// - Each frozen year has its own Atom, RSS and calendar documents under `archive/YEAR/`.
/// - The web page shows the talks of the years that are not frozen, and links to the
///   frozen years' documents.
///
/// So a build renders only the talks that are not frozen: a frozen year's talks are
/// rendered again only for its own documents, when those are needed.
struct DocumentPlanner: Sendable {
    let seminar: Seminar
    /// With the presentations the check made, if any; each rendering computes those of the
    /// other talks it shows.
    let context: FeedContext
    /// Every talk, in feed order, as the audience of these documents may see it.
    let talks: [Talk]
    /// Talks of the years that are not frozen, including those still to be defined.
    let currentTalks: [Talk]
    let records: [Int: SnapshotRecord]
    /// Whether the talks of the open years get their own pages (`TalkPageAddress`).
    /// Frozen years have them as their snapshot format says.
    let talkPages: Bool

    init(checked: CheckedArchive, seminar: Seminar, includePrivateLinks: Bool, talkPages: Bool = true) {
        self.talkPages = talkPages
        if includePrivateLinks {
            // The organisers' set: every link is shown, so nothing is marked private.
            var open = seminar
            open.meetingLinksArePrivate = false
            self.seminar = open
            talks = checked.talks.map { PrivacyFilter.organisersView(of: $0.talk) }
        } else {
            self.seminar = seminar
            talks = checked.talks.map { PrivacyFilter.publicView(of: $0.talk, seminar: seminar) }
        }
        records = checked.records
        // With no year frozen, the same array: a copy of 10,000 talks is 3.6 MB, and a
        // filter grows its copy to nearly twice that.
        currentTalks = checked.records.isEmpty ? talks : talks.filter { checked.records[$0.year] == nil }
        let context = Self.context(seminar: self.seminar, zones: checked.zones, talkPages: talkPages)
        // The public set's presentations come with the check, made from its parse (`TalkPresenter`).
        self.context = includePrivateLinks ? context : context.withPresentations(checked.presentations)
    }

    /// The context of the documents of the years that are not frozen.
    static func context(seminar: Seminar, zones: [String: ZoneInfo], talkPages: Bool) -> FeedContext {
        var context = FeedContext(seminar: seminar, zones: zones)
        context.talkPages = talkPages ? .published : .absent
        return context
    }

    var base: String { seminar.feedsBaseURL }
    var frozenYears: [Int] { records.keys.sorted() }

    /// One document (or one frozen year's documents) to render; jobs run on every core.
    enum Job: Sendable {
        case atom, rss, jsonFeed, calendar, webPage, stylesheet
        case archive(year: Int)
        /// The pages of the current talks at `indices` (of `currentTalks`), with their
        /// one-talk calendars.
        case talkPages(indices: Range<Int>)

        /// Whether the job shows the talks of the years that are not frozen.
        var showsCurrentTalks: Bool {
            switch self {
            case .atom, .rss, .jsonFeed, .calendar, .webPage, .talkPages: return true
            case .stylesheet, .archive: return false
            }
        }
    }

    /// The subscription documents, then the current talks' pages in a few dozen jobs per
    /// core: thousands of small files, one job each would cost more than it shares; a few
    /// large jobs left one core rendering the last of them alone (up to a third of a second
    /// of a 10,000-talk build on two cores, with four jobs per core).
    var subscriptionJobs: [Job] {
        guard talkPages, !currentTalks.isEmpty else { return Self.subscriptionJobs }
        let parts = min(currentTalks.count, 32 * ProcessInfo.processInfo.activeProcessorCount)
        let pages = (0..<parts).map { part in
            Job.talkPages(indices: currentTalks.count * part / parts..<currentTalks.count * (part + 1) / parts)
        }
        return Self.subscriptionJobs + pages
    }

    /// Longest first: jobs run on every core in this order, and the web page (talks with
    /// their abstracts, as a tree) takes as long as the others together.
    static let subscriptionJobs: [Job] = [.webPage, .calendar, .jsonFeed, .atom, .rss, .stylesheet]

    /// Every document: the subscription documents and every frozen year's.
    func allDocuments() throws -> [OutputDocument] {
        try render(subscriptionJobs + frozenYears.map { .archive(year: $0) })
    }

    /// The documents of `jobs`, rendered on every core, in the order of `jobs`.
    func render(_ jobs: [Job]) throws -> [OutputDocument] {
        let outcomes = render(jobs, open: CollectedDocument.init(path:))
        if let error = outcomes.lazy.compactMap(\.error).first { throw error }
        return outcomes.flatMap(\.delivered)
    }

    /// What one job delivered, and the error that stopped it if one did.
    struct Delivery<Delivered: Sendable>: Sendable {
        var delivered: [Delivered] = []
        var error: (any Error)?
    }

    /// Renders `jobs` on every core, writing each document into the output `open` gives
    /// for its path as it is rendered, so that its bytes need not stay in memory. One
    /// delivery per job, in the order of `jobs`, with what was delivered even when the
    /// job then failed, so that the caller can undo it.
    func render<Output: DocumentOutput>(
        _ jobs: [Job], open: @Sendable (String) throws -> Output
    ) -> [Delivery<Output.Delivered>] {
        // Each current talk is rendered once, on every core, and shared by all the documents.
        let context = jobs.contains(where: \.showsCurrentTalks) ? context.withPresentations(of: currentTalks) : context
        return ConcurrentMap.map(jobs) { job in
            var outcome = Delivery<Output.Delivered>()
            do {
                try render(job, context: context, open: open, into: &outcome.delivered)
            } catch {
                outcome.error = error
            }
            return outcome
        }
    }

    private func render<Output: DocumentOutput>(
        _ job: Job, context: FeedContext, open: (String) throws -> Output, into delivered: inout [Output.Delivered]
    ) throws {
        func emit(_ path: String, _ write: (Output) throws -> Void) throws {
            delivered.append(try open(path).complete(write))
        }
        switch job {
        case .atom:
            try emit(FeedsLayout.atom) { try AtomFeedWriter.write(
                talks: currentTalks, context: context, links: subscriptionLinks(self: FeedsLayout.atom, archive: FeedsLayout.archiveAtom), to: $0) }
        case .rss:
            try emit(FeedsLayout.rss) { try RSSFeedWriter.write(
                talks: currentTalks, context: context, links: subscriptionLinks(self: FeedsLayout.rss, archive: FeedsLayout.archiveRSS), to: $0) }
        case .jsonFeed:
            try emit(FeedsLayout.jsonFeed) { try JSONFeedWriter.write(
                talks: currentTalks, context: context, feedURL: base + FeedsLayout.jsonFeed, homePageURL: seminar.homePage, to: $0) }
        case .calendar:
            try emit(FeedsLayout.calendar) { try ICalendarWriter.write(
                talks: currentTalks, context: context, options: calendarOptions(url: base + FeedsLayout.calendar, name: seminar.title), to: $0) }
        case .webPage:
            try emit(FeedsLayout.webPage) { try WebPageWriter.write(
                talks: currentTalks, archivedYears: archivedYears, context: context, links: webPageLinks, to: $0) }
        case .stylesheet:
            try emit(FeedsLayout.stylesheet) { try $0.write(FeedStylesheet.write(context: context, links: webPageLinks)) }
        case let .talkPages(indices):
            let calendarParts = ICalendarParts()
            for talk in currentTalks[indices] {
                try emitTalkPage(talk, context: context, links: talkPageLinks(of: talk, year: nil), calendarParts: calendarParts,
                                 open: open, into: &delivered)
            }
        case let .archive(year):
            guard let record = records[year] else { return }
            try archiveDocuments(year: year, previousYear: record.previousYear, nextYear: record.nextYear, format: record.format,
                                 open: open, into: &delivered)
        }
    }

    /// The frozen years as the web page lists them. The counts are the records': a build
    /// may not have parsed a frozen year's talks, and the check has made sure the record
    /// holds exactly the talks of the year.
    var archivedYears: [WebPageWriter.ArchivedYear] {
        frozenYears.map { year in
            WebPageWriter.ArchivedYear(year: year, talkCount: records[year]?.talks.count ?? 0, atom: FeedsLayout.archiveAtom(year),
                                       rss: FeedsLayout.archiveRSS(year), calendar: FeedsLayout.archiveCalendar(year))
        }
    }

    /// A subscription document links to itself and to the newest frozen year (RFC 5005).
    func subscriptionLinks(self path: String, archive: (Int) -> String) -> FeedDocumentLinks {
        FeedDocumentLinks(
            selfURL: base + path, alternateURL: seminar.homePage,
            current: nil, prevArchive: frozenYears.last.map { base + archive($0) }, nextArchive: nil,
            isArchive: false, stylesheet: FeedsLayout.stylesheet, archivedTalksUpdated: archivedTalksUpdated)
    }

    /// The newest `updated` of the frozen years' talks: from their records, and from the
    /// talks of frozen years that were read (all of them for records made before records
    /// kept it; see `Publisher.buildEverything`).
    var archivedTalksUpdated: Instant? {
        let recorded = records.values.compactMap { $0.updated.flatMap(Instant.init(rfc3339:)) }
        let read = talks.lazy.filter { records[$0.year] != nil }.map(\.updated)
        return (recorded + read).max()
    }

    /// The documents of one frozen year, with the neighbours recorded when it was frozen
    /// (freezing a later year never changes an earlier year's documents), rendered as the
    /// snapshot `format` says.
    func archiveDocuments(year: Int, previousYear: Int?, nextYear: Int?, format: Int) throws -> [OutputDocument] {
        var documents: [OutputDocument] = []
        try archiveDocuments(year: year, previousYear: previousYear, nextYear: nextYear, format: format,
                             open: CollectedDocument.init(path:), into: &documents)
        return documents
    }

    private func archiveDocuments<Output: DocumentOutput>(
        year: Int, previousYear: Int?, nextYear: Int?, format: Int, open: (String) throws -> Output, into delivered: inout [Output.Delivered]
    ) throws {
        let ofYear = talks.filter { $0.year == year }
        // The year's talks are rendered once for its three documents, as its format says.
        var context = self.context
        context.htmlEmbedding = SnapshotRecord.htmlEmbedding(format: format)
        context.ambiguousCalendarEnds = SnapshotRecord.ambiguousCalendarEnds(format: format)
        context.meetingOfTalksNotHappening = SnapshotRecord.meetingOfTalksNotHappening(format: format)
        context.talkPages = SnapshotRecord.talkPages(format: format)
        context.bareURLs = SnapshotRecord.bareURLs(format: format)
        context.calendarOrganizer = SnapshotRecord.calendarOrganizer(format: format)
        context.linearMath = SnapshotRecord.linearMath(format: format)
        context = context.withPresentations(of: ofYear)
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
        delivered.append(try open(FeedsLayout.archiveAtom(year)).complete {
            try AtomFeedWriter.write(talks: ofYear, context: context, links: links, to: $0)
        })
        delivered.append(try open(FeedsLayout.archiveRSS(year)).complete {
            try RSSFeedWriter.write(talks: ofYear, context: context, links: rssLinks, to: $0)
        })
        delivered.append(try open(FeedsLayout.archiveCalendar(year)).complete {
            try ICalendarWriter.write(
                talks: ofYear, context: context,
                options: calendarOptions(url: base + FeedsLayout.archiveCalendar(year), name: seminar.title + " (" + String(year) + ")"), to: $0)
        })
        if context.talkPages == .published {
            let calendarParts = ICalendarParts()
            for talk in ofYear {
                try emitTalkPage(talk, context: context, links: talkPageLinks(of: talk, year: year), calendarParts: calendarParts,
                                 open: open, into: &delivered)
            }
        }
    }

    /// A talk's page and its one-talk calendar: the calendar writer given this talk alone,
    /// so its event has the UID and SEQUENCE it has in every other calendar.
    private func emitTalkPage<Output: DocumentOutput>(
        _ talk: Talk, context: FeedContext, links: TalkPageLinks, calendarParts: ICalendarParts,
        open: (String) throws -> Output, into delivered: inout [Output.Delivered]
    ) throws {
        delivered.append(try open(FeedsLayout.talkPage(talk.id)).complete { try $0.write(TalkPageWriter.write(talk, context: context, links: links)) })
        guard !talk.isToBeDefined else { return }
        delivered.append(try open(FeedsLayout.talkCalendar(talk.id)).complete {
            try ICalendarWriter.write(talks: [talk], context: context,
                                      options: calendarOptions(url: base + FeedsLayout.talkCalendar(talk.id), name: seminar.title),
                                      parts: calendarParts, to: $0)
        })
    }

    /// Where a talk's page leads, relative to `talks/`: the seminar's page, and the feeds
    /// that hold the talk (a frozen `year`'s own documents, or the subscription ones).
    func talkPageLinks(of talk: Talk, year: Int?) -> TalkPageLinks {
        let up = "../"
        let feeds: [TalkPageLinks.Feed]
        if let year {
            let suffix = " of " + String(year)
            feeds = [
                .init(label: "Atom feed" + suffix, href: up + FeedsLayout.archiveAtom(year), type: AtomFeedWriter.mediaType),
                .init(label: "RSS feed" + suffix, href: up + FeedsLayout.archiveRSS(year), type: RSSFeedWriter.mediaType),
                .init(label: "Calendar of " + String(year), href: up + FeedsLayout.archiveCalendar(year)),
                .init(label: "Subscribe to new talks (Atom)", href: up + FeedsLayout.atom),
            ]
        } else {
            feeds = [
                .init(label: "Atom feed", href: up + FeedsLayout.atom, type: AtomFeedWriter.mediaType),
                .init(label: "RSS feed", href: up + FeedsLayout.rss, type: RSSFeedWriter.mediaType),
                .init(label: "JSON Feed", href: up + FeedsLayout.jsonFeed, type: "application/feed+json"),
                .init(label: "Calendar of every talk", href: up + FeedsLayout.calendar),
            ]
        }
        return TalkPageLinks(pageURL: base + FeedsLayout.talkPage(talk.id),
                             calendar: String(FeedsLayout.talkCalendar(talk.id).dropFirst(TalkPageAddress.folder.count)),
                             seminarPage: up + FeedsLayout.webPage, feeds: feeds)
    }

    var webPageLinks: WebPageLinks {
        WebPageLinks(atom: FeedsLayout.atom, rss: FeedsLayout.rss, jsonFeed: FeedsLayout.jsonFeed,
                     calendar: FeedsLayout.calendar, calendarAbsoluteURL: base + FeedsLayout.calendar, talkPages: talkPages)
    }

    func calendarOptions(url: String, name: String) -> ICalendarOptions {
        ICalendarOptions(calendarName: name, calendarURL: url)
    }
}

/// Private meeting links never reach public documents: the link is removed and the talk
/// marked, so every writer says "link sent on request" instead.
public enum PrivacyFilter {
    public static func publicView(of talk: Talk, seminar: Seminar) -> Talk {
        guard seminar.isMeetingPrivate(talk), talk.meeting != nil else { return talk }
        var t = talk
        t.meeting = nil
        t.meetingIsPrivate = true
        return t
    }

    /// For `--private-out`: the link is shown like a public one.
    public static func organisersView(of talk: Talk) -> Talk {
        guard talk.meeting != nil else { return talk }
        var t = talk
        t.meetingIsPrivate = false
        return t
    }
}
