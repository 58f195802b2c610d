import Foundation
import SeminarArchive

/// Warnings about private meeting links that are published all the same: a private
/// talk's meeting link (or its meeting number, such as a Zoom id) written again in a field
/// every feed carries, and `privateMeetingLinks` turned on over frozen years whose
/// documents carry meeting links. Warnings, not errors: the organiser may mean it (a
/// meeting that is over), and frozen years must still build.
struct PrivateMeetingCheck {
    static let code = "private-meeting-published"

    /// The shortest run of digits taken for a meeting number: Zoom ids have 9 to 11 digits.
    static let meetingNumberDigits = 9

    /// Where a private talk's meeting link or number appears in a published field.
    static func leaks(of loaded: LoadedTalk, seminar: Seminar) -> [Diagnostic] {
        let talk = loaded.talk
        guard seminar.isMeetingPrivate(talk), let meeting = talk.meeting else { return [] }
        let number = meetingNumber(in: meeting)
        var fields: [([JSONPathComponent], String)] = [([.key("title")], talk.title), ([.key("abstract")], talk.abstract)]
        if let location = talk.location { fields.append(([.key("location")], location)) }
        for (i, link) in talk.links.enumerated() {
            fields.append((["links", .index(i), .key("url")], link.url))
            fields.append((["links", .index(i), .key("title")], link.title))
        }
        var out: [Diagnostic] = []
        for (path, text) in fields {
            let found: (offset: Int, what: String)?
            if let range = text.range(of: meeting) {
                found = (text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound), "the private meeting link")
            } else if let number, let offset = offset(ofNumber: number, in: text) {
                found = (offset, "the meeting number \(number) of the private meeting link")
            } else {
                found = nil
            }
            guard let found else { continue }
            let location = loaded.source.location(inStringAt: path, scalarOffset: found.offset)
                ?? loaded.source.location(of: path) ?? loaded.source.startLocation
            out.append(Diagnostic(
                .warning, code: code,
                message: "\(found.what) also appears in `\(path.displayName)`, which every feed publishes",
                fix: "remove it from `\(path.displayName)`: the meeting link goes only to the private calendar",
                location: location, excerpt: loaded.source.excerpt(line: location.line)))
        }
        return out
    }

    /// `privateMeetingLinks` is on, and a frozen year's published documents carry the
    /// meeting links of its talks: they stay public until the year is amended.
    static func frozenYears(_ checked: CheckedArchive, feedsRoot: String) -> [Diagnostic] {
        guard let seminar = checked.seminar, seminar.meetingLinksArePrivate, let source = checked.seminarSource else { return [] }
        var out: [Diagnostic] = []
        for (year, record) in checked.records.sorted(by: { $0.key < $1.key }) {
            let meetings = Set(checked.talks.filter { $0.talk.year == year }.compactMap(\.talk.meeting))
            guard !meetings.isEmpty else { continue }
            var published = Set<String>()
            for path in record.documents.keys.sorted() {
                guard let data = FileManager.default.contents(atPath: feedsRoot + "/" + path) else { continue }
                for meeting in meetings where !published.contains(meeting) {
                    // As written in XML text or an attribute, and in a calendar or JSON.
                    let forms = [meeting, meeting.replacingOccurrences(of: "&", with: "&amp;")]
                    if forms.contains(where: { data.range(of: Data($0.utf8)) != nil }) { published.insert(meeting) }
                }
            }
            guard !published.isEmpty else { continue }
            let location = source.locationOfKey([.key("privateMeetingLinks")]) ?? source.startLocation
            out.append(Diagnostic(
                .warning, code: code,
                message: "`privateMeetingLinks` is on, but the frozen documents of \(year) publish the meeting links of \(published.count == 1 ? "1 talk" : "\(published.count) talks"); they stay public",
                fix: "republish the year without them: `seminar snapshot \(year) --amend --reason …`",
                location: location, excerpt: source.excerpt(line: location.line)))
        }
        return out
    }

    /// The longest run of at least `meetingNumberDigits` digits in the link's path
    /// (`https://epfl.zoom.us/j/61234567890?pwd=…` → `61234567890`), not in its query.
    static func meetingNumber(in url: String) -> String? {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let runs = path.split { !$0.isASCII || !$0.isNumber }
        guard let longest = runs.max(by: { $0.count < $1.count }), longest.count >= meetingNumberDigits else { return nil }
        return String(longest)
    }

    /// Where `number` is written in `text`, as one run of digits or in groups separated by
    /// a space or a hyphen (`612 3456 7890`): the scalar offset of its first digit.
    static func offset(ofNumber number: String, in text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        let wanted = Array(number.unicodeScalars)
        var start = 0
        while start < scalars.count {
            guard scalars[start].properties.numericType != nil, scalars[start].isASCII else { start += 1; continue }
            // The digits from here, through single separators.
            var digits: [Unicode.Scalar] = []
            var i = start
            while i < scalars.count {
                if scalars[i].isASCII, scalars[i].properties.numericType != nil {
                    digits.append(scalars[i])
                    i += 1
                } else if (scalars[i] == " " || scalars[i] == "-"), i + 1 < scalars.count, scalars[i + 1].isASCII,
                          scalars[i + 1].properties.numericType != nil {
                    i += 1
                } else {
                    break
                }
            }
            if digits.count >= wanted.count,
               let at = (0...(digits.count - wanted.count)).first(where: { digits[$0..<($0 + wanted.count)].elementsEqual(wanted) }) {
                // Where the match's first digit is written.
                var seen = 0
                for j in start..<i where scalars[j].properties.numericType != nil {
                    if seen == at { return j }
                    seen += 1
                }
            }
            start = i
        }
        return nil
    }
}
