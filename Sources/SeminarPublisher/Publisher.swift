import Foundation
import SeminarArchive
import SeminarFeeds

/// Checking and publishing, end to end. The only part of the package besides the store
/// that touches the disk: it reads the archive, and writes `feeds/` and snapshot records.
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

    // MARK: Build

    public struct BuildResult: Sendable {
        public var diagnostics: [Diagnostic]
        /// Nil when the check found errors: then nothing was written.
        public var report: OutputWriter.Report?
        public var privateReport: OutputWriter.Report?
        public var talkCount: Int
        /// True when the record of the last build showed that nothing it read or published
        /// has changed since: then nothing was read again, and nothing written.
        public var upToDate = false
        /// Why the record of the last build did not apply (say, "`archive/2021/x.json`"
        /// changed), when there was one.
        public var changedSinceLastBuild: String?
    }

    /// Checks and publishes (see `buildEverything`), unless nothing has changed since the
    /// last build: every file it read (talk files, archive folders, snapshot records, zone
    /// files) and every file it published has the same stamp, and the same program is
    /// running (see `BuildManifest`). Then that build's warnings are reported again and
    /// nothing else is done. `reusingLastBuild: false` checks and renders everything
    /// whatever the record says.
    ///
    /// Without `buildManifestPath`, every build checks and renders everything.
    public func build(privateOut: String? = nil, reusingLastBuild: Bool = true) throws -> BuildResult {
        guard let manifestPath = buildManifestPath, let tool = ToolIdentity.current else {
            return try buildEverything(privateOut: privateOut).result
        }
        let recorded = BuildManifest.read(from: manifestPath)
        let last = reusingLastBuild ? recorded : nil
        let change = last?.firstChange(tool: tool, stamp: FileStamp.of)
        if let last, change == nil {
            return BuildResult(
                diagnostics: last.diagnostics, report: OutputWriter.Report(unchanged: last.published),
                privateReport: last.privatelyPublished.map { OutputWriter.Report(unchanged: $0) },
                talkCount: last.talkCount, upToDate: true)
        }
        // From here the record would describe an earlier state: it goes before anything is
        // read, so that a record on disk always describes the last build.
        unlink(manifestPath)
        let folder = (manifestPath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let started = FileStamp.fileSystemTime(in: folder)
        // What is published stays known whatever happens, so that a later build can still
        // remove the pages of talks that are gone.
        let stillPublished = recorded.map {
            BuildManifest.publishedOnly(tool: tool, published: $0.published, privatelyPublished: $0.privatelyPublished)
        }
        var outcome: (result: BuildResult, read: ReadAlso)
        do {
            outcome = try buildEverything(privateOut: privateOut, previously: recorded)
        } catch {
            try? stillPublished?.write(to: manifestPath)
            throw error
        }
        outcome.result.changedSinceLastBuild = change
        if outcome.result.report != nil {
            record(outcome.result, read: outcome.read, privateOut: privateOut, tool: tool, started: started, at: manifestPath)
        } else {
            try? stillPublished?.write(to: manifestPath)
        }
        return outcome.result
    }

    /// Keeps the record of a successful build that began at `started`, if every file's
    /// stamp can vouch for what the build saw (see `BuildManifest.settled`). Best effort:
    /// without a record, the next build merely checks everything again.
    /// Without such stamps, the record only keeps what was published (see `BuildManifest.vouches`).
    private func record(_ result: BuildResult, read: ReadAlso, privateOut: String?, tool: String, started: Int64?, at path: String) {
        let published = result.report.map { ($0.written + $0.unchanged).sorted() } ?? []
        let privatelyPublished = result.privateReport.map { ($0.written + $0.unchanged).sorted() }
        let publishedOnly = BuildManifest.publishedOnly(tool: tool, published: published, privatelyPublished: privatelyPublished)
        guard let started else {
            try? publishedOnly.write(to: path)
            return
        }
        // A damaged frozen document was published again: it is in both lists.
        let outputs = Set(published + read.frozenDocuments).sorted().map { feedsRoot + "/" + $0 }
            + (privatelyPublished ?? []).map { (privateOut ?? "") + "/" + $0 }
        let inputs = ArchiveLoader.inputPaths(root: archiveRoot) + read.zones.map { zoneDatabase.directory + "/" + $0 }
        guard let inputStamps = Self.stamps(of: inputs), let outputStamps = Self.stamps(of: outputs),
              let manifest = BuildManifest.settled(
                  tool: tool, started: started, margin: recordMargin, inputs: inputStamps, outputs: outputStamps,
                  talkCount: result.talkCount, diagnostics: result.diagnostics,
                  published: published, privatelyPublished: privatelyPublished)
        else {
            try? publishedOnly.write(to: path)
            return
        }
        try? manifest.write(to: path)
    }

    /// What a build read besides the archive folder, for its record.
    private struct ReadAlso {
        var zones: [String] = []
        /// Frozen years' documents under `feeds/`, hashed to check them.
        var frozenDocuments: [String] = []
    }

    /// Checks everything; if there is no error, renders every document, staging each to a
    /// temporary file as soon as it is rendered, and renames them all into place only
    /// when every one is ready. A build that finds an error writes nothing.
    ///
    /// Frozen years are not rendered again when their published files are intact (checked
    /// against the record's digests). The talk files of such a year that are byte for byte
    /// as frozen are not even parsed (see `PinnedTalkFiles`); any other talk of a frozen
    /// year is checked against the record's fingerprints. A missing or damaged document is
    /// rendered again, from its year's talks, and must then match its digest.
    ///
    /// The talk pages the `previously` recorded build published and this one did not (a
    /// talk deleted, or moved to another id) are then removed: only those, never any other
    /// file of the folder.
    private func buildEverything(privateOut: String?, previously: BuildManifest? = nil) throws -> (result: BuildResult, read: ReadAlso) {
        // Field fingerprints are needed only for the talks of frozen years that are read
        // again (`check` reads those records whole); the organisers' set reads every talk.
        let wholeRecords = privateOut != nil
        let (frozen, problems) = SnapshotStore(archiveRoot: archiveRoot).load(withFieldFingerprints: wholeRecords)
        let snapshots = (records: frozen, diagnostics: problems, withFieldFingerprints: wholeRecords)
        // Hashing every frozen document is a good part of the build: each year on its own core.
        let frozenYears = snapshots.records.keys.sorted()
        let intact = ConcurrentMap.map(frozenYears) { publishedFilesMatch(snapshots.records[$0]!) }
        let damaged = zip(frozenYears, intact).filter { !$0.1 }.map(\.0)
        // Years rendered again need their talks; so does the organisers' set, which
        // renders every frozen year.
        // The newest frozen year's talks are read when its record is older than records
        // that keep the newest `updated`: the subscription documents' date needs it once
        // every year is frozen (see `DocumentPlanner.archivedTalksUpdated`).
        let undated = frozenYears.last.map { snapshots.records[$0]?.updated == nil ? [$0] : [] } ?? []
        let pinnable = privateOut == nil ? Set(frozenYears).subtracting(damaged).subtracting(undated) : []

        let checked = check(snapshots: snapshots, pinningFilesOf: pinnable)
        guard let seminar = checked.seminar, !checked.hasErrors else {
            return (BuildResult(diagnostics: checked.diagnostics, report: nil, privateReport: nil, talkCount: checked.talkCount), ReadAlso())
        }

        // A link in a published folder is refused before anything is written; what a
        // stopped build left behind is removed once this build has published.
        let folderScan = FeedsFolderScan.scan(feedsRoot)
        let links = folderScan.linkDiagnostics(root: feedsRoot) + (privateOut.map { FeedsFolderScan.scan($0).linkDiagnostics(root: $0) } ?? [])
        guard links.isEmpty else {
            return (BuildResult(diagnostics: checked.diagnostics + links, report: nil, privateReport: nil, talkCount: checked.talkCount), ReadAlso())
        }

        let publicSet = OutputWriter(root: feedsRoot)
        let privateSet = privateOut.map(OutputWriter.init(root:))
        let records = checked.records
        let frozenPaths = Set(records.values.flatMap(\.documents.keys))
        var publicStaged: [OutputWriter.StagedDocument] = []
        var privateStaged: [OutputWriter.StagedDocument] = []
        var drift: [Diagnostic] = []
        var failure: (any Error)?
        let planner = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: false, talkPages: talkPages)
        let jobs = planner.subscriptionJobs + damaged.map { .archive(year: $0) }
        // Each document is streamed to its temporary file as it is rendered, and hashed on
        // the way when it must match the digest of a frozen year.
        for delivery in planner.render(jobs, open: { try publicSet.output(for: $0, hashing: frozenPaths.contains($0)) }) {
            publicStaged += delivery.delivered.map(\.staged)
            drift += delivery.delivered.flatMap { frozenDrift(of: $0.staged.path, digest: $0.digest, records: records) }
            failure = failure ?? delivery.error
        }
        if let privateSet, failure == nil, drift.isEmpty {
            let organisers = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: true, talkPages: talkPages)
            let jobs = organisers.subscriptionJobs + frozenYears.map { .archive(year: $0) }
            for delivery in organisers.render(jobs, open: { try privateSet.output(for: $0, hashing: false) }) {
                privateStaged += delivery.delivered.map(\.staged)
                failure = failure ?? delivery.error
            }
        }
        guard failure == nil, drift.isEmpty else {
            OutputWriter.discard(publicStaged + privateStaged)
            if let failure, let problem = Self.unpublishable(failure, talks: checked.talks) {
                return (BuildResult(diagnostics: checked.diagnostics + [problem], report: nil, privateReport: nil, talkCount: checked.talkCount), ReadAlso())
            }
            if let failure { throw failure }
            return (BuildResult(diagnostics: checked.diagnostics + drift, report: nil, privateReport: nil, talkCount: checked.talkCount), ReadAlso())
        }
        var report = try publicSet.commit(publicStaged)
        for path in folderScan.strayTemporaryFiles where unlink(feedsRoot + "/" + path) == 0 {
            report.removedTemporaryFiles.append(path)
        }
        var privateReport = try privateSet?.commit(privateStaged)
        report.removed = publicSet.removeStaleTalkPages(published: previously?.published ?? [], keeping: report, frozen: frozenPaths)
        if let set = privateSet, let previous = previously?.privatelyPublished, let kept = privateReport {
            privateReport?.removed = set.removeStaleTalkPages(published: previous, keeping: kept, frozen: [])
        }
        let result = BuildResult(diagnostics: checked.diagnostics, report: report, privateReport: privateReport, talkCount: checked.talkCount)
        return (result, ReadAlso(zones: checked.zones.keys.sorted(), frozenDocuments: frozenPaths.sorted()))
    }

    /// A document that could not be written because of what one talk holds, reported at
    /// that talk's file like every other problem of the archive (the check should have
    /// caught it: this is the safety net, so that an editor can still jump to the talk).
    static func unpublishable(_ error: any Error, talks: [LoadedTalk]) -> Diagnostic? {
        guard let markup = error as? PageMarkupError, let context = markup.context, context.hasPrefix("talk "),
              let talk = talks.first(where: { "talk " + $0.talk.id == context }) else { return nil }
        return Diagnostic(.error, code: "unpublishable-talk", message: markup.description,
                          location: FileLocation(path: talk.source.path, line: 1, column: 1))
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

    // MARK: Verify

    /// Recomputes every document from the archive and compares it with `feeds/` and with
    /// the digests of frozen years: a changed, truncated or missing file is reported by name.
    public func verify() throws -> [Diagnostic] {
        let checked = check()
        guard !checked.hasErrors, let seminar = checked.seminar else { return checked.diagnostics }
        let folderScan = FeedsFolderScan.scan(feedsRoot)
        var out = checked.diagnostics + folderScan.linkDiagnostics(root: feedsRoot) + folderScan.strayDiagnostics(root: feedsRoot)
        // Every document is rendered and compared with its file as it is rendered, as a
        // build does: neither is ever held whole in memory. Frozen years' documents are
        // hashed on the way, to compare with their records.
        let frozenPaths = Set(checked.records.values.flatMap(\.documents.keys))
        let planner = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: false)
        let deliveries = planner.render(planner.subscriptionJobs + planner.frozenYears.map { .archive(year: $0) }) {
            ComparingOutput(path: $0, root: feedsRoot, hashing: frozenPaths.contains($0))
        }
        if let error = deliveries.lazy.compactMap(\.error).first { throw error }
        var expectedPaths = Set<String>()
        // The digests of published files found byte for byte equal to their documents:
        // hashed on the way, so they need not be read and hashed again below.
        var publishedDigests: [String: String] = [:]
        for document in deliveries.flatMap(\.delivered) {
            expectedPaths.insert(document.path)
            if document.verdict == .same, let digest = document.digest { publishedDigests[document.path] = digest }
            let drift = frozenDrift(of: document.path, digest: document.digest, records: checked.records)
            out += drift
            let path = feedsRoot + "/" + document.path
            let at = FileLocation(path: path, line: 1, column: 1)
            switch document.verdict {
            case .same:
                break
            case .missing:
                out.append(.error("missing-file", "`\(path)` is missing", at: at, fix: "run `seminar build`"))
            case let .truncated(publishedBytes):
                out.append(.error("truncated-file", "`\(path)` is truncated (\(publishedBytes) of \(document.size) bytes)",
                                  at: at, fix: "run `seminar build`"))
            case .changed where !drift.isEmpty:
                // A frozen document that renders differently from what its record holds
                // is reported once, with how to amend the year: `build` would not change it.
                break
            case .changed:
                out.append(.error("changed-file", "`\(path)` does not match what the archive gives", at: at, fix: "run `seminar build`"))
            }
        }
        // Frozen documents must also match the digests recorded when their year was frozen:
        // the archive and the files could have been changed together.
        for (year, record) in checked.records.sorted(by: { $0.key < $1.key }) {
            for (path, digest) in record.documents.sorted(by: { $0.key < $1.key }) {
                let full = feedsRoot + "/" + path
                guard let published = publishedDigests[path] ?? publishedDigest(of: path) else { continue }  // reported above
                if published != digest {
                    out.append(.error("frozen-digest-mismatch",
                                      "`\(full)` does not match the digest recorded when \(year) was frozen",
                                      at: FileLocation(path: full, line: 1, column: 1)))
                }
                if !expectedPaths.contains(path) {
                    out.append(.error("missing-file", "frozen document `\(path)` is no longer produced",
                                      at: FileLocation(path: SnapshotStore(archiveRoot: archiveRoot).path(of: year), line: 1, column: 1)))
                }
            }
        }
        return out.sorted(by: Diagnostic.reportOrder)
    }
}
