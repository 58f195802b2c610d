import Foundation
import SeminarArchive
import SeminarFeeds

/// Writes a set of documents into a folder so that no reader ever sees a half-written
/// file: every changed document is first written in full to a temporary file beside its
/// target (`stage`), and only when all of them are written are they renamed into place
/// (`commit`). A document whose bytes would not change is not touched at all (its
/// timestamp stays, so web servers and `make`-like tools see no change).
///
/// Documents are streamed to their temporary files as they are rendered
/// (`StagingOutput`), so that their bytes need not stay in memory.
public struct OutputWriter: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public struct Report: Sendable, Equatable {
        public var written: [String] = []
        public var unchanged: [String] = []
        /// Talk pages of an earlier build whose talk is gone, removed.
        public var removed: [String] = []
        /// Temporary files of a build that was stopped before it could remove them.
        public var removedTemporaryFiles: [String] = []
    }

    /// Removes the talk pages (`TalkPageAddress`) in `published`, the files an earlier
    /// build published, that this build neither wrote nor kept (`keeping`) and no frozen
    /// year holds (`frozen`). Nothing else is ever removed: a file the build did not
    /// publish itself stays, whatever its name. Returns the paths removed.
    func removeStaleTalkPages(published: [String], keeping report: Report, frozen: Set<String>) -> [String] {
        let kept = Set(report.written + report.unchanged).union(frozen)
        var removed: [String] = []
        for path in published.sorted() where TalkPageAddress.holds(path) && !kept.contains(path) {
            if unlink(root + "/" + path) == 0 { removed.append(path) }
        }
        return removed
    }

    /// A document ready to publish.
    public struct StagedDocument: Sendable {
        public let path: String
        /// Nil when the published file already has these bytes.
        let file: AtomicFile.Staged?
    }

    /// Writes `document` to a temporary file beside its target, unless the target already
    /// has its bytes. Safe to call from several threads.
    public func stage(_ document: OutputDocument) throws -> StagedDocument {
        try output(for: document.path, hashing: false).complete { try $0.write(document.bytes) }.staged
    }

    /// Where to stream the document at `path` (under `root`) to stage it the same way,
    /// hashing it on the way if asked to.
    func output(for path: String, hashing: Bool) throws -> StagingOutput {
        try StagingOutput(path: path, root: root, hashing: hashing)
    }

    /// Renames every staged document into place, then `also` (a file outside the folder
    /// that belongs to the same publication, such as a snapshot record). A journal of the
    /// renames is written first, so that a publication stopped between two renames is
    /// finished by the next command (`PublicationJournal.finish`). If a rename fails, the
    /// documents not yet renamed are discarded.
    public func commit(_ documents: [StagedDocument], also: [AtomicFile.Staged] = [], thenBuild: Bool = false) throws -> Report {
        var report = Report()
        let ordered = documents.sorted(by: { $0.path < $1.path })
        let files = ordered.compactMap(\.file) + also
        if !files.isEmpty {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try PublicationJournal(renames: files.map { .init(temporary: $0.temporary, target: $0.path) },
                                   thenBuild: thenBuild ? true : nil).write(in: root)
        }
        for (i, document) in ordered.enumerated() {
            guard let file = document.file else {
                report.unchanged.append(document.path)
                continue
            }
            do {
                try file.commit()
            } catch {
                Self.discard(Array(ordered[(i + 1)...]))
                also.forEach { $0.discard() }
                PublicationJournal.remove(in: root)
                throw error
            }
            CrashHook.renamed()
            report.written.append(document.path)
        }
        for file in also {
            try file.commit()
            CrashHook.renamed()
        }
        if !files.isEmpty, !thenBuild { PublicationJournal.remove(in: root) }
        return report
    }

    /// Removes the temporary files: the published files stay as they were.
    public static func discard(_ documents: [StagedDocument]) {
        for document in documents { document.file?.discard() }
    }

    /// Stages then commits `documents` (and `also`); on any failure nothing is changed.
    public func write(_ documents: [OutputDocument], also: [AtomicFile.Staged] = [], thenBuild: Bool = false) throws -> Report {
        var staged: [StagedDocument] = []
        do {
            for document in documents { staged.append(try stage(document)) }
        } catch {
            Self.discard(staged)
            also.forEach { $0.discard() }
            throw error
        }
        return try commit(staged, also: also, thenBuild: thenBuild)
    }
}
