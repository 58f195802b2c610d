import LaTeX
import SeminarArchive

/// What a calendar says about itself, beyond what the seminar says.
public struct ICalendarOptions: Sendable, Equatable {
    /// Shown by calendar programs as the subscription's name (NAME, X-WR-CALNAME).
    public var calendarName: String
    /// Where this calendar is served (SOURCE), so that a copy knows where to refresh from.
    public var calendarURL: String
    /// Added after the count of talks left out because their date is to be defined,
    /// such as "They are listed on the seminar's page."; nil for the count alone.
    public var pendingTalksNote: String?

    public init(calendarName: String, calendarURL: String, pendingTalksNote: String? = nil) {
        self.calendarName = calendarName
        self.calendarURL = calendarURL
        self.pendingTalksNote = pendingTalksNote
    }
}

/// The seminar's talks as an iCalendar stream (RFC 5545) for calendar subscriptions.
///
/// Every value comes from the talks and the context, none from the clock or the
/// machine, so the same archive gives the same bytes: a subscriber's calendar program
/// (and the publisher's "nothing changed" check) sees no change unless a talk changed.
public enum ICalendarWriter {
    /// How often subscribers should poll: talks are announced days ahead.
    static let refreshInterval = "PT12H"

    /// Writes one VEVENT per dated talk and one VTIMEZONE per zone the events use. Talks
    /// whose date is to be defined have no place in a calendar; the calendar's
    /// description says how many there are.
    ///
    /// Every zone of a dated talk must be in `context.zones` (the publisher loads them
    /// beforehand); a missing one is a programming error and stops the program.
    public static func write(talks: [Talk], context: FeedContext, options: ICalendarOptions) -> [UInt8] {
        var lines = ICalendarContentLines()
        write(talks: talks, context: context, options: options, into: &lines, afterEvent: { _ in })
        return lines.bytes
    }

    /// The same bytes, handed to `sink` a few events at a time. Calendars written one
    /// after another with the same context (a talk's own calendar, for each talk) pass
    /// the same `parts`, so that what they have in common is made once.
    public static func write(
        talks: [Talk], context: FeedContext, options: ICalendarOptions, parts: ICalendarParts = ICalendarParts(), to sink: any ByteSink
    ) throws {
        var lines = ICalendarContentLines()
        try write(talks: talks, context: context, options: options, parts: parts, into: &lines) { lines in
            if lines.bytes.count >= 256 * 1024 { try lines.drain(into: sink) }
        }
        try lines.drain(into: sink)
    }

    private static func write(
        talks: [Talk], context: FeedContext, options: ICalendarOptions, parts: ICalendarParts = ICalendarParts(),
        into lines: inout ICalendarContentLines, afterEvent: (inout ICalendarContentLines) throws -> Void
    ) rethrows {
        let seminar = context.seminar
        // By index: a filtered copy of 10,000 talks took 5.5 MB while the calendar was written.
        let dated = talks.indices.filter { !talks[$0].isToBeDefined }
        func event(_ talk: Talk) -> ICalendarEvent {
            guard let zone = context.zones[talk.timeZone] else {
                preconditionFailure("time zone \(talk.timeZone) of talk \(talk.id) is not in the feed context")
            }
            return ICalendarEvent(context.presentation(of: talk), zone: zone, seminar: seminar,
                                  ambiguousEnd: context.ambiguousCalendarEnds, organizer: context.calendarOrganizer)
        }
        // Events are made when needed (for their zones' years, then to be written) rather
        // than kept: all of them at once would hold another copy of every talk and its
        // presentation. Their order needs only the instants the presentations resolved.
        let order = dated.map { (start: startInstant(of: talks[$0], in: context), id: talks[$0].id, index: $0) }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let events = order.lazy.map { event(talks[$0.index]) }
        let pending = talks.count - dated.count

        lines.begin("VCALENDAR")
        lines.property("VERSION", value: "2.0")
        lines.text("PRODID", "-//" + context.generator.name + "//" + context.generator.name + " " + context.generator.version + "//EN")
        lines.property("CALSCALE", value: "GREGORIAN")
        lines.property("METHOD", value: "PUBLISH")
        lines.text("NAME", options.calendarName)
        lines.text("X-WR-CALNAME", options.calendarName)
        let description = parts.description(seminar: seminar, pending: pending, note: options.pendingTalksNote, rules: context.linearMath)
        lines.text("DESCRIPTION", description)
        lines.text("X-WR-CALDESC", description)
        lines.text("X-WR-TIMEZONE", seminar.timeZone)
        lines.property("URL", parameters: [("VALUE", "URI")], value: seminar.homePage)
        lines.property("SOURCE", parameters: [("VALUE", "URI")], value: options.calendarURL)
        lines.property("REFRESH-INTERVAL", parameters: [("VALUE", "DURATION")], value: refreshInterval)
        lines.property("X-PUBLISHED-TTL", value: refreshInterval)

        for (zone, years) in timeZones(of: events) { parts.writeTimeZone(zone, years: years, to: &lines) }
        for event in events {
            event.write(to: &lines)
            try afterEvent(&lines)
        }

        lines.end("VCALENDAR")
    }

    private static func startInstant(of talk: Talk, in context: FeedContext) -> Instant {
        guard let start = context.presentation(of: talk).start else {
            preconditionFailure("dated talk \(talk.id) has no start instant")
        }
        return start
    }

    /// The seminar's description, then how many talks this calendar leaves out.
    static func calendarDescription(seminar: Seminar, pending: Int, note: String?, rules: LinearMathRules) -> String {
        // Paragraphs survive; within one, the LaTeX rendering decides.
        var paragraphs = seminar.description.components(separatedBy: "\n\n")
            .map { PlainTextRenderer.render($0, rules: rules) }
            .filter { !$0.isEmpty }
        if pending > 0 {
            var sentence = pending == 1
                ? "1 talk whose date is still to be defined is not in this calendar yet."
                : "\(pending) talks whose date is still to be defined are not in this calendar yet."
            if let note { sentence += " " + note }
            paragraphs.append(sentence)
        }
        return paragraphs.joined(separator: "\n\n")
    }

    /// The zones of the events, by name, each with the local years of the events in it:
    /// one VTIMEZONE each.
    static func timeZones(of events: some Sequence<ICalendarEvent>) -> [(zone: ZoneInfo, years: ClosedRange<Int>)] {
        var years: [String: (zone: ZoneInfo, years: ClosedRange<Int>)] = [:]
        for event in events {
            let span = min(event.localStart.year, event.localEnd.year)...max(event.localStart.year, event.localEnd.year)
            if let known = years[event.zone.identifier] {
                years[event.zone.identifier] = (known.zone, min(known.years.lowerBound, span.lowerBound)...max(known.years.upperBound, span.upperBound))
            } else {
                years[event.zone.identifier] = (event.zone, span)
            }
        }
        return years.keys.sorted().map { years[$0]! }
    }
}

/// What calendars share whatever their talks, made once for all the calendars written
/// with it: the calendar's description, and a zone's VTIMEZONE over given years. A
/// build writes a calendar for each talk, and made both anew for each one: a twentieth
/// of a full build's time, where the talks' own calendars are a twelfth (`perf`,
/// 10,000 talks).
///
/// Each part is kept under all it is made from (a zone by its name: one build reads
/// each zone once), so calendars of any contexts may share it. Used by one thread at a
/// time: each of the build's jobs makes its own.
public final class ICalendarParts {
    private var descriptions: [DescriptionKey: String] = [:]
    private var timeZones: [TimeZoneKey: [UInt8]] = [:]

    public init() {}

    private struct DescriptionKey: Hashable {
        var seminarDescription: String
        var pending: Int
        var note: String?
        var rules: LinearMathRules
    }

    private struct TimeZoneKey: Hashable {
        var zone: String
        var years: ClosedRange<Int>
    }

    func description(seminar: Seminar, pending: Int, note: String?, rules: LinearMathRules) -> String {
        let key = DescriptionKey(seminarDescription: seminar.description, pending: pending, note: note, rules: rules)
        if let known = descriptions[key] { return known }
        let description = ICalendarWriter.calendarDescription(seminar: seminar, pending: pending, note: note, rules: rules)
        descriptions[key] = description
        return description
    }

    func writeTimeZone(_ zone: ZoneInfo, years: ClosedRange<Int>, to lines: inout ICalendarContentLines) {
        let key = TimeZoneKey(zone: zone.identifier, years: years)
        if let known = timeZones[key] { return lines.append(known) }
        var own = ICalendarContentLines()
        ICalendarTimeZone(zone: zone, years: years).write(to: &own)
        timeZones[key] = own.bytes
        lines.append(own.bytes)
    }
}

/// One dated talk as a VEVENT.
struct ICalendarEvent {
    let talk: Talk
    let presentation: TalkPresentation
    let zone: ZoneInfo
    let seminar: Seminar
    let localStart: LocalDateTime
    let localEnd: LocalDateTime
    /// The end as `DTEND` states it: in the zone's time, or in UTC when a reader would
    /// take that reading for an earlier instant (it happens twice) and `ambiguousEnd` says so.
    let endValue: (parameters: [(String, String)], value: String)
    let organizer: CalendarOrganizer

    init(_ presentation: TalkPresentation, zone: ZoneInfo, seminar: Seminar, ambiguousEnd: AmbiguousCalendarEnd = .inUTC,
         organizer: CalendarOrganizer = .contact) {
        self.talk = presentation.talk
        self.organizer = organizer
        self.presentation = presentation
        self.zone = zone
        self.seminar = seminar
        // The presentation resolved the wall-clock reading in the zone; the event
        // states the readings of those same instants, so every document agrees.
        guard let start = presentation.start, let end = presentation.end else {
            preconditionFailure("dated talk \(presentation.talk.id) has no start instant")
        }
        let (localStart, startType) = zone.localDateTime(at: start)
        let (localEnd, endType) = zone.localDateTime(at: end)
        self.localStart = localStart
        self.localEnd = localEnd
        // A local end is read as the first instant with its reading. It can be a later one
        // only when the talk spans a change of offset (a start is never ambiguous: the
        // archive refuses it), so only then is the reading resolved, which is costly.
        if ambiguousEnd == .inUTC, startType.utcOffset != endType.utcOffset,
           case let .ambiguous(first, _) = zone.resolve(localEnd), first != end {
            endValue = ([], ICalendarContentLines.utc(end))
        } else {
            endValue = ([("TZID", zone.identifier)], ICalendarContentLines.local(localEnd))
        }
    }

    /// The meeting link, unless it must stay private or is not offered (the talk is
    /// cancelled or postponed).
    var publicMeeting: String? {
        seminar.isMeetingPrivate(talk) || !presentation.offersMeeting ? nil : talk.meeting
    }

    var status: String {
        switch talk.status {
        case .scheduled: return "CONFIRMED"
        case .cancelled: return "CANCELLED"
        // Not cancelled, but not happening at this time either; the title and the
        // description say so in words (the presentation's status prefix and note).
        case .postponed: return "TENTATIVE"
        }
    }

    /// Room first (that is where people go), else the meeting link, else a word that
    /// the talk is online with a private link. Nothing when the talk says nothing.
    var location: String? {
        if let room = talk.location { return room }
        if let meeting = publicMeeting { return meeting }
        let online = talk.meetingIsPrivate || talk.meeting != nil
        if online && !presentation.offersMeeting { return "Online" }
        if talk.meetingIsPrivate || (talk.meeting != nil && seminar.isMeetingPrivate(talk)) {
            return "Online (link sent on request)"
        }
        return nil
    }

    /// The presentation's summary, then the talk's links as "title (url)".
    var description: String {
        var text = presentation.summary
        if !talk.links.isEmpty {
            text += "\n\nLinks:\n" + talk.links.map { $0.title + " (" + $0.url + ")" }.joined(separator: "\n")
        }
        return text
    }

    func write(to lines: inout ICalendarContentLines) {
        let tzid = [("TZID", zone.identifier)]
        lines.begin("VEVENT")
        // The entry id never changes, so a reschedule updates the event instead of adding one.
        lines.text("UID", seminar.entryID(of: talk))
        // DTSTAMP from the talk, not the clock: with METHOD:PUBLISH it is the time the
        // information was last revised, and a build-time stamp would change every byte.
        lines.property("DTSTAMP", value: ICalendarContentLines.utc(talk.updated))
        lines.property("CREATED", value: ICalendarContentLines.utc(talk.published))
        lines.property("LAST-MODIFIED", value: ICalendarContentLines.utc(talk.updated))
        lines.property("SEQUENCE", value: String(talk.sequence))
        lines.property("STATUS", value: status)
        if organizer == .contact, let email = seminar.contact.email {
            lines.property("ORGANIZER", parameters: [("CN", seminar.contact.name)], value: "mailto:" + email)
        }
        lines.text("SUMMARY", presentation.title)
        lines.property("DTSTART", parameters: tzid, value: ICalendarContentLines.local(localStart))
        lines.property("DTEND", parameters: endValue.parameters, value: endValue.value)
        if let location { lines.text("LOCATION", location) }
        lines.property("URL", parameters: [("VALUE", "URI")], value: publicMeeting ?? seminar.homePage)
        lines.text("DESCRIPTION", description)
        lines.textList("CATEGORIES", [seminar.title, talk.status.rawValue])
        lines.property("TRANSP", value: "OPAQUE")
        lines.end("VEVENT")
    }
}
