import Foundation
import LaTeX

/// Writes `archive/seminar.json` for `seminar init`: what an organiser starting an archive
/// gives, as text. The loader's own reading of those bytes checks them first
/// (`loadErrors`), so that no file is written that would need correcting.
public enum SeminarFile {
    /// The keys of `seminar.json` that `init` writes (see the README's reference).
    public struct Fields: Encodable, Sendable, Equatable {
        public struct Person: Encodable, Sendable, Equatable {
            public var name: String
            public var email: String?
            public init(name: String, email: String? = nil) {
                self.name = name
                self.email = email
            }
        }

        public var title: String
        public var description: String
        public var homePage: String
        public var feedsBaseURL: String
        public var language: String
        public var timezone: String
        public var defaultStartTime: String
        public var defaultDuration: Int
        public var contact: Person
        public var organisers: [Person]
        public var idPrefix: String

        public init(title: String, description: String, homePage: String, feedsBaseURL: String, language: String,
                    timezone: String, defaultStartTime: String, defaultDuration: Int, contact: Person,
                    organisers: [Person], idPrefix: String) {
            self.title = title
            self.description = description
            self.homePage = homePage
            self.feedsBaseURL = feedsBaseURL
            self.language = language
            self.timezone = timezone
            self.defaultStartTime = defaultStartTime
            self.defaultDuration = defaultDuration
            self.contact = contact
            self.organisers = organisers
            self.idPrefix = idPrefix
        }
    }

    public struct Exists: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String {
            "\(path) exists: `seminar init` starts an archive, it never replaces one; change the file itself"
        }
    }

    /// Sorted keys, two-space indent, a final newline: the form `git diff` shows best.
    public static func canonicalJSON(_ fields: Fields) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Only strings and integers: encoding cannot fail.
        return [UInt8](try! encoder.encode(fields)) + [0x0A]
    }

    /// The errors that would keep the file from loading, found by the loader's own reading
    /// of the bytes `create` would write, and those of the LaTeX of its description, which
    /// would keep every build from publishing: `init` refuses such a file rather than write
    /// one it could not write again (it never replaces a file).
    public static func loadErrors(_ fields: Fields, root: String, zones: ZoneDatabase = .system) -> [Diagnostic] {
        let source = JSONSourceFile(path: ArchiveFolder(root).seminarFile, bytes: canonicalJSON(fields)).readingDocument()
        let loading = SeminarReader(zones: zones).read(source).2.filter { $0.severity == .error }
        let latex = LaTeXChecker.check(fields.description).filter { $0.severity == .error }.map { d in
            var diagnostic = Diagnostic(latex: d) { position in
                let location = source.location(inStringAt: ["description"], scalarOffset: position.offset)
                return (location, location.flatMap { source.excerpt(line: $0.line) })
            }
            diagnostic.message = "`description`: " + diagnostic.message
            return diagnostic
        }
        return loading + latex
    }

    /// Writes `root/seminar.json` (creating `root`), and returns its path; refuses to
    /// replace one that exists.
    public static func create(_ fields: Fields, root: String) throws -> String {
        let path = ArchiveFolder(root).seminarFile
        if FileManager.default.fileExists(atPath: path) { throw Exists(path: path) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try AtomicFile.write(canonicalJSON(fields), to: path)
        return path
    }

    /// Where `feeds/` goes by default: the folder of the home page, without its query,
    /// fragment or credentials (`https://example.org/a/index.html?x#y` →
    /// `https://example.org/a/feeds/`). Nil when the home page is no absolute URL.
    public static func feedsBaseURL(homePage: String) -> String? {
        guard var parts = URLComponents(string: homePage), parts.scheme != nil, parts.host != nil else { return nil }
        parts.query = nil
        parts.fragment = nil
        parts.user = nil
        parts.password = nil
        var path = parts.path
        if !path.hasSuffix("/") {
            // A last segment with a dot names a file (`index.html`); anything else a folder.
            if let slash = path.lastIndex(of: "/"), path[slash...].contains(".") { path = String(path[...slash]) } else { path += "/" }
        }
        parts.path = path + "feeds/"
        return parts.string
    }

    /// A `tag:` URI prefix for the talks' permanent ids (RFC 4151): the home page's host
    /// and `year` (when the host is the organisers', as the RFC asks), then the seminar's
    /// name as a slug: `tag:epfl.ch,2021:internal-seminar-theory-of-neural-nets/talk/`.
    /// Nil when the home page has no host.
    public static func idPrefix(homePage: String, title: String, year: Int) -> String? {
        guard var host = URLComponents(string: homePage)?.host?.lowercased(), !host.isEmpty else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        let name = TalkFileNaming.slug(title)
        return "tag:" + host + "," + fourDigits(year) + ":" + (name.isEmpty ? "seminar" : name) + "/talk/"
    }
}
