import SeminarFeeds

/// Where each document lives under `feeds/`, and so under the seminar's `feedsBaseURL`.
/// These paths are public URLs: subscribers have them, so they never change.
public enum FeedsLayout {
    public static let atom = "atom.xml"
    public static let rss = "rss.xml"
    public static let jsonFeed = "feed.json"
    public static let calendar = "calendar.ics"
    public static let webPage = "index.html"
    public static let stylesheet = "feed.xsl"

    public static func archiveFolder(_ year: Int) -> String { "archive/" + String(year) + "/" }
    public static func archiveAtom(_ year: Int) -> String { archiveFolder(year) + "atom.xml" }
    public static func archiveRSS(_ year: Int) -> String { archiveFolder(year) + "rss.xml" }
    public static func archiveCalendar(_ year: Int) -> String { archiveFolder(year) + "calendar.ics" }
    /// A talk's own page and its calendar, by the talk's permanent id.
    public static func talkPage(_ id: String) -> String { TalkPageAddress.page(of: id) }
    public static func talkCalendar(_ id: String) -> String { TalkPageAddress.calendar(of: id) }
}

/// One file to publish: its path under `feeds/` and its exact bytes.
public struct OutputDocument: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
