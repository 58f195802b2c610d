import SeminarArchive

/// Everything a writer needs besides the talks; all of it comes from the archive, none
/// from the machine, so the same archive always gives the same bytes.
public struct FeedContext: Sendable {
    public var seminar: Seminar
    /// Every time zone the talks use, loaded beforehand so the writers stay pure.
    public var zones: [String: ZoneInfo]
    public var generator: Generator

    public struct Generator: Sendable, Equatable {
        public var name: String
        public var version: String
        public var uri: String?
        public init(name: String, version: String, uri: String? = nil) {
            self.name = name
            self.version = version
            self.uri = uri
        }
    }

    public init(seminar: Seminar, zones: [String: ZoneInfo], generator: Generator = .seminar) {
        self.seminar = seminar
        self.zones = zones
        self.generator = generator
    }
}

extension FeedContext.Generator {
    /// This tool. The version is part of every document, so changing it changes every
    /// feed: bump it only with a release.
    public static let seminar = FeedContext.Generator(name: "seminar", version: "1.0")
}
