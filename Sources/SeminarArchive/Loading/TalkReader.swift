/// What reading one talk file produced.
struct TalkFileOutcome: Sendable {
    var source: JSONSourceFile
    /// The id the file claims, even when the talk has other errors.
    var id: String?
    var talk: Talk?
    var diagnostics: [Diagnostic]
    /// Left unparsed because it matched its pin (see `PinnedTalkFiles`).
    var isPinned = false
}

/// Reads one `archive/YEAR/*.json` talk file and checks everything that can be checked
/// without looking at other files.
struct TalkReader: Sendable {
    let defaults: SeminarDefaults
    let zones: ZoneDatabase

    /// `folderYear` is the year folder the file is in; `fileName` its name, for the
    /// file name check.
    func read(_ source: JSONSourceFile, folderYear: Int, fileName: String) -> TalkFileOutcome {
        var report = FileReport(source: source)
        guard let root = report.readJSON(.talk), let object = report.object(root, at: []) else {
            return TalkFileOutcome(source: report.source, id: nil, talk: nil, diagnostics: report.diagnostics)
        }
        let talk = readTalk(object, folderYear: folderYear, fileName: fileName, into: &report)
        var source = report.source
        // A talk that loads keeps its bytes but not the document read from them: only a
        // later problem (its LaTeX, a frozen year) needs a place in it, and is placed by
        // reading the file again, while keeping every talk's document would raise the peak
        // memory of every check and build by a quarter (issue 16's note).
        if !report.hasErrors { source.document = nil }
        return TalkFileOutcome(source: source, id: root.member("id")?.value.string,
                               talk: report.hasErrors ? nil : talk, diagnostics: report.diagnostics)
    }

    private func readTalk(_ object: JSONObject, folderYear: Int, fileName: String, into report: inout FileReport) -> Talk? {
        report.checkKeys(object, allowed: TalkFileFields.all)
        let id = readID(object, &report)
        let title = report.oneLineString(object, TalkFileFields.title)
        let speakers = readSpeakers(object, &report)
        let start = readStart(object, &report)
        let (timeZone, zone) = readTimeZone(object, &report)
        let duration = report.integerInRange(object, TalkFileFields.duration, unit: " minutes")
            ?? (object.has("duration") ? nil : defaults.duration)
        let abstract = report.string(object, TalkFileFields.abstract)
        let meeting = report.url(object, TalkFileFields.meeting)
        let meetingIsPrivate = report.bool(object, TalkFileFields.privateMeeting) ?? false
        let location = report.oneLineString(object, TalkFileFields.location)
        let links = readLinks(object, &report)
        let status = readStatus(object, &report)
        let published = readInstant(object, TalkFileFields.published, &report)
        let updated = readInstant(object, TalkFileFields.updated, &report)
        if let published, let updated, updated < published {
            report.error("invalid-value", "`updated` (\(updated.rfc3339)) is before `published` (\(published.rfc3339))",
                         at: .value(["updated"]))
        }
        let sequence = report.integerInRange(object, TalkFileFields.sequence) ?? 0
        if let start, let zone { checkExistence(of: start, in: zone, &report) }
        // A start that failed to read says nothing about where the file belongs: checking
        // it as a talk to be defined would add confusing follow-up diagnostics.
        if start != nil || !object.has("start") {
            checkFolder(folderYear: folderYear, start: start, published: published, &report)
            if let speakers { checkFileName(fileName, start: start, firstSpeaker: speakers.first?.name, &report) }
        }

        // Without a usable zone or duration (seminar.json broken) the talk cannot be built;
        // the seminar's own diagnostics say why.
        guard let id, let title, let speakers, let timeZone, let duration, let abstract, let status,
              let published, let updated else { return nil }
        return Talk(
            id: id, title: title, speakers: speakers, start: start, timeZone: timeZone, duration: duration,
            abstract: abstract, meeting: meeting, meetingIsPrivate: meetingIsPrivate, location: location,
            links: links, status: status, published: published, updated: updated, sequence: sequence,
            year: start?.year ?? folderYear)
    }

    // MARK: - Fields

    /// The id ends up appended to the seminar's tag URI and in calendar UIDs, so it is
    /// kept to URI-unreserved characters.
    /// Taken by the feeds: `idPrefix + "feed"` is the feed id (see `FeedFacts.feedID`).
    static let reservedID = "feed"

    private func readID(_ object: JSONObject, _ report: inout FileReport) -> String? {
        guard let id = report.string(object, TalkFileFields.id) else { return nil }
        let isUnreserved = { (b: UInt8) in
            (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
        }
        guard id.utf8.allSatisfy(isUnreserved) else {
            report.error("invalid-value", "`id` may only contain ASCII letters, digits and `-._~`: `\(id)`", at: .value(["id"]))
            return nil
        }
        // The feeds' own id is the id prefix followed by `feed`; a talk must not take it.
        guard id != Self.reservedID else {
            report.error("invalid-value", "`id` `\(id)` is reserved for the feeds' own id", at: .value(["id"]),
                         fix: "give the talk another id (seminar add makes a random one)")
            return nil
        }
        return id
    }

    private func readSpeakers(_ object: JSONObject, _ report: inout FileReport) -> [Person]? {
        guard let values = report.array(object, TalkFileFields.speakers) else { return nil }
        var speakers: [Person] = []
        for (i, value) in values.enumerated() {
            if let p = report.person(value, at: ["speakers", .index(i)], fields: PersonFields.speaker) { speakers.append(p) }
        }
        return speakers.count == values.count ? speakers : nil
    }

    private func readStart(_ object: JSONObject, _ report: inout FileReport) -> LocalDateTime? {
        guard let text = report.string(object, TalkFileFields.start) else { return nil }
        guard let start = LocalDateTime(parsing: text) else {
            report.error("invalid-date", "invalid `start` `\(text)`: expected an existing date and time as YYYY-MM-DDTHH:MM",
                         at: .value(["start"]))
            return nil
        }
        return start
    }

    private func readTimeZone(_ object: JSONObject, _ report: inout FileReport) -> (String?, ZoneInfo?) {
        guard object.has("timezone") else { return (defaults.timeZone, defaults.zone) }
        guard let identifier = report.string(object, TalkFileFields.timezone) else { return (nil, nil) }
        do {
            return (identifier, try zones.zone(identifier))
        } catch {
            report.error("unknown-timezone", "unknown time zone `\(identifier)`", at: .value(["timezone"]))
            return (nil, nil)
        }
    }

    private func readLinks(_ object: JSONObject, _ report: inout FileReport) -> [TalkLink] {
        var links: [TalkLink] = []
        for (i, value) in (report.array(object, TalkFileFields.links) ?? []).enumerated() {
            guard let link = report.object(value, at: ["links", .index(i)]) else { continue }
            report.checkKeys(link, allowed: LinkFields.all)
            if let title = report.oneLineString(link, LinkFields.title), let url = report.url(link, LinkFields.url) {
                links.append(TalkLink(title: title, url: url))
            }
        }
        return links
    }

    private func readStatus(_ object: JSONObject, _ report: inout FileReport) -> TalkStatus? {
        guard let text = report.string(object, TalkFileFields.status) else { return nil }
        guard let status = TalkStatus(rawValue: text) else {
            let names = TalkStatus.allCases.map(\.rawValue)
            report.error("invalid-value", "`status` must be one of \(names.joined(separator: ", ")), not `\(text)`",
                         at: .value(["status"]), fix: closestMatch(to: text, among: names).map { "did you mean `\($0)`?" })
            return nil
        }
        return status
    }

    private func readInstant(_ object: JSONObject, _ field: ArchiveField, _ report: inout FileReport) -> Instant? {
        guard let text = report.string(object, field) else { return nil }
        let key = field.name
        guard let instant = Instant(rfc3339: text) else {
            report.error("invalid-date", "invalid `\(key)` `\(text)`: expected an RFC 3339 date-time such as 2021-06-20T09:15:00Z",
                         at: .value([.key(key)]))
            return nil
        }
        return instant
    }

    // MARK: - Checks

    /// A start inside a daylight-saving gap names no instant, and one inside the overlap
    /// names two: either way the feeds would have to guess.
    private func checkExistence(of start: LocalDateTime, in zone: ZoneInfo, _ report: inout FileReport) {
        switch zone.resolve(start) {
        case .unique:
            break
        case .skipped:
            report.error("nonexistent-local-time",
                         "`\(start)` does not exist in \(zone.identifier): the clocks skip that time when they go forward",
                         at: .value(["start"]))
        case .ambiguous:
            report.error("ambiguous-local-time",
                         "`\(start)` is ambiguous in \(zone.identifier): the clocks go back and show that time twice",
                         at: .value(["start"]))
        }
    }

    /// A dated talk lives in the folder of its start year. A talk still to be defined lives
    /// in a year no later than its announcement, so that it is found where it was announced.
    private func checkFolder(folderYear: Int, start: LocalDateTime?, published: Instant?, _ report: inout FileReport) {
        if let start {
            if start.year != folderYear {
                report.error("wrong-year-folder", "the talk starts in \(start.year) but its file is in the `\(folderYear)` folder",
                             at: .value(["start"]), fix: "move it to the `\(start.year)` folder")
            }
        } else if let published, case let year = published.utcDateTime.year, folderYear > year {
            report.error("wrong-year-folder",
                         "the talk is still to be defined and was published in \(year), but its file is in the later `\(folderYear)` folder",
                         at: .value(["published"]), fix: "move it to the `\(year)` folder")
        }
    }

    /// The date part of the file name is for people browsing the folder; a stale one is
    /// misleading but harmless, hence a warning.
    private func checkFileName(_ fileName: String, start: LocalDateTime?, firstSpeaker: String?, _ report: inout FileReport) {
        if let start, TalkFileNaming.fileName(fileName, startsWithDateOf: start) { return }  // the usual case, without allocating
        let expected = start.map { TalkFileNaming.datePart(of: $0) } ?? "tbd"
        let actual = TalkFileNaming.datePart(ofFileName: fileName)
        guard actual != expected else { return }
        let talkSays = start.map { "the talk starts on \(TalkFileNaming.datePart(of: $0))" } ?? "the talk is still to be defined"
        // A name without a date part (`broken.json`) says nothing either way: say what it lacks.
        let message = actual.map { "the file name says `\($0)` but \(talkSays)" }
            ?? "the file name does not begin with `\(expected)-`, and \(talkSays)"
        let name = TalkFileNaming.fileName(datePart: expected, speaker: firstSpeaker)
        report.warning("file-name-mismatch", message, at: start == nil ? .fileStart : .value(["start"]), fix: "rename it to `\(name)`")
    }
}
