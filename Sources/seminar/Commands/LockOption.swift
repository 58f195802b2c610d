import ArgumentParser
import SeminarArchive
import SeminarPublisher

/// `--lock-timeout`, for the commands that write the archive or the feeds: each holds a
/// lock on the folders it writes for as long as it runs, so that two commands at once
/// take turns (two `add`s of one speaker on one day both keep their talk; two builds into
/// one feeds folder leave one whole build).
struct LockOption: ParsableArguments {
    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("How long to wait, in seconds, while another seminar command writes the same folders.", valueName: "seconds"))
    var seconds: Double = 60

    func validate() throws {
        guard seconds >= 0, seconds.isFinite else { throw ValidationError("--lock-timeout takes a number of seconds, 0 or more") }
    }

    /// Locks `folders` in the order given (archive before feeds, in every command, so that
    /// two commands never wait for each other). The locks last as long as the value kept.
    func lock(_ folders: String?..., readOnly: Bool = false) throws -> [FolderLock] {
        do {
            return try FolderLock.acquire(folders.compactMap { $0 }, creating: !readOnly, timeout: seconds) { held in
                Console.note("waiting for another seminar command to finish writing into \(held)…")
            }
        } catch let timeout as FolderLock.Timeout {
            throw CommandFailure(timeout.description)
        }
    }
}

extension Publisher {
    /// What `build`, `snapshot` and `verify` do first, once they hold their locks: finish
    /// a publication a stopped command left halfway, and say so.
    func finishInterruptedPublication(noting privateOut: String? = nil) throws {
        let finished = try finishInterruptedPublication(privateOut: privateOut)
        guard !finished.isEmpty else { return }
        Console.note("finished a publication that was stopped halfway: renamed \(counted(finished.count, "file")) into place")
    }
}
