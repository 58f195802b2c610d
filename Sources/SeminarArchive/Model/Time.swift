// Calendar arithmetic done by hand on purpose: Foundation's Calendar and DateFormatter
// depend on the process's locale and time zone, and every document must come out
// byte-identical whatever the machine says. The proleptic Gregorian calendar is all
// the seminar needs.

/// A wall-clock time of day, such as 16:30.
public struct LocalTime: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }
    /// Parses `HH:MM`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        self.init(hour: h, minute: m)
    }
    public var description: String { twoDigits(hour) + ":" + twoDigits(minute) }
    public static func < (a: LocalTime, b: LocalTime) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }
}

/// A date and wall-clock time without a time zone, as a talk file stores it:
/// `2021-06-28T16:30`.
public struct LocalDateTime: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Parses `YYYY-MM-DDTHH:MM` (seconds are not part of the talk format). Returns nil
    /// for anything else, including dates that do not exist such as 2021-02-30.
    public init?(parsing text: String) {
        let u = Array(text.utf8)
        guard u.count == 16, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A,
              let y = digits(u, 0, 4), let mo = digits(u, 5, 2), let d = digits(u, 8, 2),
              let h = digits(u, 11, 2), let mi = digits(u, 14, 2),
              (1...12).contains(mo), (1...daysInMonth(y, mo)).contains(d),
              (0...23).contains(h), (0...59).contains(mi)
        else { return nil }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi)
    }

    /// `2021-06-28T16:30`, the talk file form.
    public var description: String {
        fourDigits(year) + "-" + twoDigits(month) + "-" + twoDigits(day) + "T" + twoDigits(hour) + ":" + twoDigits(minute)
    }

    /// Seconds since 1970-01-01T00:00 of this wall-clock reading taken as if it were UTC.
    public var secondsAsIfUTC: Int64 {
        Int64(daysFromCivil(year, month, day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public init(secondsAsIfUTC s: Int64) {
        let days = Int(floorDiv(s, 86_400))
        let rest = Int(s - Int64(days) * 86_400)
        let (y, m, d) = civilFromDays(days)
        self.init(year: y, month: m, day: d, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int {
        let days = daysFromCivil(year, month, day)
        return ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.secondsAsIfUTC < b.secondsAsIfUTC }

    public func adding(minutes: Int) -> LocalDateTime {
        LocalDateTime(secondsAsIfUTC: secondsAsIfUTC + Int64(minutes) * 60)
    }
}

/// A moment in time, to the second, such as `published` and `updated`.
public struct Instant: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64
    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// Parses an RFC 3339 date-time: `2021-06-20T09:15:00Z`, `2021-06-20T11:15:00+02:00`,
    /// optionally with fractional seconds (dropped: the archive keeps whole seconds).
    public init?(rfc3339 text: String) {
        let u = Array(text.utf8)
        guard u.count >= 20, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54 || u[10] == 0x74,
              u[13] == 0x3A, u[16] == 0x3A,
              let y = digits(u, 0, 4), let mo = digits(u, 5, 2), let d = digits(u, 8, 2),
              let h = digits(u, 11, 2), let mi = digits(u, 14, 2), let s = digits(u, 17, 2),
              (1...12).contains(mo), (1...daysInMonth(y, mo)).contains(d),
              (0...23).contains(h), (0...59).contains(mi), (0...60).contains(s)
        else { return nil }
        var i = 19
        if u[i] == 0x2E {  // fraction
            i += 1
            let f = i
            while i < u.count, (0x30...0x39).contains(u[i]) { i += 1 }
            guard i > f else { return nil }
        }
        guard i < u.count else { return nil }
        var offset = 0
        switch u[i] {
        case 0x5A, 0x7A:  // Z
            guard i + 1 == u.count else { return nil }
        case 0x2B, 0x2D:
            guard i + 6 == u.count, u[i + 3] == 0x3A, let oh = digits(u, i + 1, 2), let om = digits(u, i + 4, 2),
                  oh <= 23, om <= 59 else { return nil }
            offset = (oh * 60 + om) * 60 * (u[i] == 0x2D ? -1 : 1)
        default:
            return nil
        }
        let local = LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: min(s, 59))
        self.init(secondsSince1970: local.secondsAsIfUTC - Int64(offset))
    }

    /// The UTC calendar reading of this instant.
    public var utcDateTime: LocalDateTime { LocalDateTime(secondsAsIfUTC: secondsSince1970) }

    /// RFC 3339 in UTC, `2021-06-20T09:15:00Z`: the form of Atom dates and of the archive.
    public var rfc3339: String {
        let t = utcDateTime
        return fourDigits(t.year) + "-" + twoDigits(t.month) + "-" + twoDigits(t.day) + "T"
            + twoDigits(t.hour) + ":" + twoDigits(t.minute) + ":" + twoDigits(t.second) + "Z"
    }

    /// RFC 822 (as updated by RFC 1123) in GMT with English names whatever the locale:
    /// `Mon, 28 Jun 2021 14:30:00 GMT`, the form RSS 2.0 requires.
    public var rfc822: String { dateAndTime + " GMT" }

    /// "Mon, 28 Jun 2021 14:30:00 +0000": RFC 5322 (3.3) writes the zone as an offset; GMT
    /// is obsolete syntax there.
    public var rfc5322: String { dateAndTime + " +0000" }

    private var dateAndTime: String {
        let t = utcDateTime
        return CalendarNames.shortWeekdays[t.weekday] + ", " + twoDigits(t.day) + " " + CalendarNames.shortMonths[t.month - 1]
            + " " + fourDigits(t.year) + " " + twoDigits(t.hour) + ":" + twoDigits(t.minute) + ":" + twoDigits(t.second)
    }

    public var description: String { rfc3339 }
    public static func < (a: Instant, b: Instant) -> Bool { a.secondsSince1970 < b.secondsSince1970 }
}

/// English names, fixed: documents never follow the machine's locale.
public enum CalendarNames {
    public static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    public static let shortWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    public static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
    public static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

// MARK: - Helpers

public func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

public func daysInMonth(_ y: Int, _ m: Int) -> Int {
    switch m {
    case 2: return isLeapYear(y) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

private func digits(_ u: [UInt8], _ from: Int, _ count: Int) -> Int? {
    var v = 0
    for i in from..<(from + count) {
        let c = u[i]
        guard (0x30...0x39).contains(c) else { return nil }
        v = v * 10 + Int(c - 0x30)
    }
    return v
}

public func twoDigits(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
public func fourDigits(_ v: Int) -> String {
    let s = String(v)
    return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
}
