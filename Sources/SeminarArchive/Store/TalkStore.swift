import Foundation

/// Creates and saves talk files in `archive/YEAR/`. Never reads the clock: callers pass
/// `now`, so commands and tests decide what time it is.
public struct TalkStore: Sendable {
    public let root: String

    public init(root: String) {
        self.root = ArchiveFolder(root).path
    }

    // MARK: - Canonical form

    /// The one byte form of a talk: sorted keys, two-space indentation, slashes
    /// unescaped, defaults left out, a final newline. Saving an unchanged talk gives an
    /// identical file, so version control shows only real edits.
    public static func canonicalJSON(_ talk: Talk) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Only strings, integers and booleans: encoding cannot fail.
        let data = try! encoder.encode(TalkFileFormat(talk))
        return [UInt8](data) + [0x0A]
    }

    /// `2021-06-28-scott-pesme.json`, or `tbd-francesco-cagnetta.json` while the date is
    /// to be defined: the start date and the first speaker, for people browsing the folder.
    public static func fileName(for talk: Talk) -> String {
        TalkFileNaming.fileName(datePart: talk.start.map(TalkFileNaming.datePart(of:)) ?? "tbd",
                                speaker: talk.speakers.first?.name)
    }

    // MARK: - Paths

    /// `root/YEAR/name`; `-2`, `-3`... are added when another talk's file already has the
    /// name (two talks by one speaker on one day).
    public func path(for talk: Talk) -> String {
        var n = 1
        while true {
            let candidate = candidatePath(for: talk, number: n)
            if !FileManager.default.fileExists(atPath: candidate) || idInFile(candidate) == talk.id { return candidate }
            n += 1
        }
    }

    /// The `n`-th name a talk's file may take: `2021-06-28-scott-pesme.json`, then `-2`...
    private func candidatePath(for talk: Talk, number n: Int) -> String {
        let name = Self.fileName(for: talk)
        let base = String(name.dropLast(".json".count))
        return ArchiveFolder(root).yearFolder(talk.year) + "/" + (n == 1 ? name : base + "-\(n).json")
    }

    /// The id a talk file holds, if it can be read at all.
    private func idInFile(_ path: String) -> String? {
        guard case .success(let bytes) = readFile(path) else { return nil }
        return Self.id(in: bytes)
    }

    /// The id that a talk file's bytes hold, even when the talk has other errors; nil when
    /// they are not a JSON object with a string `id`.
    public static func id(in bytes: [UInt8]) -> String? {
        JSONReader.read(bytes).root?.member("id")?.value.string
    }

    // MARK: - Writing

    /// Makes a new talk with a fresh permanent id, announced and updated `now`, and
    /// writes it. The id is random, never derived from the date or the speaker, so that
    /// rescheduling keeps every feed entry and calendar event.
    public func create(
        title: String, speakers: [Person], start: LocalDateTime?, timeZone: String, duration: Int,
        abstract: String, meeting: String? = nil, meetingIsPrivate: Bool = false, location: String? = nil,
        links: [TalkLink] = [], status: TalkStatus = .scheduled, now: Instant,
        id: String = UUID().uuidString.lowercased()
    ) throws -> (talk: Talk, path: String) {
        let talk = Self.newTalk(
            title: title, speakers: speakers, start: start, timeZone: timeZone, duration: duration, abstract: abstract,
            meeting: meeting, meetingIsPrivate: meetingIsPrivate, location: location, links: links, status: status,
            now: now, id: id)
        let path = try save(talk, previousPath: nil)
        return (talk, path)
    }

    /// A new talk, announced and updated `now`, not yet written (see `create`).
    public static func newTalk(
        title: String, speakers: [Person], start: LocalDateTime?, timeZone: String, duration: Int,
        abstract: String, meeting: String? = nil, meetingIsPrivate: Bool = false, location: String? = nil,
        links: [TalkLink] = [], status: TalkStatus = .scheduled, now: Instant,
        id: String = UUID().uuidString.lowercased()
    ) -> Talk {
        Talk(id: id, title: title, speakers: speakers, start: start, timeZone: timeZone, duration: duration,
             abstract: abstract, meeting: meeting, meetingIsPrivate: meetingIsPrivate, location: location,
             links: links, status: status, published: now, updated: now, sequence: 0)
    }

    /// The errors that would keep `talk` from loading once saved (a URL that is not http,
    /// an unknown zone, a start the clocks skip...), found by the loader's own reading of
    /// the bytes `save` would write: `add` and `edit` refuse such a talk rather than write
    /// a file that `edit` could no longer read back. LaTeX is checked later, by the
    /// publisher: a talk with a LaTeX error loads, and `edit` can correct it.
    public func loadErrors(of talk: Talk, seminar: Seminar, zones: ZoneDatabase = .system) -> [Diagnostic] {
        var defaults = SeminarDefaults()
        defaults.timeZone = seminar.timeZone
        defaults.zone = try? zones.zone(seminar.timeZone)
        defaults.duration = seminar.defaultDuration
        let path = self.path(for: talk)
        let source = JSONSourceFile(path: path, bytes: Self.canonicalJSON(talk))
        let name = String(path.split(separator: "/").last ?? "")
        return TalkReader(defaults: defaults, zones: zones).read(source, folderYear: talk.year, fileName: name)
            .diagnostics.filter { $0.severity == .error }
    }

    /// Writes `talk` canonically at its right path and returns that path. When the path
    /// changed (a new date or year), the new file is written before the old one is
    /// removed, so a failure never loses the talk (at worst it exists twice, which the
    /// loader reports as a duplicate id).
    @discardableResult
    ///
    /// A file of another talk is never replaced, even by a command running at the same
    /// time: a new name is claimed with `commitIfAbsent`, and on a clash the next name is
    /// tried. Only the talk's own file (the same id) is replaced.
    public func save(_ talk: Talk, previousPath: String?) throws -> String {
        let staged = try AtomicFile.stage(Self.canonicalJSON(talk), for: candidatePath(for: talk, number: 1))
        var path = ""
        do {
            for n in 1... {
                path = candidatePath(for: talk, number: n)
                if idInFile(path) == talk.id {
                    try staged.commit(as: path)
                    break
                }
                if try staged.commitIfAbsent(as: path) { break }
            }
        } catch {
            staged.discard()
            throw error
        }
        if let previousPath, normalized(previousPath) != normalized(path) {
            do {
                try FileManager.default.removeItem(atPath: previousPath)
            } catch where !FileManager.default.fileExists(atPath: previousPath) {
                // Already gone: nothing to clean up.
            }
        }
        return path
    }

    private func normalized(_ path: String) -> String { (path as NSString).standardizingPath }

    // MARK: - Editing

    /// `talk` with `changes` made. `updated` becomes `now` when anything actually changes;
    /// `sequence` grows only for changes that matter to attendees (when, where, whether),
    /// as RFC 5545 asks, so a typo fix does not make calendars re-announce the event.
    public func applying(_ changes: TalkChanges, to talk: Talk, now: Instant) -> Talk {
        var new = talk
        if let v = changes.title { new.title = v }
        if let v = changes.speakers { new.speakers = v }
        if let v = changes.start { new.start = v }
        if let v = changes.timeZone { new.timeZone = v }
        if let v = changes.duration { new.duration = v }
        if let v = changes.abstract { new.abstract = v }
        if let v = changes.meeting { new.meeting = v }
        if let v = changes.meetingIsPrivate { new.meetingIsPrivate = v }
        if let v = changes.location { new.location = v }
        if let v = changes.links { new.links = v }
        if let v = changes.status { new.status = v }
        // A dated talk lives in its start year; one that becomes undated stays where it
        // is unless that is after the year it was announced (the loader's folder rule).
        new.year = new.start?.year ?? min(talk.year, talk.published.utcDateTime.year)
        guard new != talk else { return talk }
        new.updated = max(now, talk.published)
        let scheduleChanged = new.start != talk.start || new.duration != talk.duration || new.timeZone != talk.timeZone
            || new.location != talk.location || new.meeting != talk.meeting || new.status != talk.status
        if scheduleChanged { new.sequence = talk.sequence + 1 }
        return new
    }
}

/// Edits to a talk; nil members are left alone. For the optional fields, `.some(nil)`
/// clears the value: `start: .some(nil)` makes the date to be defined again.
public struct TalkChanges: Sendable, Equatable {
    public var title: String?
    public var speakers: [Person]?
    public var start: LocalDateTime??
    public var timeZone: String?
    public var duration: Int?
    public var abstract: String?
    public var meeting: String??
    public var meetingIsPrivate: Bool?
    public var location: String??
    public var links: [TalkLink]?
    public var status: TalkStatus?

    public init(
        title: String? = nil, speakers: [Person]? = nil, start: LocalDateTime?? = nil, timeZone: String? = nil,
        duration: Int? = nil, abstract: String? = nil, meeting: String?? = nil, meetingIsPrivate: Bool? = nil,
        location: String?? = nil, links: [TalkLink]? = nil, status: TalkStatus? = nil
    ) {
        self.title = title
        self.speakers = speakers
        self.start = start
        self.timeZone = timeZone
        self.duration = duration
        self.abstract = abstract
        self.meeting = meeting
        self.meetingIsPrivate = meetingIsPrivate
        self.location = location
        self.links = links
        self.status = status
    }
}
