import Crypto
import Foundation
import LaTeX
import SeminarArchive
import SeminarFeeds

/// The record of a frozen year, kept in the archive (`archive/snapshots/2021.json`) so
/// that the freeze lives in git with the talks.
///
/// It pins three things: which talks the year holds, a fingerprint of every field of
/// each (so a later edit is caught and named), and the SHA-256 digest of every published
/// document of the year (so a changed or damaged file is caught).
///
/// Records made since the build learned to skip unchanged frozen files also hold the
/// digest of each talk file and the talk defaults it was read with: a build leaves a
/// file that still matches unparsed (see `PinnedTalkFiles`). Older records lack them and
/// are checked field by field, as before. Pinning is not part of the format, which is
/// about how documents render.
public struct SnapshotRecord: Codable, Equatable, Sendable {
    /// The rendering of archive documents this record was made with. A tool that supports
    /// a format renders a year of that format byte for byte as it was frozen, forever:
    /// - 1: each entry's HTML escaped as text (`&lt;p&gt;`);
    /// - 2: each entry's HTML in CDATA sections, about half the size;
    /// - 3: a calendar event whose end falls in the hour repeated when the clocks go back
    ///   ends in UTC, which names one instant (see `AmbiguousCalendarEnd`); a cancelled or
    ///   postponed talk offers no meeting link (see `MeetingOfTalksNotHappening`);
    /// - 4: a calendar event names the seminar's contact as its ORGANIZER, which RFC 5546
    ///   requires with METHOD:PUBLISH (see `CalendarOrganizer`); math in titles, abstracts
    ///   and the description follows the unambiguous rules of the linear text
    ///   (`LinearMathRules`: fractions grouped, operator names and bare scripts set apart,
    ///   Greek script letters), in plain text and in the entries' HTML.
    ///   Each talk also has its own page and one-talk calendar under `talks/`, part of the
    ///   year's documents, which the feed entries link to (see `TalkPages`); a bare
    ///   `http(s)://` address in an abstract is a link (see `BareURLs`); the talk pages
    ///   show math as MathML, as the seminar's page does.
    /// A new freeze, or an amendment, takes the current format.
    public static let currentFormat = 4

    /// How the Atom and RSS documents of a year frozen with `format` carry HTML.
    static func htmlEmbedding(format: Int) -> HTMLEmbedding {
        format >= 2 ? .cdataSections : .escapedText
    }

    /// The rules of the linear text of math (and of its grouping in HTML) in the documents
    /// of a year frozen with `format`.
    static func linearMath(format: Int) -> LinearMathRules {
        format >= 4 ? .unambiguous : .original
    }

    /// How the calendar of a year frozen with `format` writes an end whose local reading
    /// happens twice.
    static func ambiguousCalendarEnds(format: Int) -> AmbiguousCalendarEnd {
        format >= 3 ? .inUTC : .local
    }

    /// Whether the documents of a year frozen with `format` offer the meeting link of a
    /// talk cancelled or postponed.
    static func meetingOfTalksNotHappening(format: Int) -> MeetingOfTalksNotHappening {
        format >= 3 ? .withheld : .offered
    }

    /// Whether the HTML of the documents of a year frozen with `format` links bare URLs.
    static func bareURLs(format: Int) -> BareURLs {
        format >= 4 ? .linked : .text
    }

    /// Whether the documents of a year frozen with `format` include its talks' pages.
    static func talkPages(format: Int) -> TalkPages {
        format >= 4 ? .published : .absent
    }

    /// Whether the calendar events of a year frozen with `format` name an ORGANIZER.
    static func calendarOrganizer(format: Int) -> CalendarOrganizer {
        format >= 4 ? .contact : .omitted
    }

    public var year: Int
    public var format: Int
    /// The neighbouring frozen years when the documents were written (RFC 5005
    /// `prev-archive` / `next-archive`). Kept here, not recomputed, because freezing a later
    /// year must not change an earlier year's published documents.
    public var previousYear: Int?
    public var nextYear: Int?
    /// Published documents, by path under `feeds/`, with `sha256:` digests.
    public var documents: [String: String]
    /// Talks of the year, by permanent id.
    public var talks: [String: FrozenTalk]
    /// Deliberate corrections made with `seminar snapshot YEAR --amend --reason …`.
    public var amendments: [Amendment]
    /// What talk files inherited from `seminar.json` when the year was frozen
    /// (`ArchiveLoadResult.talkDefaults`). Nil in records made before files were pinned.
    public var talkDefaults: String?
    /// The newest `updated` of the year's talks (RFC 3339), as frozen or last amended: the
    /// date of the subscription documents once no talk is left in them (every year
    /// frozen), which a build knows without reading the year's talk files. Nil in records
    /// made before; not part of the format, which is about how documents render.
    public var updated: String?

    /// A fingerprint of each `seminar.json` field the year's documents show (see
    /// `SeminarFingerprint`), as frozen or last amended, so that `check` names a field
    /// changed since. Nil in records made before; not part of the format.
    public var seminar: [String: String]?

    public struct FrozenTalk: Codable, Equatable, Sendable {
        /// The talk file when the year was frozen, relative to the archive, for messages.
        public var file: String
        /// Field name to a short digest of its value (see `TalkFingerprint`).
        public var fields: [String: String]
        /// The `sha256:` digest of the talk file's bytes. Nil in records made before files
        /// were pinned.
        public var source: String?

        public init(file: String, fields: [String: String], source: String? = nil) {
            self.file = file
            self.fields = fields
            self.source = source
        }

        /// What the synthesized decoder does, about twice as fast (measured on a year of
        /// 280 talks): a build reads the fingerprints of every frozen talk, and decoding
        /// `[String: String]` generically was most of that.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            file = try container.decode(String.self, forKey: .file)
            source = try container.decodeIfPresent(String.self, forKey: .source)
            if decoder.userInfo[SnapshotRecord.skipsFieldFingerprints] as? Bool == true {
                fields = [:]
                return
            }
            let digests = try container.nestedContainer(keyedBy: FieldName.self, forKey: .fields)
            var fields: [String: String] = [:]
            fields.reserveCapacity(digests.allKeys.count)
            for key in digests.allKeys {
                fields[key.stringValue] = try digests.decode(String.self, forKey: key)
            }
            self.fields = fields
        }

        /// Any field name: the fingerprinted fields are `TalkFingerprint`'s to decide.
        private struct FieldName: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    public struct Amendment: Codable, Equatable, Sendable {
        /// When the amendment was recorded (RFC 3339).
        public var at: String
        public var reason: String
        /// What changed, as "file: field" lines, and which documents were rewritten.
        public var changes: [String]
    }

    public init(
        year: Int, format: Int = SnapshotRecord.currentFormat, previousYear: Int?, nextYear: Int?,
        documents: [String: String], talks: [String: FrozenTalk], amendments: [Amendment] = [], talkDefaults: String? = nil,
        updated: String? = nil, seminar: [String: String]? = nil
    ) {
        self.year = year
        self.format = format
        self.previousYear = previousYear
        self.nextYear = nextYear
        self.documents = documents
        self.talks = talks
        self.amendments = amendments
        self.talkDefaults = talkDefaults
        self.updated = updated
        self.seminar = seminar
    }

    /// Canonical bytes: sorted keys, so the record diffs cleanly in git.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    /// `withFieldFingerprints: false` leaves every talk's `fields` empty (see `SnapshotStore.load`).
    public static func decode(_ bytes: [UInt8], withFieldFingerprints: Bool = true) throws -> SnapshotRecord {
        let decoder = JSONDecoder()
        if !withFieldFingerprints { decoder.userInfo[skipsFieldFingerprints] = true }
        return try decoder.decode(SnapshotRecord.self, from: Data(bytes))
    }

    static let skipsFieldFingerprints = CodingUserInfoKey(rawValue: "skipsFieldFingerprints")!
}

/// A short digest of each field of a talk that can change what its documents say.
/// Sixteen hex digits of SHA-256 per field: this finds *which* field changed; the full
/// document digests are what guarantee the documents themselves.
public enum TalkFingerprint {
    public static func fields(of talk: Talk) -> [String: String] {
        let values: [String: String] = [
            "title": talk.title,
            "speakers": talk.speakers.map { [$0.name, $0.affiliation ?? "", $0.url ?? "", $0.email ?? ""].joined(separator: "\u{1F}") }
                .joined(separator: "\u{1E}"),
            "start": talk.start?.description ?? "",
            "timezone": talk.timeZone,
            "duration": String(talk.duration),
            "abstract": talk.abstract,
            "meeting": talk.meeting ?? "",
            "privateMeeting": talk.meetingIsPrivate ? "true" : "false",
            "location": talk.location ?? "",
            "links": talk.links.map { $0.title + "\u{1F}" + $0.url }.joined(separator: "\u{1E}"),
            "status": talk.status.rawValue,
            "published": talk.published.rfc3339,
            "updated": talk.updated.rfc3339,
            "sequence": String(talk.sequence),
        ]
        return fieldDigests(values)
    }
}

/// The fields of `seminar.json` that every document of a frozen year shows (the feed's
/// title, subtitle, author, links and ids), by their names in the file. The organisers,
/// default start time and duration and extra macros are not shown; the time zone reaches
/// the documents through the talks, whose own fingerprints catch it.
public enum SeminarFingerprint {
    public static func fields(of seminar: Seminar) -> [String: String] {
        fieldDigests([
            "title": seminar.title,
            "description": seminar.description,
            "homePage": seminar.homePage,
            "feedsBaseURL": seminar.feedsBaseURL,
            "language": seminar.language,
            "contact": seminar.contact.name + "\u{1F}" + (seminar.contact.email ?? ""),
            "idPrefix": seminar.idPrefix,
        ])
    }
}

/// A short digest of each value: enough to tell a change, and the record stays small.
private func fieldDigests(_ values: [String: String]) -> [String: String] {
    var digests: [String: String] = [:]
    for (field, value) in values {
        var text = value
        digests[field] = text.withUTF8 { hexDigits(SHA256.hash(data: UnsafeRawBufferPointer($0)).prefix(8)) }
    }
    return digests
}
