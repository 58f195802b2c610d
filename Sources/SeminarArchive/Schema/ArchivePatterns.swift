/// The rules of `Validation.swift` and `URLRule` written as regular expressions for the
/// JSON Schema. ECMA-262 syntax, which JSON Schema prescribes, kept to the part that
/// Python's `re` reads the same way (the tests validate with Python's `jsonschema`).
/// `SchemaAgreementTests` holds each one to the Swift rule it mirrors.
enum ArchivePatterns {
    /// The characters `URLRule.hasOnlyURLCharacters` refuses: controls, space, what RFC 3986
    /// excludes, line separators and bidirectional controls.
    static let notURLCharacter = #"[\u0000-\u0020"<>\\^`{|}\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]"#

    /// `URLRule.isWebURL`: scheme, optional user info, a host (an IPv6 literal, or a name
    /// that neither starts with a dot nor has two in a row), an optional numeric port.
    static let webURL = #"^(?![\s\S]*"# + notURLCharacter + #")[Hh][Tt][Tt][Pp][Ss]?://(?:[^/?#]*@)?"#
        + #"(?:\[[^\]/?#]*\]|(?![.\[])(?:[^./?#:@]|\.(?!\.))+)(?::[0-9]*)?(?:[/?#][\s\S]*)?$"#

    /// What `TalkReader.readID` accepts: URI-unreserved characters, and not the feeds' own id.
    static let talkID = #"^(?!feed$)[A-Za-z0-9._~-]+$"#

    /// A month and a day of it, `MM-DD`: 31 days in the long months, 30 in the short
    /// ones, 29 in February (a 29 February of a year that is not a leap year is left to the
    /// loader: a regular expression would have to do arithmetic on the year).
    private static let monthDay = #"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-9]))"#
    private static let date = "[0-9]{4}-" + monthDay

    /// `LocalDateTime(parsing:)`: `2021-06-28T16:30`.
    static let localDateTime = "^" + date + #"T(?:[01][0-9]|2[0-3]):[0-5][0-9]$"#

    /// `LocalTime(parsing:)`: `16:30`.
    static let localTime = #"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"#

    /// `Instant(rfc3339:)`: `2021-06-20T09:15:00Z`, with an optional fraction and offset.
    static let rfc3339 = "^" + date + #"[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"#

    /// An IANA zone name's shape (`Europe/Zurich`, `UTC`); the loader looks it up.
    static let zoneName = #"^[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*$"#

    /// `isLanguageTag`: `en`, `fr-CH`, `zh-Hant-TW`.
    static let languageTag = #"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$"#

    private static let dnsLabel = #"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"#
    private static let dnsName = dnsLabel + #"(?:\."# + dnsLabel + ")*"
    private static let atom = #"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"#
    private static let emailBody = atom + #"(?:\."# + atom + ")*@" + dnsName

    /// `isEmailAddress`: a dot-atom address, `local@example.org`.
    static let email = "^" + emailBody + "$"

    /// `tagURIProblem`: `tag:` authority (a domain or an address), `,` a date, `:` the rest.
    static let tagURIPrefix = "^tag:(?:" + dnsName + "|" + emailBody + ")"
        + ",(?:" + date + #"|[0-9]{4}(?:-(?:0[1-9]|1[0-2]))?):[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$"#

    /// An `extraMacros` entry: a command name of letters, without the backslash.
    static let commandName = #"^[A-Za-z]+$"#

    /// Not blank (`isBlank`): some character that is not white space.
    static let notBlank = #"\S"#

    /// A character XML 1.0 forbids (`firstForbiddenScalar`).
    static let forbiddenCharacter = #"[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]"#

    /// A web URL ending with `/`, as `feedsBaseURL` must.
    static let webFolderURL = String(webURL.dropLast()) + "/$"
}
