import Foundation
import SeminarArchive
import SeminarFeeds

/// The build with its cache: the record of the last build (`BuildManifest`) lets a build
/// with nothing to do stop at once, and is kept only when every file's stamp vouches for
/// what the build saw. The build itself is `buildEverything` (Publisher+Build.swift).
extension Publisher {
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
        // What is published stays known whatever happens, so that a later build can still
        // remove the pages of talks that are gone. Only that is kept from the record: its
        // stamps of every file read and written are not needed once compared.
        let recorded: BuildManifest.Published?
        var change: String? = nil
        if reusingLastBuild {
            let last = BuildManifest.read(from: manifestPath)
            change = last?.firstChange(tool: tool, stamp: FileStamp.of)
            if let last, change == nil {
                return BuildResult(
                    diagnostics: last.diagnostics, report: OutputWriter.Report(unchanged: last.published),
                    privateReport: last.privatelyPublished.map { OutputWriter.Report(unchanged: $0) },
                    talkCount: last.talkCount, upToDate: true)
            }
            recorded = last?.publishedFiles
        } else {
            recorded = BuildManifest.readPublished(from: manifestPath)
        }
        let stillPublished = recorded.map {
            BuildManifest.publishedOnly(tool: tool, published: $0.published, privatelyPublished: $0.privatelyPublished)
        }
        // From here the record would describe an earlier state: it goes before anything is
        // read, so that a record on disk always describes the last build.
        unlink(manifestPath)
        let folder = (manifestPath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let started = FileStamp.fileSystemTime(in: folder)
        var outcome: (result: BuildResult, read: ReadAlso)
        do {
            outcome = try buildEverything(privateOut: privateOut, previously: stillPublished)
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
    struct ReadAlso {
        var zones: [String] = []
        /// Frozen years' documents under `feeds/`, hashed to check them.
        var frozenDocuments: [String] = []
    }
}
