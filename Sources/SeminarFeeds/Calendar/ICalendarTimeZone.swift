import SeminarArchive

/// The VTIMEZONE of one zone for the years a calendar's events span, built from the tz
/// database itself rather than from a table of known zones, so that any zone a talk
/// names gets a definition that agrees with the times the other documents show.
///
/// The observances are the zone's actual changes of local time over those years (and
/// the year before, so that the first events have an onset before them):
/// - the years at the end of the span in which the changes are exactly those of the
///   zone's POSIX rule become one STANDARD and one DAYLIGHT observance with a yearly
///   RRULE, as calendar programs expect;
/// - the changes of earlier years (a zone that changed its rules within the span) are
///   listed one by one as DTSTART/RDATE observances;
/// - when no change happens before the first events (a zone without daylight saving
///   time), one observance states the offset in force.
struct ICalendarTimeZone: Equatable {
    var identifier: String
    var observances: [Observance]

    struct Observance: Equatable {
        var isDaylight: Bool
        var offsetFrom: Int
        var offsetTo: Int
        var name: String
        /// Local wall-clock reading of the first onset, in `offsetFrom` (RFC 5545 §3.6.5).
        var start: LocalDateTime
        var recurrenceRule: String?
        var additionalStarts: [LocalDateTime] = []
    }

    /// `years` are the local years of the events in this zone.
    init(zone: ZoneInfo, years: ClosedRange<Int>) {
        identifier = zone.identifier
        let firstYear = years.lowerBound - 1
        let changes = Self.changes(in: zone, years: firstYear...years.upperBound)

        // The longest run of years, ending with the last one, that the rule describes.
        var ruleYears: ClosedRange<Int>? = nil
        if let yearly = YearlyRule(zone.rule) {
            var from = years.upperBound + 1
            while from > firstYear, yearly.changes(in: from - 1) == changes.filter({ $0.year == from - 1 }) { from -= 1 }
            if from <= years.upperBound { ruleYears = from...years.upperBound }
        }

        var observances: [Observance] = []
        let listed = changes.filter { change in ruleYears.map { change.year < $0.lowerBound } ?? true }
        for change in listed {
            if let i = observances.firstIndex(where: { $0.isDaylight == change.to.isDaylightSaving && $0.offsetFrom == change.from.utcOffset
                && $0.offsetTo == change.to.utcOffset && $0.name == change.to.abbreviation }) {
                observances[i].additionalStarts.append(change.onset)
            } else {
                observances.append(Observance(isDaylight: change.to.isDaylightSaving, offsetFrom: change.from.utcOffset,
                                              offsetTo: change.to.utcOffset, name: change.to.abbreviation, start: change.onset))
            }
        }
        if let ruleYears, let yearly = YearlyRule(zone.rule) {
            observances += yearly.observances(from: ruleYears.lowerBound)
        }
        let firstEvents = LocalDateTime(year: years.lowerBound, month: 1, day: 1)
        if observances.map(\.start).min().map({ $0 >= firstEvents }) ?? true {
            let onset = LocalDateTime(year: firstYear, month: 1, day: 1)
            let type = zone.localTimeType(at: Instant(secondsSince1970: onset.secondsAsIfUTC))
            observances.append(Observance(isDaylight: type.isDaylightSaving, offsetFrom: type.utcOffset,
                                          offsetTo: type.utcOffset, name: type.abbreviation, start: onset))
        }
        self.observances = observances.sorted { ($0.start, $0.isDaylight ? 1 : 0) < ($1.start, $1.isDaylight ? 1 : 0) }
    }

    func write(to lines: inout ICalendarContentLines) {
        lines.begin("VTIMEZONE")
        lines.property("TZID", value: identifier)
        // libical-based programs (Evolution, Thunderbird) match zones by this name.
        lines.text("X-LIC-LOCATION", identifier)
        for o in observances {
            let component = o.isDaylight ? "DAYLIGHT" : "STANDARD"
            lines.begin(component)
            lines.property("DTSTART", value: ICalendarContentLines.local(o.start))
            lines.property("TZOFFSETFROM", value: ICalendarContentLines.utcOffset(o.offsetFrom))
            lines.property("TZOFFSETTO", value: ICalendarContentLines.utcOffset(o.offsetTo))
            lines.text("TZNAME", o.name)
            if let rule = o.recurrenceRule { lines.property("RRULE", value: rule) }
            for start in o.additionalStarts { lines.property("RDATE", value: ICalendarContentLines.local(start)) }
            lines.end(component)
        }
        lines.end("VTIMEZONE")
    }

    // MARK: The zone's changes

    /// One change of local time type.
    struct Change: Equatable {
        var instant: Int64
        var from: LocalTimeType
        var to: LocalTimeType
        /// The wall-clock reading at which it happens, in the time in force before.
        var onset: LocalDateTime { LocalDateTime(secondsAsIfUTC: instant + Int64(from.utcOffset)) }
        var year: Int { onset.year }
    }

    /// Every change whose onset falls in `years`: from the transition table, then from
    /// the POSIX rule for the instants after the table ends (slim TZif files stop early).
    static func changes(in zone: ZoneInfo, years: ClosedRange<Int>) -> [Change] {
        // Onsets are local, so look a day beyond each end and filter on the local year.
        let from = LocalDateTime(year: years.lowerBound, month: 1, day: 1).secondsAsIfUTC - 86_400
        let to = LocalDateTime(year: years.upperBound + 1, month: 1, day: 1).secondsAsIfUTC + 86_400
        var instants = zone.transitions.filter { $0 >= from && $0 < to }
        if let yearly = YearlyRule(zone.rule, expressibleOnly: false) {
            let tableEnd = zone.transitions.last ?? Int64.min
            for year in (years.lowerBound - 1)...(years.upperBound + 1) {
                for change in yearly.changes(in: year) where change.instant > tableEnd && change.instant >= from && change.instant < to {
                    instants.append(change.instant)
                }
            }
        }
        var seen = Set<Int64>()
        return instants.sorted().compactMap { t in
            guard seen.insert(t).inserted else { return nil }
            let change = Change(instant: t, from: zone.localTimeType(at: Instant(secondsSince1970: t - 1)),
                                to: zone.localTimeType(at: Instant(secondsSince1970: t)))
            return change.from != change.to && years.contains(change.year) ? change : nil
        }
    }
}

/// A POSIX rule with daylight saving time, seen as yearly changes.
private struct YearlyRule {
    var standard: LocalTimeType
    var daylight: LocalTimeType
    var start: PosixTimeZoneRule.TransitionDate
    var end: PosixTimeZoneRule.TransitionDate

    /// With `expressibleOnly`, only rules an RRULE can state: `Mm.w.d` days with the change
    /// within the day. `J` days, or times such as `/26` (Jerusalem: 02:00 on the day after
    /// a Thursday), are not a BYMONTH/BYDAY pattern, so such years are listed one by one.
    init?(_ rule: PosixTimeZoneRule?, expressibleOnly: Bool = true) {
        guard let rule, let daylight = rule.daylight, let start = rule.daylightStart, let end = rule.daylightEnd else { return nil }
        if expressibleOnly {
            for date in [start, end] {
                guard case .monthWeekDay = date.day, (0..<86_400).contains(date.time) else { return nil }
            }
        }
        self.standard = rule.standard
        self.daylight = daylight
        self.start = start
        self.end = end
    }

    /// The two changes of `year`, in time order (southern zones end daylight time first).
    func changes(in year: Int) -> [ICalendarTimeZone.Change] {
        // The start is read in standard time, the end in daylight time.
        let begins = start.localDateTime(in: year).secondsAsIfUTC - Int64(standard.utcOffset)
        let ends = end.localDateTime(in: year).secondsAsIfUTC - Int64(daylight.utcOffset)
        return [
            ICalendarTimeZone.Change(instant: begins, from: standard, to: daylight),
            ICalendarTimeZone.Change(instant: ends, from: daylight, to: standard),
        ].sorted { $0.instant < $1.instant }
    }

    /// DAYLIGHT and STANDARD, each recurring yearly from its change in `year`.
    func observances(from year: Int) -> [ICalendarTimeZone.Observance] {
        [(start, standard, daylight), (end, daylight, standard)].map { date, before, after in
            ICalendarTimeZone.Observance(
                isDaylight: after.isDaylightSaving, offsetFrom: before.utcOffset, offsetTo: after.utcOffset,
                name: after.abbreviation, start: date.localDateTime(in: year), recurrenceRule: Self.recurrenceRule(date))
        }
    }

    /// `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` for `M3.5.0`: POSIX week 5 means the last one.
    static func recurrenceRule(_ date: PosixTimeZoneRule.TransitionDate) -> String? {
        guard case let .monthWeekDay(month, week, weekday) = date.day else { return nil }
        let days = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
        return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(week == 5 ? "-1" : String(week))\(days[weekday])"
    }
}
