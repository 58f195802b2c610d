import Testing
@testable import SeminarArchive

@Suite struct ZoneInfoTests {
    let zurich: ZoneInfo

    init() throws { zurich = try ZoneInfo.load("Europe/Zurich") }

    @Test func abbreviationsAndOffsetsAcrossTheYear() throws {
        let summer = try #require(Instant(rfc3339: "2021-06-28T14:30:00Z"))
        let winter = try #require(Instant(rfc3339: "2021-12-06T15:30:00Z"))
        #expect(zurich.localTimeType(at: summer) == LocalTimeType(utcOffset: 7200, isDaylightSaving: true, abbreviation: "CEST"))
        #expect(zurich.localTimeType(at: winter) == LocalTimeType(utcOffset: 3600, isDaylightSaving: false, abbreviation: "CET"))
        // Far beyond the transitions stored in the file, the footer rule answers.
        let future = try #require(Instant(rfc3339: "2091-07-01T12:00:00Z"))
        #expect(zurich.localTimeType(at: future).abbreviation == "CEST")
    }

    @Test func wallClockReadingsInGapsAndOverlapsAreFlagged() throws {
        #expect(zurich.resolve(LocalDateTime(year: 2021, month: 6, day: 28, hour: 16, minute: 30))
            == .unique(try #require(Instant(rfc3339: "2021-06-28T14:30:00Z"))))
        // Clocks jump from 02:00 to 03:00 on 28 March 2021.
        #expect(zurich.resolve(LocalDateTime(year: 2021, month: 3, day: 28, hour: 2, minute: 30)) == .skipped)
        // Clocks go back from 03:00 to 02:00 on 31 October 2021: 02:30 happens twice.
        #expect(zurich.resolve(LocalDateTime(year: 2021, month: 10, day: 31, hour: 2, minute: 30))
            == .ambiguous(try #require(Instant(rfc3339: "2021-10-31T00:30:00Z")), try #require(Instant(rfc3339: "2021-10-31T01:30:00Z"))))
        // The same in a year only the footer rule covers.
        #expect(zurich.resolve(LocalDateTime(year: 2090, month: 3, day: 26, hour: 2, minute: 30)) == .skipped)
    }

    /// `resolve` finds the instants of a reading from the zone's changes around it. The
    /// definition is simpler: try every offset the zone ever uses. Both must agree at every
    /// half hour of a year of the table and a year of the rule, in zones that skip a whole
    /// day, change by half an hour or by two hours, or count winter as daylight time.
    @Test(arguments: ["Europe/Zurich", "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Apia", "Europe/Dublin",
                      "Antarctica/Troll", "America/St_Johns", "Asia/Kolkata"])
    func resolvingAgreesWithTryingEveryOffset(_ identifier: String) throws {
        let zone = try ZoneInfo.load(identifier)
        let rule = [zone.rule?.standard.utcOffset, zone.rule?.daylight?.utcOffset].compactMap { $0 }
        let everyOffset = Set(zone.types.map(\.utcOffset) + rule)
        for year in [2011, 2090] {
            let newYear = LocalDateTime(year: year, month: 1, day: 1).secondsAsIfUTC
            for halfHour in 0..<(365 * 48) {
                let local = LocalDateTime(secondsAsIfUTC: newYear + Int64(halfHour) * 1800)
                let instants = everyOffset.map { Instant(secondsSince1970: local.secondsAsIfUTC - Int64($0)) }
                    .filter { zone.localDateTime(at: $0).0 == local }
                    .sorted()
                let expected: LocalTimeResolution = switch instants.count {
                case 0: .skipped
                case 1: .unique(instants[0])
                default: .ambiguous(instants[0], instants[instants.count - 1])
                }
                #expect(zone.resolve(local) == expected, "\(identifier) \(local)")
            }
        }
    }

    @Test func posixRuleParses() throws {
        let rule = try #require(PosixTimeZoneRule(parsing: "CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(rule.standard.utcOffset == 3600)
        #expect(rule.daylight?.utcOffset == 7200)
        #expect(rule.daylightStart?.localDateTime(in: 2021) == LocalDateTime(year: 2021, month: 3, day: 28, hour: 2))
        #expect(rule.daylightEnd?.localDateTime(in: 2021) == LocalDateTime(year: 2021, month: 10, day: 31, hour: 3))
        #expect(PosixTimeZoneRule(parsing: "<+0530>-5:30")?.standard.utcOffset == 19_800)
        #expect(PosixTimeZoneRule(parsing: "nonsense,,") == nil)
        #expect(zurich.rule?.text == "CET-1CEST,M3.5.0,M10.5.0/3")
    }

    @Test func unknownAndHostileIdentifiersAreRejected() {
        #expect(throws: ZoneInfoError.self) { try ZoneInfo.load("Europe/Atlantis") }
        #expect(throws: ZoneInfoError.self) { try ZoneInfo.load("../../etc/passwd") }
        #expect(throws: ZoneInfoError.self) { try ZoneInfo(identifier: "x", tzif: Array("TZif2 garbage".utf8)) }
    }

    @Test func southernHemisphereAndHalfHourZones() throws {
        let sydney = try ZoneInfo.load("Australia/Sydney")
        let january = try #require(Instant(rfc3339: "2022-01-10T00:00:00Z"))
        #expect(sydney.localTimeType(at: january).abbreviation == "AEDT")
        let kolkata = try ZoneInfo.load("Asia/Kolkata")
        #expect(kolkata.localTimeType(at: january).utcOffset == 19_800)
    }
}
