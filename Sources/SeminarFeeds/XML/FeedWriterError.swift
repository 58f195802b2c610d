/// Why a feed could not be written. Every case names where the problem is, so that the
/// publisher can point at the talk file to fix instead of shipping a broken document.
public indirect enum FeedWriterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A character that XML 1.0 does not allow anywhere in a document (C0 controls other
    /// than tab, line feed and carriage return; U+FFFE; U+FFFF). `place` says what was being
    /// written, such as "text of <title>" or "attribute href of <link>".
    case forbiddenCharacter(scalar: UInt32, utf8Offset: Int, place: String)
    /// An element, attribute or processing-instruction name that is not an XML name.
    case invalidName(String, place: String)
    /// A libxml2 call returned an error code.
    case libxml2(call: String, code: Int32)
    /// The sink the document was written to failed (a full disk, …), as it described it.
    case output(String)
    /// The writer itself was misused (an element closed that was never opened, …).
    case misuse(String)
    /// A dated talk whose time zone is not in `FeedContext.zones`: without it the talk
    /// would silently read "Date to be defined".
    case unknownTimeZone(String)
    /// A talk holds a meeting link that is private (`Talk.meetingIsPrivate` or
    /// `Seminar.meetingLinksArePrivate`): public documents must never carry it, and the
    /// loader is expected to have dropped it.
    case privateMeetingLink
    /// Any of the above, while writing the given talk.
    case inTalk(id: String, FeedWriterError)

    public var description: String {
        switch self {
        case let .forbiddenCharacter(scalar, offset, place):
            let hex = String(scalar, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return "character U+\(padded) at UTF-8 offset \(offset) in the \(place) is not allowed in XML 1.0"
        case let .invalidName(name, place):
            return "`\(name)` is not a valid XML name (\(place))"
        case let .libxml2(call, code):
            return "libxml2 \(call) failed with code \(code)"
        case let .output(message):
            return "could not write the document: \(message)"
        case let .misuse(message):
            return "XML writer misuse: \(message)"
        case let .unknownTimeZone(zone):
            return "time zone `\(zone)` was not loaded into the feed context"
        case .privateMeetingLink:
            return "the meeting link is private and must not reach a public document"
        case let .inTalk(id, error):
            return "talk \(id): \(error.description)"
        }
    }
}
