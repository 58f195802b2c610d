/// What the rest of the archive needs from `seminar.json`, read even when other seminar
/// fields are wrong: what talk files inherit (zone, duration), so that talks still get
/// checked against the right ones, and for the LaTeX check the description and the extra
/// macros, so that its problems and theirs are all reported at once.
struct SeminarDefaults: Sendable {
    var timeZone: String?
    var zone: ZoneInfo?
    var duration: Int?
    var description: String?
    var extraMacros: [String] = []

    /// The defaults as one line of text, for `PinnedTalkFiles`: a talk file read with
    /// other defaults may give another talk.
    var pinText: String {
        "timezone=" + (timeZone ?? "") + " duration=" + (duration.map(String.init) ?? "")
    }
}

/// Reads `seminar.json`.
struct SeminarReader {
    let zones: ZoneDatabase

    func read(_ source: JSONSourceFile) -> (Seminar?, SeminarDefaults, [Diagnostic]) {
        var report = FileReport(source: source)
        var defaults = SeminarDefaults()
        guard let root = report.readJSON(.seminar), let object = report.object(root, at: []) else {
            return (nil, defaults, report.diagnostics)
        }
        report.checkKeys(object, allowed: SeminarFileFields.all)
        let title = report.oneLineString(object, SeminarFileFields.title)
        let description = report.string(object, SeminarFileFields.description)
        defaults.description = description
        let homePage = report.url(object, SeminarFileFields.homePage)
        var feedsBaseURL = report.url(object, SeminarFileFields.feedsBaseURL)
        if let url = feedsBaseURL, !url.hasSuffix("/") {
            // Self and archive links are made by appending file names to it.
            report.error("invalid-url", "`feedsBaseURL` must end with `/`: `\(url)`", at: .value(["feedsBaseURL"]),
                         fix: "write `\(url)/`")
            feedsBaseURL = nil
        }
        var language = report.string(object, SeminarFileFields.language)
        if let l = language, !isLanguageTag(l) {
            report.error("invalid-value", "`language` is not a BCP 47 language tag such as `en` or `fr-CH`: `\(l)`",
                         at: .value(["language"]))
            language = nil
        }
        if let tz = report.string(object, SeminarFileFields.timezone) {
            do {
                defaults.zone = try zones.zone(tz)
                defaults.timeZone = tz
            } catch {
                report.error("unknown-timezone", "unknown time zone `\(tz)`", at: .value(["timezone"]))
            }
        }
        var startTime: LocalTime? = nil
        if let text = report.string(object, SeminarFileFields.defaultStartTime) {
            startTime = LocalTime(parsing: text)
            if startTime == nil {
                report.error("invalid-date", "invalid `defaultStartTime` `\(text)`: expected a time as HH:MM",
                             at: .value(["defaultStartTime"]))
            }
        }
        defaults.duration = report.integerInRange(object, SeminarFileFields.defaultDuration, unit: " minutes")
        let contact = report.require(object, SeminarFileFields.contact).flatMap { report.person($0, at: ["contact"], fields: PersonFields.contact) }
        var organisers: [Person] = []
        for (i, value) in (report.array(object, SeminarFileFields.organisers) ?? []).enumerated() {
            if let p = report.person(value, at: ["organisers", .index(i)], fields: PersonFields.organiser) { organisers.append(p) }
        }
        var idPrefix = report.string(object, SeminarFileFields.idPrefix)
        if let prefix = idPrefix, let problem = tagURIProblem(prefix) {
            report.error("invalid-id-prefix",
                         "`idPrefix` must be a tag URI (RFC 4151) such as `tag:example.org,2021:seminar/talk/`: \(problem)",
                         at: .value(["idPrefix"]))
            idPrefix = nil
        }
        var macros: [String] = []
        for (i, value) in (report.array(object, SeminarFileFields.extraMacros) ?? []).enumerated() {
            let path: [JSONPathComponent] = ["extraMacros", .index(i)]
            guard let name = report.string(value, at: path) else { continue }
            if name.allSatisfy({ $0.isASCII && $0.isLetter }) {
                macros.append(name)
            } else {
                report.error("invalid-value", "`\(path.displayName)` must be a LaTeX command name made of letters, without the backslash: `\(name)`",
                             at: .value(path))
            }
        }
        defaults.extraMacros = macros
        let privateLinks = report.bool(object, SeminarFileFields.privateMeetingLinks) ?? false
        var announceTo = report.string(object, SeminarFileFields.announceTo)
        if let address = announceTo, !isEmailAddress(address) {
            report.error("invalid-email", "`announceTo` is not an email address: `\(address)`", at: .value(["announceTo"]),
                         fix: "write the list's address alone, such as `seminar@example.org`")
            announceTo = nil
        }
        // Plain text; an empty one is refused by the reader like every empty string.
        let announceFooter = report.string(object, SeminarFileFields.announceFooter)

        guard !report.hasErrors, let title, let description, let homePage, let feedsBaseURL, let language,
              let timeZone = defaults.timeZone, let startTime, let duration = defaults.duration, let contact, let idPrefix
        else { return (nil, defaults, report.diagnostics) }
        let seminar = Seminar(
            title: title, description: description, homePage: homePage, feedsBaseURL: feedsBaseURL,
            language: language, timeZone: timeZone, defaultStartTime: startTime, defaultDuration: duration,
            contact: contact, organisers: organisers, idPrefix: idPrefix, extraMacros: macros,
            meetingLinksArePrivate: privateLinks, announceTo: announceTo, announceFooter: announceFooter)
        return (seminar, defaults, report.diagnostics)
    }
}

extension Talk {
    /// Talks last minutes to hours; a day or more is a typo (minutes taken for hours, say).
    public static let durationRange = 1...1440
}
