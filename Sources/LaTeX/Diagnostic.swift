/// One problem found in a source, in a form a command-line tool can print with a caret
/// and a publisher can refuse to publish on (errors) or merely mention (warnings).
public struct LaTeXDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public struct Note: Sendable, Equatable {
        public var message: String
        public var position: SourcePosition

        public init(message: String, position: SourcePosition) {
            self.message = message
            self.position = position
        }
    }

    public var severity: Severity
    /// Stable kebab-case identifier; see `LaTeXDiagnostic.Code`. Tools and tests match on it,
    /// never on the message, so messages can be improved freely.
    public var code: String
    public var message: String
    public var fix: String?
    public var position: SourcePosition
    /// In Unicode scalars, at least 1.
    public var length: Int
    public var notes: [Note]

    public init(
        severity: Severity, code: String, message: String, fix: String? = nil,
        position: SourcePosition, length: Int = 1, notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.fix = fix
        self.position = position
        self.length = max(1, length)
        self.notes = notes
    }

    public var description: String {
        var text = "\(position): \(severity.rawValue): \(message) [\(code)]"
        if let fix { text += " (\(fix))" }
        return text
    }
}

extension LaTeXDiagnostic {
    /// The codes of the contract, in one place so that a typo is a compile error.
    public enum Code {
        public static let unclosedMath = "unclosed-math"
        public static let mismatchedMathDelimiter = "mismatched-math-delimiter"
        public static let unexpectedMathClose = "unexpected-math-close"
        public static let unclosedBrace = "unclosed-brace"
        public static let unmatchedBrace = "unmatched-brace"
        public static let unknownCommand = "unknown-command"
        public static let unknownEnvironment = "unknown-environment"
        public static let unclosedEnvironment = "unclosed-environment"
        public static let mismatchedEnvironment = "mismatched-environment"
        public static let unexpectedEnd = "unexpected-end"
        public static let unclosedLeft = "unclosed-left"
        public static let unexpectedRight = "unexpected-right"
        public static let missingArgument = "missing-argument"
        public static let doubleSuperscript = "double-superscript"
        public static let doubleSubscript = "double-subscript"
        public static let mathOnlyInText = "math-only-in-text"
        public static let specialCharacterInText = "special-character-in-text"
        public static let textOnlyInMath = "text-only-in-math"
        public static let nestingTooDeep = "nesting-too-deep"
        public static let comment = "comment"
        public static let trailingBackslash = "trailing-backslash"
        public static let mathLooksLikeMoney = "math-looks-like-money"
        /// A `\url` or `\href` target the HTML rendering makes no link of (not http, https
        /// or mailto).
        public static let invalidURL = "invalid-url"
    }
}
