import SeminarArchive

/// The message ids of a talk's announcements, and how they thread.
///
/// An announcement is the talk as it stands at one `sequence`, so its id is made of the
/// talk's id and that sequence: sending it again gives the same id (a list or a mail
/// client drops the duplicate), and a talk that changed gets a new one. Announcement,
/// reschedule, cancellation and postponement share the id of their sequence (each is
/// "the talk as it now stands"); a reminder has its own. A follow-up answers the
/// announcement of the sequence before its own (for a reminder, of its own sequence),
/// which needs no record of what was sent: ids are computed, not stored.
struct AnnouncementThread {
    let talk: Talk
    let seminar: Seminar
    let kind: AnnouncementKind

    var messageID: String { id(sequence: talk.sequence, reminder: kind == .reminder) }

    /// The sequence of the announcement this one follows up, if any.
    var parentSequence: Int? {
        guard kind.followsUp else { return nil }
        if kind == .reminder { return talk.sequence }
        return talk.sequence > 0 ? talk.sequence - 1 : nil
    }

    var inReplyTo: String? { parentSequence.map { id(sequence: $0, reminder: false) } }

    /// The first announcement and the latest ones up to the parent (RFC 5322 3.6.4 lets
    /// a long list be trimmed; the first and the parent are the ones clients need).
    var references: [String] {
        guard let parent = parentSequence else { return [] }
        let latest = max(1, parent - AnnouncementWriter.referencesLimit + 2)...max(1, parent)
        return ([0] + (parent > 0 ? Array(latest) : [])).map { id(sequence: $0, reminder: false) }
    }

    /// `<s3.TALK-ID.tnn-internal-seminar.talk@epfl.ch>`: the talk's id and sequence, then
    /// the id prefix's specific part and its authority (RFC 4151), so that two seminars
    /// of one domain never share an id. Every piece holds atom characters only (RFC 5322
    /// 3.6.4): a `.` of the talk's id is written `=2E`, other characters become `.`.
    func id(sequence: Int, reminder: Bool) -> String {
        let (authority, specific) = Self.tagParts(seminar.idPrefix)
        let talkID = talk.id.replacingOccurrences(of: ".", with: "=2E")
        let pieces = (reminder ? ["reminder"] : []) + ["s" + String(sequence), talkID] + Self.atoms(specific)
        return "<" + pieces.joined(separator: ".") + "@" + authority + ">"
    }

    /// `tag:epfl.ch,2021:seminar/talk/` → (`epfl.ch`, `seminar/talk/`); an authority that
    /// is an e-mail address gives its domain.
    static func tagParts(_ prefix: String) -> (authority: String, specific: String) {
        let rest = prefix.hasPrefix("tag:") ? prefix.dropFirst(4) : Substring(prefix)
        let comma = rest.firstIndex(of: ",") ?? rest.endIndex
        let authority = rest[..<comma].split(separator: "@").last.map(String.init) ?? "localhost"
        let colon = rest.firstIndex(of: ":").map(rest.index(after:)) ?? rest.endIndex
        return (authority, String(rest[colon...]))
    }

    /// The runs of letters, digits and `-` of `text`.
    static func atoms(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) }).map(String.init)
    }
}
