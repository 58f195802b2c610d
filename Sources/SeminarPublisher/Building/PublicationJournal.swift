import Foundation
import SeminarArchive
#if canImport(Glibc)
import Glibc
#endif

/// The list of renames a publication is about to make, written (atomically) into the
/// folder it publishes before the first of them, and removed after the last.
///
/// Each temporary file is complete and on disk before the journal is written, so a
/// publication stopped halfway (killed, the machine off) can always be finished: the next
/// command that reads the folder renames what is left (`finish`), and readers see the
/// whole new publication. Rolling forward rather than back needs no copy of the old files.
struct PublicationJournal: Codable {
    struct Rename: Codable, Equatable {
        /// Paths as the command was given them (relative to its working folder, or absolute).
        var temporary: String
        var target: String
    }

    var renames: [Rename]
    /// True for a snapshot's documents and record: the publication ends only once the
    /// subscription documents are built again without the year (their build writes a
    /// journal of its own, and the snapshot removes this one when that build is done).
    var thenBuild: Bool? = nil

    static let fileName = ".seminar-publication.json"

    static func path(in folder: String) -> String { folder + "/" + fileName }

    func write(in folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(self), to: Self.path(in: folder))
    }

    static func remove(in folder: String) { unlink(path(in: folder)) }

    /// Finishes the publication a journal in `folder` describes, if there is one: renames
    /// every temporary file still there over its target (one already gone was renamed
    /// before the stop), then removes the journal, unless a build must still follow
    /// (`thenBuild`: the caller builds, then removes it). Returns the targets renamed now.
    static func finish(in folder: String) throws -> (renamed: [String], thenBuild: Bool) {
        guard case .success(let bytes) = readFile(path(in: folder)) else { return ([], false) }
        guard let journal = try? JSONDecoder().decode(PublicationJournal.self, from: Data(bytes)) else {
            throw AtomicFileError(path: path(in: folder), operation: "reading the journal of an interrupted publication",
                                  reason: "it is not a journal this tool wrote; remove it, then run `seminar build --full`")
        }
        var finished: [String] = []
        for rename in journal.renames where access(rename.temporary, F_OK) == 0 {
            guard Glibc.rename(rename.temporary, rename.target) == 0 else {
                throw AtomicFileError(path: rename.target, operation: "finishing an interrupted publication", code: errno)
            }
            finished.append(rename.target)
        }
        if journal.thenBuild != true { remove(in: folder) }
        return (finished, journal.thenBuild == true)
    }
}

/// A test hook, read once: with `SEMINAR_TEST_EXIT_AFTER_RENAME=N` in the environment, the
/// process ends abruptly (`_exit`, as `kill -9` would) right after its N-th rename of a
/// publication, so that tests can stop a build at every step. Unset, it does nothing.
enum CrashHook {
    private static let exitAfter: Int? = getenv("SEMINAR_TEST_EXIT_AFTER_RENAME").flatMap { Int(String(cString: $0)) }
    // Renames happen one after another on one thread: a plain counter is enough.
    nonisolated(unsafe) private static var renames = 0

    static func renamed() {
        guard let exitAfter else { return }
        renames += 1
        if renames == exitAfter { _exit(9) }
    }
}
