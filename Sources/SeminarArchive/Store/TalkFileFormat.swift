import Foundation

/// The on-disk shape of a talk, for JSONEncoder. Optional members are nil when the talk
/// has the default, so the encoder leaves them out and files stay short and diff well.
struct TalkFileFormat: Encodable {
    struct Speaker: Encodable {
        var name: String
        var affiliation: String?
        var url: String?
    }
    struct Link: Encodable {
        var title: String
        var url: String
    }

    var id: String
    var title: String
    var speakers: [Speaker]
    var start: String?
    var timezone: String
    var duration: Int
    var abstract: String
    var meeting: String?
    var privateMeeting: Bool?
    var location: String?
    var links: [Link]?
    var status: String
    var published: String
    var updated: String
    var sequence: Int?

    init(_ talk: Talk) {
        id = talk.id
        title = talk.title
        speakers = talk.speakers.map { Speaker(name: $0.name, affiliation: $0.affiliation, url: $0.url) }
        start = talk.start?.description
        // Always written, although seminar.json has a default: a talk pinned to its zone
        // keeps its time if the seminar's default zone ever changes.
        timezone = talk.timeZone
        duration = talk.duration
        abstract = talk.abstract
        meeting = talk.meeting
        privateMeeting = talk.meetingIsPrivate ? true : nil
        location = talk.location
        links = talk.links.isEmpty ? nil : talk.links.map { Link(title: $0.title, url: $0.url) }
        status = talk.status.rawValue
        published = talk.published.rfc3339
        updated = talk.updated.rfc3339
        sequence = talk.sequence == 0 ? nil : talk.sequence
    }
}

/// File names: `2021-06-28-scott-pesme.json`, `tbd-francesco-cagnetta.json`.
enum TalkFileNaming {
    static func datePart(of start: LocalDateTime) -> String {
        fourDigits(start.year) + "-" + twoDigits(start.month) + "-" + twoDigits(start.day)
    }

    /// `2021-06-28` or `tbd` when the name starts with one, else nil.
    static func datePart(ofFileName name: String) -> String? {
        let u = Array(name.utf8)
        func digit(_ i: Int) -> Bool { i < u.count && (0x30...0x39).contains(u[i]) }
        if u.count >= 10, [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy(digit), u[4] == 0x2D, u[7] == 0x2D,
           u.count == 10 || u[10] == 0x2D || u[10] == 0x2E {
            return String(name.prefix(10))
        }
        if name.hasPrefix("tbd-") || name.hasPrefix("tbd.") { return "tbd" }
        return nil
    }

    /// Whether `name` starts with `YYYY-MM-DD` of `start` followed by `-` or `.`.
    static func fileName(_ name: String, startsWithDateOf start: LocalDateTime) -> Bool {
        var expected: [UInt8] = []
        expected.reserveCapacity(10)
        for (value, width) in [(start.year, 4), (start.month, 2), (start.day, 2)] {
            if !expected.isEmpty { expected.append(UInt8(ascii: "-")) }
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                expected.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        var bytes = name.utf8.makeIterator()
        for e in expected where bytes.next() != e { return false }
        let next = bytes.next()
        return next == UInt8(ascii: "-") || next == UInt8(ascii: ".")
    }

    static func fileName(datePart: String, speaker: String?) -> String {
        let slug = shortened(slug(speaker ?? ""))
        return datePart + "-" + (slug.isEmpty ? "talk" : slug) + ".json"
    }

    /// The most of a speaker's slug a file name takes. File systems refuse names over 255
    /// bytes; a name is for people browsing the folder, and the file keeps the whole name.
    static let slugLimit = 60

    /// `slug` cut to `slugLimit` bytes, at a hyphen when there is one (whole words read
    /// better), never ending with a hyphen. Slugs are ASCII, so bytes are characters.
    static func shortened(_ slug: String) -> String {
        guard slug.utf8.count > slugLimit else { return slug }
        var cut = String(slug.prefix(slugLimit))
        if slug.dropFirst(slugLimit).first != "-", let hyphen = cut.lastIndex(of: "-") { cut = String(cut[..<hyphen]) }
        while cut.hasSuffix("-") { cut.removeLast() }
        return cut
    }

    /// Letters that do not decompose into a base letter and an accent.
    private static let specialFolds: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d",
        "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ı": "i", "ŋ": "n", "ħ": "h",
    ]
    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{02BC}"]

    /// `François O’Neil-Ged` → `francois-oneil-ged`: ASCII letters and digits separated by
    /// single hyphens. Folding is by table, never by locale, so every machine agrees.
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark || apostrophes.contains(scalar) { continue }
            var piece = ""
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                piece = String(scalar).lowercased()
            } else if let folded = specialFolds[scalar] {
                piece = folded
            }
            if piece.isEmpty {
                pendingHyphen = !out.isEmpty
            } else {
                if pendingHyphen { out += "-" }
                pendingHyphen = false
                out += piece
            }
        }
        return out
    }
}
