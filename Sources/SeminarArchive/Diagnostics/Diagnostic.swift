/// Where something is in a file: 1-based line and column (columns count Unicode scalars).
public struct FileLocation: Sendable, Equatable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Path as the user should see it, relative to the working directory when possible.
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: FileLocation, b: FileLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// A problem found while loading or checking the archive, reported in the
/// `path:line:col: error: message` form that editors and CI logs understand.
public struct Diagnostic: Sendable, Equatable, Error, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable, Comparable, Codable {
        case error, warning, note
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    /// A secondary message pointing somewhere else, such as "opened here".
    public struct Note: Sendable, Equatable, Codable {
        public var message: String
        public var location: FileLocation?
        public var excerpt: SourceExcerpt?
        public init(message: String, location: FileLocation?, excerpt: SourceExcerpt? = nil) {
            self.message = message
            self.location = location
            self.excerpt = excerpt
        }
    }

    public var severity: Severity
    /// Stable, kebab-case: tools and tests match on it, so it never changes once published.
    public var code: String
    public var message: String
    /// A suggested fix, when there is one ("did you mean `abstract`?").
    public var fix: String?
    /// Nil only for problems that belong to no file (an unreadable folder, say).
    public var location: FileLocation?
    /// The line at `location`, for the caret display.
    public var excerpt: SourceExcerpt?
    /// The whole text of that line.
    public var sourceLine: String? { excerpt?.text }
    /// How many columns the caret underline spans (at least 1).
    public var length: Int
    public var notes: [Note]

    public init(
        _ severity: Severity, code: String, message: String, fix: String? = nil,
        location: FileLocation?, excerpt: SourceExcerpt? = nil, length: Int = 1, notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.fix = fix
        self.location = location
        self.excerpt = excerpt
        self.length = max(1, length)
        self.notes = notes
    }

    public static func error(_ code: String, _ message: String, at location: FileLocation?, fix: String? = nil) -> Diagnostic {
        Diagnostic(.error, code: code, message: message, fix: fix, location: location)
    }

    /// One line: `path:line:col: error: message [code]`.
    public var description: String {
        var s = location.map { "\($0): " } ?? ""
        s += "\(severity.rawValue): \(message) [\(code)]"
        return s
    }
}

extension Diagnostic {
    /// The sort used for every report: by file and position, so output never depends on
    /// the order files were read in.
    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default: return (a.severity, a.code, a.message) < (b.severity, b.code, b.message)
        }
    }
}
