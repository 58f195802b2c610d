import Foundation
import SeminarArchive
import SeminarFeeds

/// Checking and publishing, end to end. The only part of the package besides the store
/// that touches the disk: it reads the archive, and writes `feeds/` and snapshot records.
///
/// Each task has its file: the check (`Checking/ArchiveCheck.swift`), the build
/// (`Building/Publisher+Build.swift`) and the cache around it
/// (`Building/Publisher+BuildCache.swift`), `verify` (`Verifying/Publisher+Verify.swift`)
/// and freezing a year (`Snapshots/Freezer.swift`). Here: what they share.
public struct Publisher: Sendable {
    public let archiveRoot: String
    public let feedsRoot: String
    public let zoneDatabase: ZoneDatabase
    /// Where `build` keeps the record of the last build (see `BuildManifest`), which lets a
    /// build with nothing to do stop at once. Nil: every build checks and renders everything.
    public var buildManifestPath: String?
    /// How long before a build a file must have last changed for the build's record to
    /// vouch for it (see `BuildManifest.settled`); tests that wait for the file system's
    /// clock make it shorter.
    var recordMargin = BuildManifest.clockMargin
    /// Whether the open years' talks get their own pages (see `DocumentPlanner.talkPages`).
    public var talkPages = true

    public init(archiveRoot: String = "archive", feedsRoot: String = "feeds", zoneDatabase: ZoneDatabase = .system,
                buildManifestPath: String? = nil) {
        // Normalised once: every path below is spelt from it (`archive/` gives `archive/…`).
        self.archiveRoot = ArchiveFolder(archiveRoot).path
        self.feedsRoot = feedsRoot
        self.zoneDatabase = zoneDatabase
        self.buildManifestPath = buildManifestPath
    }

    /// Finishes a publication that a stopped `build` or `snapshot` left halfway (see
    /// `PublicationJournal`), in the feeds folder and in `privateOut`: every command that
    /// reads the feeds calls it first. Returns the files it renamed into place.
    public func finishInterruptedPublication(privateOut: String? = nil) throws -> [String] {
        var renamed: [String] = []
        for folder in [feedsRoot] + (privateOut.map { [$0] } ?? []) {
            let finished = try PublicationJournal.finish(in: folder)
            renamed += finished.renamed
            // A snapshot stopped before the subscription documents were built without its
            // year: build them, as it would have.
            if finished.thenBuild {
                var builder = self
                builder.buildManifestPath = nil
                renamed += try builder.build(reusingLastBuild: false).report.map(\.written) ?? []
                PublicationJournal.remove(in: folder)
            }
        }
        return renamed
    }

    /// Whether every document of a frozen year is in `feeds/` with its recorded digest.
    func publishedFilesMatch(_ record: SnapshotRecord) -> Bool {
        record.documents.allSatisfy { path, digest in publishedDigest(of: path) == digest }
    }

    /// The digest of the file published at `path` under `feeds/`, or nil if there is none.
    func publishedDigest(of path: String) -> String? {
        FileManager.default.contents(atPath: feedsRoot + "/" + path).map { sha256Digest($0) }
    }

    /// A frozen document that, rendered now, differs from what was published: the talks are
    /// unchanged (the check compared their fingerprints), so the rendering itself changed.
    /// The document is at `path`, with `digest` (computed only when a frozen year has the path).
    func frozenDrift(of path: String, digest: @autoclosure () -> String?, records: [Int: SnapshotRecord]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (year, record) in records.sorted(by: { $0.key < $1.key }) {
            guard let recorded = record.documents[path], digest() != recorded else { continue }
            out.append(.error(
                "frozen-document-changed",
                "frozen year \(year): `\(path)` would no longer match the digest recorded when the year was frozen",
                at: FileLocation(path: SnapshotStore(archiveRoot: archiveRoot).path(of: year), line: 1, column: 1),
                fix: "this version of seminar renders the year differently; use the version that froze it, or amend with `seminar snapshot \(year) --amend --reason \"…\"`"))
        }
        return out
    }

    /// Every public document the archive gives, without writing anything.
    public func documents(of checked: CheckedArchive) throws -> [OutputDocument] {
        guard let seminar = checked.seminar else { return [] }
        return try DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: false).allDocuments()
    }
}
