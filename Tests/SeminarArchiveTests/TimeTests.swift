import Testing
@testable import SeminarArchive

@Suite struct TimeTests {
    @Test func parsesLocalDateTimeAndRejectsImpossibleDates() {
        #expect(LocalDateTime(parsing: "2021-06-28T16:30") == LocalDateTime(year: 2021, month: 6, day: 28, hour: 16, minute: 30))
        #expect(LocalDateTime(parsing: "2021-02-29T10:00") == nil)
        #expect(LocalDateTime(parsing: "2020-02-29T10:00") != nil)
        #expect(LocalDateTime(parsing: "2021-06-28 16:30") == nil)
        #expect(LocalDateTime(parsing: "2021-06-28T24:00") == nil)
    }

    @Test func weekdayAndRoundTrip() {
        let t = LocalDateTime(year: 2021, month: 6, day: 28, hour: 16, minute: 30)
        #expect(t.weekday == 1)  // a Monday
        #expect(LocalDateTime(secondsAsIfUTC: t.secondsAsIfUTC) == t)
        #expect(LocalDateTime(year: 1969, month: 12, day: 31).secondsAsIfUTC == -86_400)
    }

    @Test func instantsParseAndFormat() throws {
        let a = try #require(Instant(rfc3339: "2021-06-20T11:15:00+02:00"))
        #expect(a.rfc3339 == "2021-06-20T09:15:00Z")
        #expect(a.rfc822 == "Sun, 20 Jun 2021 09:15:00 GMT")
        #expect(Instant(rfc3339: "2021-06-20T09:15:00.250Z") == Instant(rfc3339: "2021-06-20T09:15:00Z"))
        #expect(Instant(rfc3339: "2021-06-20T09:15:00") == nil)
        #expect(Instant(rfc3339: "2021-06-20") == nil)
    }
}
