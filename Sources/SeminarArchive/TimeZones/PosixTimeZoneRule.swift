// The POSIX TZ rule at the end of a TZif file, such as `CET-1CEST,M3.5.0,M10.5.0/3`:
// standard time CET at UTC+1, daylight time CEST at UTC+2 from the last Sunday of March
// at 02:00 to the last Sunday of October at 03:00 (local times). It gives local time for
// the years after the last transition in the file, and it is exactly what an iCalendar
// VTIMEZONE needs for its yearly RRULEs.

public struct PosixTimeZoneRule: Sendable, Equatable {
    public var standard: LocalTimeType
    public var daylight: LocalTimeType?
    /// When daylight time starts and ends, in local wall-clock time of the time in force before.
    public var daylightStart: TransitionDate?
    public var daylightEnd: TransitionDate?
    public var text: String

    /// A yearly date and time of day at which the clocks change.
    public struct TransitionDate: Sendable, Equatable {
        public enum Day: Sendable, Equatable {
            /// `Mm.w.d`: weekday d (0 = Sunday) of week w (1…5, 5 = last) of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
            /// `Jn`: day n of the year, 1…365, never counting February 29.
            case julianNoLeap(Int)
            /// `n`: day n of the year, 0…365, counting February 29.
            case zeroBasedDayOfYear(Int)
        }
        public var day: Day
        /// Seconds after local midnight (may be negative or exceed a day, RFC 8536).
        public var time: Int

        /// The wall-clock reading of this change in `year`.
        public func localDateTime(in year: Int) -> LocalDateTime {
            let midnight: LocalDateTime
            switch day {
            case let .monthWeekDay(month, week, weekday):
                let first = LocalDateTime(year: year, month: month, day: 1)
                var d = 1 + (weekday - first.weekday + 7) % 7 + (week - 1) * 7
                while d > daysInMonth(year, month) { d -= 7 }
                midnight = LocalDateTime(year: year, month: month, day: d)
            case let .julianNoLeap(n):
                var days = n - 1
                if isLeapYear(year) && n >= 60 { days += 1 }
                midnight = LocalDateTime(secondsAsIfUTC: LocalDateTime(year: year, month: 1, day: 1).secondsAsIfUTC + Int64(days) * 86_400)
            case let .zeroBasedDayOfYear(n):
                midnight = LocalDateTime(secondsAsIfUTC: LocalDateTime(year: year, month: 1, day: 1).secondsAsIfUTC + Int64(n) * 86_400)
            }
            return LocalDateTime(secondsAsIfUTC: midnight.secondsAsIfUTC + Int64(time))
        }
    }

    public init?(parsing text: String) {
        var s = Substring(text)
        guard let std = Self.abbreviation(&s), let stdOffset = Self.offset(&s) else { return nil }
        self.text = text
        // POSIX offsets are west of UTC ("CET-1" is UTC+1).
        standard = LocalTimeType(utcOffset: -stdOffset, isDaylightSaving: false, abbreviation: std)
        guard !s.isEmpty else { daylight = nil; daylightStart = nil; daylightEnd = nil; return }
        guard let dst = Self.abbreviation(&s) else { return nil }
        var dstOffset = stdOffset - 3600
        if let first = s.first, first != "," { guard let o = Self.offset(&s) else { return nil }; dstOffset = o }
        daylight = LocalTimeType(utcOffset: -dstOffset, isDaylightSaving: true, abbreviation: dst)
        guard s.first == "," else { return nil }
        s.removeFirst()
        guard let start = Self.transition(&s), s.first == "," else { return nil }
        s.removeFirst()
        guard let end = Self.transition(&s), s.isEmpty else { return nil }
        daylightStart = start
        daylightEnd = end
    }

    /// The local time type at an instant (seconds since 1970) under this rule.
    func localTimeType(at t: Int64) -> LocalTimeType {
        guard let daylight, let (start, end) = daylightBounds(in: LocalDateTime(secondsAsIfUTC: t + Int64(standard.utcOffset)).year)
        else { return standard }
        let inDaylight = start < end ? (t >= start && t < end) : !(t >= end && t < start)  // southern hemisphere
        return inDaylight ? daylight : standard
    }

    /// The instants (seconds since 1970) at which daylight time starts and ends in `year`,
    /// a year of standard local time; none without daylight time.
    func changes(in year: Int) -> [Int64] {
        guard let (start, end) = daylightBounds(in: year) else { return [] }
        return [start, end]
    }

    private func daylightBounds(in year: Int) -> (start: Int64, end: Int64)? {
        guard let daylight, let daylightStart, let daylightEnd else { return nil }
        // Start is given in standard local time, end in daylight local time.
        return (daylightStart.localDateTime(in: year).secondsAsIfUTC - Int64(standard.utcOffset),
                daylightEnd.localDateTime(in: year).secondsAsIfUTC - Int64(daylight.utcOffset))
    }

    private static func abbreviation(_ s: inout Substring) -> String? {
        if s.first == "<" {
            guard let close = s.firstIndex(of: ">") else { return nil }
            let name = String(s[s.index(after: s.startIndex)..<close])
            s = s[s.index(after: close)...]
            return name.count >= 3 ? name : nil
        }
        let name = s.prefix(while: { $0.isLetter })
        guard name.count >= 3 else { return nil }
        s = s[name.endIndex...]
        return String(name)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds.
    private static func offset(_ s: inout Substring) -> Int? {
        var sign = 1
        if s.first == "+" { s.removeFirst() } else if s.first == "-" { sign = -1; s.removeFirst() }
        guard let t = time(&s) else { return nil }
        return sign * t
    }

    private static func time(_ s: inout Substring) -> Int? {
        var parts: [Int] = []
        while parts.count < 3 {
            let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, let v = Int(digits) else { return nil }
            parts.append(v)
            s = s[digits.endIndex...]
            guard s.first == ":" else { break }
            s.removeFirst()
        }
        while parts.count < 3 { parts.append(0) }
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    }

    private static func transition(_ s: inout Substring) -> TransitionDate? {
        let day: TransitionDate.Day
        if s.first == "M" {
            s.removeFirst()
            let fields = s.prefix(while: { $0 != "/" && $0 != "," }).split(separator: ".")
            guard fields.count == 3, let m = Int(fields[0]), let w = Int(fields[1]), let d = Int(fields[2]),
                  (1...12).contains(m), (1...5).contains(w), (0...6).contains(d) else { return nil }
            s = s.drop(while: { $0 != "/" && $0 != "," })
            day = .monthWeekDay(month: m, week: w, weekday: d)
        } else if s.first == "J" {
            s.removeFirst()
            let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
            guard let n = Int(digits), (1...365).contains(n) else { return nil }
            s = s[digits.endIndex...]
            day = .julianNoLeap(n)
        } else {
            let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
            guard let n = Int(digits), (0...365).contains(n) else { return nil }
            s = s[digits.endIndex...]
            day = .zeroBasedDayOfYear(n)
        }
        var time = 7200
        if s.first == "/" {
            s.removeFirst()
            guard let t = offset(&s) else { return nil }
            time = t
        }
        return TransitionDate(day: day, time: time)
    }
}
