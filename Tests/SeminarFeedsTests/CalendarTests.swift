import FeedTestSupport
import Foundation
import Testing
import SeminarArchive
@testable import SeminarFeeds

/// The calendar is read back with Python's `icalendar` (what many calendar tools are
/// built on) rather than with our own parser, so the tests check what a reader sees.
@Suite struct CalendarTests {
    let seminar: Seminar
    let options = ICalendarOptions(
        calendarName: "TNN internal seminar",
        calendarURL: "https://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/talks.ics",
        pendingTalksNote: "They are listed on the seminar's page.")

    init() throws { seminar = try ExtrasTestData.seminar() }

    func calendar(_ talks: [Talk]) throws -> (bytes: [UInt8], dump: ICalendarDump) {
        let bytes = ICalendarWriter.write(talks: talks, context: try ExtrasTestData.context(seminar, talks), options: options)
        let dump = try ICalendarDump.read(bytes)
        #expect(dump.errors.isEmpty, "icalendar reported: \(dump.errors)")
        return (bytes, dump)
    }

    func event(_ dump: ICalendarDump, _ talk: Talk) throws -> ICalendarDump.Event {
        try #require(dump.events.first { $0.uid == seminar.entryID(of: talk) }, "no event for \(talk.id)")
    }

    // MARK: The shipped talks

    /// RFC 5546 requires an ORGANIZER of an event sent with METHOD:PUBLISH: the contact,
    /// its name as CN (quoted by the writer when it holds a comma); none in the form of
    /// years frozen before format 4, nor without an email.
    @Test func organizerIsTheContact() throws {
        let talks = try ExtrasTestData.archiveTalks(seminar: seminar).filter { !$0.isToBeDefined }
        var named = seminar
        named.contact = Person(name: "Pillaud-Vivien, Loucas", email: "loucas@example.org")
        var context = try ExtrasTestData.context(named, talks)
        let withOrganizer = try ICalendarDump.read(ICalendarWriter.write(talks: talks, context: context, options: options))
        #expect(withOrganizer.errors.isEmpty)
        for event in withOrganizer.events {
            #expect(event.organizer == "mailto:loucas@example.org")
            #expect(event.organizer_name == "Pillaud-Vivien, Loucas")
        }
        context.calendarOrganizer = .omitted
        let without = try ICalendarDump.read(ICalendarWriter.write(talks: talks, context: context, options: options))
        #expect(!without.events.isEmpty && without.events.allSatisfy { $0.organizer == nil })
        named.contact.email = nil
        let noEmail = try ICalendarDump.read(ICalendarWriter.write(talks: talks, context: try ExtrasTestData.context(named, talks), options: options))
        #expect(noEmail.events.allSatisfy { $0.organizer == nil })
    }

    @Test func everyDatedArchiveTalkIsAnEventWithItsPresentation() throws {
        let talks = try ExtrasTestData.archiveTalks(seminar: seminar)
        let context = try ExtrasTestData.context(seminar, talks)
        let (_, dump) = try calendar(talks)

        let dated = talks.filter { !$0.isToBeDefined }
        #expect(dated.count == 4)
        #expect(dump.events.count == dated.count)
        for talk in dated {
            let p = TalkPresentation(talk, context: context)
            let e = try event(dump, talk)
            #expect(e.summary == p.title)
            #expect(e.description == p.summary)
            #expect(e.start_utc == p.start?.rfc3339)
            #expect(e.end_utc == p.end?.rfc3339)
            #expect(e.start_utc_zoneinfo == p.start?.rfc3339)
            #expect(e.tzid == "Europe/Zurich")
            #expect(e.sequence == talk.sequence)
            #expect(e.status == "CONFIRMED")
            #expect(e.location == talk.meeting)
            #expect(e.url == talk.meeting)
            #expect(e.categories == [seminar.title, "scheduled"])
            #expect(e.dtstamp == talk.updated.rfc3339)
            #expect(e.last_modified == talk.updated.rfc3339)
            #expect(e.created == talk.published.rfc3339)
        }
        // Events in time order, whatever the order of the files.
        #expect(dump.events.map(\.start_utc) == dump.events.map(\.start_utc).sorted())

        let pesme = try event(dump, try #require(talks.first { $0.speakers.first?.name == "Scott Pesme" }))
        #expect(pesme.start_utc == "2021-06-28T14:30:00Z")
        #expect(pesme.end_utc == "2021-06-28T15:30:00Z")
        #expect(pesme.summary == "Scott Pesme — Implicit Bias of SGD for Diagonal Linear Networks: a Provable Benefit of Stochasticity")

        // The talk still to be defined is left out, and counted.
        let tbd = try #require(talks.first { $0.isToBeDefined })
        #expect(!dump.events.contains { $0.uid == seminar.entryID(of: tbd) })
        let description = try #require(dump.calendar["DESCRIPTION"] ?? nil)
        #expect(description.hasSuffix("1 talk whose date is still to be defined is not in this calendar yet. They are listed on the seminar's page."))
        #expect(description.hasPrefix("This seminar consists in intern talks"))
        // icalendar hands unknown X- properties over as they are written, escapes included.
        #expect(dump.calendar["X-WR-CALDESC"] == ICalendarContentLines.escapeText(description))
    }

    @Test func calendarProperties() throws {
        let (_, dump) = try calendar(try ExtrasTestData.archiveTalks(seminar: seminar))
        let c = dump.calendar
        #expect(c["VERSION"] == "2.0")
        #expect(c["PRODID"] == "-//seminar//seminar 1.0//EN")
        #expect(c["CALSCALE"] == "GREGORIAN")
        #expect(c["METHOD"] == "PUBLISH")
        #expect(c["NAME"] == "TNN internal seminar")
        #expect(c["X-WR-CALNAME"] == "TNN internal seminar")
        #expect(c["X-WR-TIMEZONE"] == "Europe/Zurich")
        #expect(c["URL"] == seminar.homePage)
        #expect(c["SOURCE"] == options.calendarURL)
        #expect(c["REFRESH-INTERVAL"] == "PT12H")
        #expect(c["X-PUBLISHED-TTL"] == "PT12H")
    }

    // MARK: Time zones

    @Test func daylightSavingChangesAreResolvedWithTheCalendarsOwnTimeZone() throws {
        let talks = [
            try ExtrasTestData.talk("winter-before", "2021-03-22T16:30"),
            try ExtrasTestData.talk("summer", "2021-06-28T16:30"),
            try ExtrasTestData.talk("winter-after", "2021-11-01T16:30"),
            try ExtrasTestData.talk("january", "2022-01-10T09:00"),
        ]
        let (_, dump) = try calendar(talks)
        #expect(try event(dump, talks[0]).start_utc == "2021-03-22T15:30:00Z")
        #expect(try event(dump, talks[1]).start_utc == "2021-06-28T14:30:00Z")
        #expect(try event(dump, talks[2]).start_utc == "2021-11-01T15:30:00Z")
        #expect(try event(dump, talks[2]).end_utc == "2021-11-01T16:30:00Z")
        #expect(try event(dump, talks[3]).start_utc == "2022-01-10T08:00:00Z")
        #expect(try event(dump, talks[0]).start_local == "2021-03-22T16:30:00")

        #expect(dump.timezones.map(\.tzid) == ["Europe/Zurich"])
        let zurich = try #require(dump.timezones.first).observances
        #expect(zurich.count == 2)
        let daylight = try #require(zurich.first { $0.kind == "DAYLIGHT" })
        #expect(daylight.offset_from == 3600 && daylight.offset_to == 7200 && daylight.name == "CEST")
        #expect(daylight.rrule == ["FREQ": ["YEARLY"], "BYMONTH": ["3"], "BYDAY": ["-1SU"]])
        // The rule starts the year before the first talk, so the first talks have an onset before them.
        #expect(daylight.dtstart == "2020-03-29T02:00:00")
        let standard = try #require(zurich.first { $0.kind == "STANDARD" })
        #expect(standard.offset_from == 7200 && standard.offset_to == 3600 && standard.name == "CET")
        #expect(standard.rrule == ["FREQ": ["YEARLY"], "BYMONTH": ["10"], "BYDAY": ["-1SU"]])
        #expect(standard.dtstart == "2020-10-25T03:00:00")
    }

    /// A talk from 01:30 CEST to 02:30 CET: 02:30 happens twice that night, and a calendar
    /// reads a local 02:30 as the first (RFC 5545 3.3.5), an hour early. Its end is written
    /// in UTC; years frozen before keep the local form.
    @Test func anEndInTheRepeatedHourIsWrittenInUTC() throws {
        var talk = try ExtrasTestData.talk("night", "2021-10-31T01:30")
        talk.duration = 120
        let (bytes, dump) = try calendar([talk])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("DTSTART;TZID=Europe/Zurich:20211031T013000\r\nDTEND:20211031T013000Z\r\n"))
        #expect(try event(dump, talk).start_utc == "2021-10-30T23:30:00Z")
        #expect(try event(dump, talk).end_utc == "2021-10-31T01:30:00Z")  // two hours, as a reader sees it
        // An end at the first of the two 02:15s is read right in the zone's time.
        var early = try ExtrasTestData.talk("early", "2021-10-31T01:30")
        early.duration = 45
        #expect(String(decoding: try calendar([early]).bytes, as: UTF8.self).contains("DTEND;TZID=Europe/Zurich:20211031T021500\r\n"))
        // An end that is not in the repeated hour keeps the zone's time.
        var evening = try ExtrasTestData.talk("evening", "2021-10-31T16:30")
        evening.duration = 120
        #expect(String(decoding: try calendar([evening]).bytes, as: UTF8.self).contains("DTEND;TZID=Europe/Zurich:20211031T183000\r\n"))

        var context = try ExtrasTestData.context(seminar, [talk])
        context.ambiguousCalendarEnds = .local
        let old = String(decoding: ICalendarWriter.write(talks: [talk], context: context, options: options), as: UTF8.self)
        #expect(old.contains("DTEND;TZID=Europe/Zurich:20211031T023000\r\n"))
    }

    @Test func aTalkInAnotherZoneGetsItsOwnTimeZone() throws {
        let talks = [
            try ExtrasTestData.talk("zurich", "2021-06-28T16:30"),
            try ExtrasTestData.talk("new-york-summer", "2021-07-01T12:00", zone: "America/New_York"),
            try ExtrasTestData.talk("new-york-winter", "2021-11-08T12:00", zone: "America/New_York"),
        ]
        let (_, dump) = try calendar(talks)
        #expect(dump.timezones.map(\.tzid) == ["America/New_York", "Europe/Zurich"])
        #expect(try event(dump, talks[1]).tzid == "America/New_York")
        #expect(try event(dump, talks[1]).start_utc == "2021-07-01T16:00:00Z")
        #expect(try event(dump, talks[2]).start_utc == "2021-11-08T17:00:00Z")
        let newYork = try #require(dump.timezones.first).observances
        let daylight = try #require(newYork.first { $0.kind == "DAYLIGHT" })
        #expect(daylight.offset_from == -18000 && daylight.offset_to == -14400 && daylight.name == "EDT")
        #expect(daylight.rrule == ["FREQ": ["YEARLY"], "BYMONTH": ["3"], "BYDAY": ["2SU"]])
        let standard = try #require(newYork.first { $0.kind == "STANDARD" })
        #expect(standard.offset_from == -14400 && standard.offset_to == -18000 && standard.name == "EST")
        #expect(standard.rrule == ["FREQ": ["YEARLY"], "BYMONTH": ["11"], "BYDAY": ["1SU"]])
    }

    @Test func southernHemisphereZone() throws {
        let talks = [
            try ExtrasTestData.talk("sydney-summer", "2022-01-10T10:00", zone: "Australia/Sydney"),
            try ExtrasTestData.talk("sydney-winter", "2022-07-04T10:00", zone: "Australia/Sydney"),
        ]
        let (_, dump) = try calendar(talks)
        #expect(try event(dump, talks[0]).start_utc == "2022-01-09T23:00:00Z")
        #expect(try event(dump, talks[1]).start_utc == "2022-07-04T00:00:00Z")
        let sydney = try #require(dump.timezones.first).observances
        let daylight = try #require(sydney.first { $0.kind == "DAYLIGHT" })
        #expect(daylight.offset_to == 39_600 && daylight.rrule?["BYMONTH"] == ["10"] && daylight.rrule?["BYDAY"] == ["1SU"])
        // Daylight time began in October of the year before, so January has an onset.
        #expect(daylight.dtstart == "2021-10-03T02:00:00")
        let standard = try #require(sydney.first { $0.kind == "STANDARD" })
        #expect(standard.offset_to == 36_000 && standard.rrule?["BYMONTH"] == ["4"] && standard.dtstart == "2021-04-04T03:00:00")
    }

    @Test func zonesWithoutDaylightSavingOrWithChangedRules() throws {
        let talks = [
            try ExtrasTestData.talk("kolkata", "2021-06-28T16:30", zone: "Asia/Kolkata"),
            // Brazil dropped daylight saving time in 2019: no rule describes 2017-2020, so
            // the changes are listed one by one.
            try ExtrasTestData.talk("sao-paulo-summer", "2018-11-20T10:00", zone: "America/Sao_Paulo"),
            try ExtrasTestData.talk("sao-paulo-after", "2020-11-20T10:00", zone: "America/Sao_Paulo"),
        ]
        let (_, dump) = try calendar(talks)
        let kolkata = try #require(dump.timezones.first { $0.tzid == "Asia/Kolkata" }).observances
        #expect(kolkata.count == 1)
        #expect(kolkata.first?.kind == "STANDARD")
        #expect(kolkata.first?.offset_to == 19_800 && kolkata.first?.offset_from == 19_800)
        #expect(kolkata.first?.name == "IST")
        #expect(try event(dump, talks[0]).start_utc == "2021-06-28T11:00:00Z")

        let saoPaulo = try #require(dump.timezones.first { $0.tzid == "America/Sao_Paulo" }).observances
        #expect(saoPaulo.allSatisfy { $0.rrule == nil })
        #expect(saoPaulo.contains { $0.kind == "DAYLIGHT" && $0.offset_to == -7200 && !$0.rdates.isEmpty })
        #expect(try event(dump, talks[1]).start_utc == "2018-11-20T12:00:00Z")
        #expect(try event(dump, talks[2]).start_utc == "2020-11-20T13:00:00Z")
    }

    // MARK: Statuses, places, privacy

    @Test func statusesPlacesAndPrivateLinks() throws {
        let talks = [
            try ExtrasTestData.talk("cancelled", "2021-06-07T16:30", meeting: "https://epfl.zoom.us/j/1", status: .cancelled, sequence: 2),
            try ExtrasTestData.talk("postponed", "2021-06-14T16:30", location: "BC 420", status: .postponed, sequence: 1),
            try ExtrasTestData.talk("private", "2021-06-21T16:30", meetingIsPrivate: true, sequence: 5),
            try ExtrasTestData.talk("nowhere", "2021-06-22T16:30"),
        ]
        let context = try ExtrasTestData.context(seminar, talks)
        let (bytes, dump) = try calendar(talks)

        let cancelled = try event(dump, talks[0])
        #expect(cancelled.status == "CANCELLED")
        #expect(cancelled.sequence == 2)
        #expect(cancelled.summary == "[Cancelled] Ada Lovelace — A talk")
        // A cancelled talk offers no meeting to join: it was to be online, no more.
        #expect(cancelled.location == "Online")
        #expect(cancelled.url == seminar.homePage)
        #expect(cancelled.description?.contains("Where: online\n") == true)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("zoom.us/j/1"))
        #expect(cancelled.categories == [seminar.title, "cancelled"])

        let postponed = try event(dump, talks[1])
        #expect(postponed.status == "TENTATIVE")
        #expect(postponed.summary?.hasPrefix("[Postponed] ") == true)
        #expect(postponed.description?.hasPrefix("This talk is postponed") == true)
        #expect(postponed.location == "BC 420")
        #expect(postponed.url == seminar.homePage)

        let hidden = try event(dump, talks[2])
        #expect(hidden.location == "Online (link sent on request)")
        #expect(hidden.url == seminar.homePage)
        #expect(hidden.sequence == 5)
        #expect(hidden.description == TalkPresentation(talks[2], context: context).summary)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("zoom.us/j/2"))

        #expect(try event(dump, talks[3]).location == nil)

        // Years frozen in snapshot formats 1 and 2 offered it all the same, and keep it.
        var old = context
        old.meetingOfTalksNotHappening = .offered
        old = old.withPresentations(of: talks)
        let oldDump = try ICalendarDump.read(ICalendarWriter.write(talks: talks, context: old, options: options))
        #expect(try event(oldDump, talks[0]).location == "https://epfl.zoom.us/j/1")
        #expect(try event(oldDump, talks[0]).url == "https://epfl.zoom.us/j/1")
        #expect(try event(oldDump, talks[1]).location == "BC 420")
    }

    // MARK: Text

    @Test func escapingRoundTrips() throws {
        let talk = try ExtrasTestData.talk(
            "escapes", "2021-06-28T16:30", title: "Semi; colons, commas and more",
            // The title is LaTeX (a backslash there is a command); the speaker's name is not.
            speakers: [Person(name: #"O'Neil, Jr. \ Sr."#, affiliation: "A; B")],
            abstract: "First line.\nSecond; line, with \\ stuff.",
            location: "Room 1, floor 2; \\ wing",
            links: [TalkLink(title: "Slides, v2; final", url: "https://example.org/slides.pdf")])
        let (_, dump) = try calendar([talk])
        let context = try ExtrasTestData.context(seminar, [talk])
        let p = TalkPresentation(talk, context: context)
        let e = try event(dump, talk)
        #expect(e.summary == p.title)
        #expect(e.summary == #"O'Neil, Jr. \ Sr. — Semi; colons, commas and more"#)
        #expect(e.location == "Room 1, floor 2; \\ wing")
        #expect(e.description == p.summary + "\n\nLinks:\nSlides, v2; final (https://example.org/slides.pdf)")
        #expect(e.description?.contains("\n") == true)
        #expect(e.uid == "tag:epfl.ch,2021:tnn-internal-seminar/talk/escapes")
    }

    @Test func linesEndInCRLFAndFoldAt75OctetsBetweenCharacters() throws {
        let title = String(repeating: "é", count: 40) + String(repeating: "😀", count: 30) + " fin " + String(repeating: "aé😀", count: 20)
        let talk = try ExtrasTestData.talk("long", "2021-06-28T16:30", title: title, abstract: String(repeating: "Déjà vu 😀; ", count: 60))
        let (bytes, dump) = try calendar([talk])
        let p = TalkPresentation(talk, context: try ExtrasTestData.context(seminar, [talk]))
        #expect(try event(dump, talk).summary == p.title)
        #expect(try event(dump, talk).description == p.summary)

        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            #expect(i > 0 && bytes[i - 1] == 0x0D, "bare LF at byte \(i)")
            lines.append(bytes[start..<(i - 1)])
            start = i + 1
        }
        #expect(start == bytes.count)
        var folded = 0
        for line in lines {
            #expect(line.count <= 75, "line of \(line.count) octets")
            #expect(!line.contains(0x0D), "bare CR")
            // Each physical line is valid UTF-8 on its own: no character was cut in two.
            #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a character")
            if line.first == 0x20 { folded += 1 }
        }
        #expect(folded > 10)
    }

    @Test func sameInputSameBytes() throws {
        let talks = try ExtrasTestData.archiveTalks(seminar: seminar) + [
            try ExtrasTestData.talk("new-york", "2021-07-01T12:00", zone: "America/New_York"),
        ]
        let context = try ExtrasTestData.context(seminar, talks)
        let first = ICalendarWriter.write(talks: talks, context: context, options: options)
        #expect(ICalendarWriter.write(talks: talks, context: context, options: options) == first)
        #expect(ICalendarWriter.write(talks: talks.reversed(), context: context, options: options) == first)
    }

    /// A build writes each talk's own calendar with parts shared by many (`ICalendarParts`):
    /// each must have the bytes it has written alone, whatever came before it, in other
    /// zones and years, under the other rules of math, with other talks pending.
    @Test func calendarsSharingPartsHaveTheBytesOfCalendarsWrittenAlone() throws {
        var seminar = self.seminar
        // The rules tell these apart (a fraction next to a factor), so the shared
        // description must be kept per rules.
        seminar.description = "Talks on $x\\frac{a}{b}$ and more.\n\nEvery week."
        let talks = try ExtrasTestData.archiveTalks(seminar: seminar) + [
            try ExtrasTestData.talk("new-york", "2021-07-01T12:00", zone: "America/New_York"),
            try ExtrasTestData.talk("new-year", "2022-12-31T23:30", zone: "Europe/Zurich"),  // ends in 2023
            try ExtrasTestData.talk("sydney", "2019-04-07T02:30", zone: "Australia/Sydney"),
            try ExtrasTestData.talk("kolkata", "2019-04-07T02:30", zone: "Asia/Kolkata"),
        ]
        let unambiguous = try ExtrasTestData.context(seminar, talks)
        var original = unambiguous
        original.linearMath = .original
        #expect(ICalendarWriter.calendarDescription(seminar: seminar, pending: 0, note: nil, rules: .original)
            != ICalendarWriter.calendarDescription(seminar: seminar, pending: 0, note: nil, rules: .unambiguous))

        func calendar(_ talks: [Talk], _ context: FeedContext, parts: ICalendarParts) throws -> [UInt8] {
            let sink = ByteCollector()
            try ICalendarWriter.write(talks: talks, context: context, options: options, parts: parts, to: sink)
            return sink.bytes
        }
        let shared = ICalendarParts()
        var written = 0
        for context in [unambiguous, original, unambiguous] {
            for talks in talks.map({ [$0] }) + [talks, Array(talks.prefix(3))] {
                let alone = try calendar(talks, context, parts: ICalendarParts())
                #expect(try calendar(talks, context, parts: shared) == alone, "\(talks.map(\.id))")
                written += 1
            }
        }
        #expect(written > 3 * talks.count)
    }

    /// TEXT escaping, byte by byte: one `\n` per line break (CRLF, CR or LF), `\`, `;`
    /// and `,` escaped, tabs kept, other controls and DEL dropped, the rest as it is.
    @Test func textIsEscapedCharacterByCharacter() {
        #expect(ICalendarContentLines.escapeText("a\r\nb\rc\nd\n\re") == "a\\nb\\nc\\nd\\n\\ne")
        #expect(ICalendarContentLines.escapeText("x\\y;z,w\t\u{1}\u{7F}é—𝔼") == "x\\\\y\\;z\\,w\té—𝔼")
        #expect(ICalendarContentLines.escapeText(";\r") == "\\;\\n")
        #expect(ICalendarContentLines.escapeText("") == "")
        #expect(ICalendarContentLines.withoutControlCharacters("https://e.org/\n\u{7F}x\ty") == "https://e.org/x\ty")
    }

    /// A parameter value loses its quotes and control characters, and is quoted when it
    /// holds a byte that would end it (`:`, `;`, `,`), wherever the character boundaries
    /// fall: a reader splits the line on bytes.
    @Test func parameterValuesAreQuotedWhereAReaderWouldSplitThem() {
        #expect(ICalendarContentLines.parameterValue("Europe/Zurich") == "Europe/Zurich")
        #expect(ICalendarContentLines.parameterValue("Organisers; TNN") == "\"Organisers; TNN\"")
        #expect(ICalendarContentLines.parameterValue("a,b") == "\"a,b\"")
        #expect(ICalendarContentLines.parameterValue("say \"hi\"\u{1}\n\t") == "say hi\t")
        // One character to Swift (a colon and a combining acute accent), a colon to a reader.
        #expect(ICalendarContentLines.parameterValue("Dr:\u{301}x") == "\"Dr:\u{301}x\"")
        #expect(ICalendarContentLines.parameterValue("Zoë 𝔼") == "Zoë 𝔼")

        var lines = ICalendarContentLines()
        lines.property("ORGANIZER", parameters: [("CN", "Dr:\u{301}x"), ("ROLE", "CHAIR")], value: "mailto:a@b.org")
        #expect(String(decoding: lines.bytes, as: UTF8.self) == "ORGANIZER;CN=\"Dr:\u{301}x\";ROLE=CHAIR:mailto:a@b.org\r\n")
    }
}

/// The value forms as strings, for the tests that compare them.
extension ICalendarContentLines {
    static func escapeText(_ value: String) -> String {
        var out: [UInt8] = []
        appendText(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func withoutControlCharacters(_ value: String) -> String {
        var out: [UInt8] = []
        appendWithoutControlCharacters(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func parameterValue(_ value: String) -> String {
        var out: [UInt8] = []
        appendParameterValue(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// What `Fixtures/icalendar_dump.py` prints.
struct ICalendarDump: Decodable {
    var calendar: [String: String?]
    var errors: [String]
    var timezones: [TimeZone]
    var events: [Event]

    struct TimeZone: Decodable {
        var tzid: String
        var observances: [Observance]
    }

    struct Observance: Decodable {
        var kind: String
        var dtstart: String
        var offset_from: Int
        var offset_to: Int
        var name: String?
        var rrule: [String: [String]]?
        var rdates: [String]
    }

    struct Event: Decodable {
        var uid: String?
        var summary: String?
        var description: String?
        var location: String?
        var url: String?
        var status: String?
        var sequence: Int?
        var categories: [String]
        var tzid: String?
        var start_local: String
        var start_utc: String
        var end_utc: String
        var start_utc_zoneinfo: String
        var dtstamp: String
        var created: String
        var last_modified: String
        var organizer: String?
        var organizer_name: String?
    }

    static let script = ExtrasTestData.repository.appendingPathComponent("Tests/SeminarFeedsTests/Fixtures/icalendar_dump.py")

    /// Runs the dump script on `bytes`. Python's icalendar is a test dependency that
    /// `scripts/test` installs; without it the test fails, it does not skip.
    static func read(_ bytes: [UInt8]) throws -> ICalendarDump {
        let probe = try python(["-c", "import icalendar"])
        try #require(probe.status == 0, "Python's icalendar package is missing: run scripts/test, which installs it (scripts/setup --test).")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-\(UUID().uuidString).ics")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try python([script.path, file.path])
        try #require(run.status == 0, "icalendar_dump.py failed: \(run.stderr)")
        return try JSONDecoder().decode(ICalendarDump.self, from: run.stdout)
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        try Subprocess.run("python3", arguments)
    }
}
