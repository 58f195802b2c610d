import Foundation
import SeminarArchive

/// What the last successful build read and published, with the stamp of every one of
/// those files (see `FileStamp`). A build that finds each of them exactly as recorded can
/// stop at once: the same inputs, read by the same program, give the same documents, and
/// those are already in place. This is how `make` and git's index avoid redoing work.
///
/// The manifest never changes what a build writes, only whether it needs to look: when
/// anything it lists differs, or it is missing or unreadable, the build checks and renders
/// everything. It lives outside the repository (in the user's cache folder, see
/// `Publisher.buildManifestPath`), since stamps mean nothing on another machine.
struct BuildManifest: Codable, Equatable, Sendable {
    static let currentFormat = 2
    /// Two seconds (in nanoseconds), the coarsest granularity of file times in common use.
    static let clockMargin: Int64 = 2_000_000_000

    var format = BuildManifest.currentFormat
    /// The program that built (see `ToolIdentity`): another build of it, or another
    /// libxml2 or Foundation, may render differently.
    var tool: String
    /// Everything read: the archive's files and folders, and the zone files.
    var inputs: StampedFiles
    /// Every published file, frozen years' documents included.
    var outputs: StampedFiles
    var talkCount: Int
    /// The warnings the build reported, to report them again.
    var diagnostics: [Diagnostic]
    /// The paths of the public documents, then of the organisers' set (`--private-out`).
    var published: [String]
    var privatelyPublished: [String]?
    /// Whether the stamps vouch for the files (see `settled`). A record that does not
    /// (the files changed while the build ran, or the build failed) only keeps what was
    /// published, so that the next build can remove the pages of talks that are gone.
    var vouches = true

    /// What has changed since this manifest was recorded, or nil if nothing has: the same
    /// program, and every file and folder with the stamp it had. Says which file, so that
    /// the command can tell why a build checks everything again.
    func firstChange(tool: String, stamp: @Sendable (String) -> FileStamp?) -> String? {
        guard format == Self.currentFormat, self.tool == tool else { return "the seminar program or its libraries" }
        guard vouches else { return "the files of the last build, which it could not vouch for" }
        for files in [inputs, outputs] {
            guard files.paths.count == files.stamps.count else { return "the record itself" }
            // Every file looked at, on every core: the `stat` calls are most of the time of
            // a build with nothing to do, and nearly always none has changed.
            let unchanged = ConcurrentMap.map(Array(files.paths.indices)) { stamp(files.paths[$0])?.description == files.stamps[$0] }
            if let first = unchanged.firstIndex(of: false) { return "`\(files.paths[first])`" }
        }
        return nil
    }

    /// The manifest of a build that began reading at `started` (a file system time, see
    /// `FileStamp.fileSystemTime`), or nil when a stamp cannot vouch for what the build saw.
    ///
    /// A stamp vouches for a file only if the file last changed before the build began:
    /// then what the build read or compared is what the stamp describes, and any later
    /// change gives a new stamp (a new status-change time, which nothing can set back).
    /// A file changed during the build, or written by it, has no such stamp: the next
    /// build then looks at everything again, finds it unchanged, and records it.
    ///
    /// "Before" keeps a `margin`: file systems keep times at their own granularity (a
    /// clock tick of a few milliseconds; a second or two on some), and the archive, the
    /// feeds and the record may live on different ones. A file changed within `margin`
    /// before the build is simply looked at again by the next one.
    static func settled(
        tool: String, started: Int64, margin: Int64 = BuildManifest.clockMargin,
        inputs: [(path: String, stamp: FileStamp)], outputs: [(path: String, stamp: FileStamp)],
        talkCount: Int, diagnostics: [Diagnostic], published: [String], privatelyPublished: [String]?
    ) -> BuildManifest? {
        let before = started - margin
        guard inputs.allSatisfy({ $0.stamp.changed < before }), outputs.allSatisfy({ $0.stamp.changed < before })
        else { return nil }
        return BuildManifest(
            tool: tool, inputs: StampedFiles(inputs), outputs: StampedFiles(outputs),
            talkCount: talkCount, diagnostics: diagnostics, published: published, privatelyPublished: privatelyPublished)
    }

    /// A record of what is published, which never lets a build skip work.
    static func publishedOnly(tool: String, published: [String], privatelyPublished: [String]?) -> BuildManifest {
        BuildManifest(tool: tool, inputs: StampedFiles([]), outputs: StampedFiles([]), talkCount: 0, diagnostics: [],
                      published: published, privatelyPublished: privatelyPublished, vouches: false)
    }

    var publishedFiles: Published { Published(published: published, privatelyPublished: privatelyPublished) }

    // MARK: Storage

    static func read(from path: String) -> BuildManifest? { read(BuildManifest.self, from: path) }

    /// What a record says is published, without the rest: all that a build that renders
    /// everything needs of it. Decoding the stamps too took a tenth of a second of a
    /// 10,000-talk build, before anything else could start.
    struct Published: Decodable, Sendable {
        var published: [String]
        var privatelyPublished: [String]?
    }

    static func readPublished(from path: String) -> Published? { read(Published.self, from: path) }

    private static func read<Part: Decodable>(_ part: Part.Type, from path: String) -> Part? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(part, from: data)
    }

    func write(to path: String) throws {
        // Written from the encoder's `Data`: a copy as an array was 4.5 MB for the record of
        // 10,000 talks, at the end of a build, when its memory peaks.
        try AtomicFile.write(try JSONEncoder().encode(self), to: path)
    }
}

/// Files and their stamps (`FileStamp.description`). Two lists rather than a dictionary:
/// a build of a large archive records tens of thousands of them, and lists of strings are
/// what JSON encodes and decodes fastest.
struct StampedFiles: Codable, Equatable, Sendable {
    var paths: [String]
    var stamps: [String]

    init(_ files: [(path: String, stamp: FileStamp)]) {
        paths = files.map(\.path)
        stamps = files.map(\.stamp.description)
    }
}

extension Publisher {
    /// Where the record of the last build is kept: one file per way of running it (working
    /// folder, archive, feeds folder and organisers' folder, as given), under
    /// `cacheFolder`, the user's cache (`$XDG_CACHE_HOME` or `~/.cache`) for the command.
    public static func buildManifestPath(
        cacheFolder: String, workingFolder: String, archive: String, feeds: String, privateOut: String?
    ) -> String {
        let key = [workingFolder, archive, feeds, privateOut ?? ""].joined(separator: "\u{0}")
        let digest = sha256Digest(Array(key.utf8)).dropFirst("sha256:".count)
        return cacheFolder + "/seminar/builds/" + digest + ".json"
    }

    /// The stamps of the files at `paths`, in order, or nil if one of them is missing.
    /// On every core: tens of thousands of `stat` calls, which the build waits for at its end.
    static func stamps(of paths: [String]) -> [(path: String, stamp: FileStamp)]? {
        let stamps = ConcurrentMap.map(paths, FileStamp.of)
        var out: [(path: String, stamp: FileStamp)] = []
        out.reserveCapacity(paths.count)
        for (path, stamp) in zip(paths, stamps) {
            guard let stamp else { return nil }
            out.append((path, stamp))
        }
        return out
    }
}
