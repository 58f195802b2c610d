import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a folder, held by every command that writes into it (the archive,
/// the feeds), so that two commands run at once take turns instead of mixing their files.
///
/// The lock is `flock(2)` on the folder itself: no lock file to leave behind or publish,
/// and the system releases it when the process ends, however it ends. It is advisory:
/// it keeps `seminar` commands apart, not other programs.
public final class FolderLock: Sendable {
    public let folder: String
    private let descriptor: Int32

    private init(folder: String, descriptor: Int32) {
        self.folder = folder
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }  // closing releases the lock

    public struct Timeout: Error, CustomStringConvertible {
        public var folder: String
        public var seconds: Double
        public var description: String {
            "another seminar command has been writing into `\(folder)` for \(Self.seconds(seconds)); nothing was written. Try again when it has finished, or wait longer with --lock-timeout"
        }
        private static func seconds(_ s: Double) -> String { s == s.rounded() ? "\(Int(s)) s" : "\(s) s" }
    }

    /// Locks each of `folders`, in the order given. A command that writes a folder not
    /// created yet creates it first (`creating`): two builds locking the parent of a
    /// feeds folder that one of them then creates would not exclude each other. A command
    /// that only reads locks the nearest folder above that exists instead. Folders that
    /// come to the same one are locked once: a second lock on the same folder would wait
    /// for the first forever. When another command holds a lock, `waiting` is called once
    /// with the folder, and the lock is retried until `timeout` seconds have passed.
    public static func acquire(_ folders: [String], creating: Bool = true, timeout: Double, waiting: (String) -> Void) throws -> [FolderLock] {
        var seen = Set<String>()
        var locks: [FolderLock] = []
        for folder in folders {
            if creating {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw AtomicFileError(path: folder, operation: "creating the folder", reason: error.localizedDescription)
                }
            }
            let existing = nearestExistingFolder(folder)
            guard seen.insert(URL(fileURLWithPath: existing).resolvingSymlinksInPath().path).inserted else { continue }
            locks.append(try acquire(existing: existing, timeout: timeout, waiting: waiting))
        }
        return locks
    }

    private static func acquire(existing: String, timeout: Double, waiting: (String) -> Void) throws -> FolderLock {
        let fd = open(existing, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw AtomicFileError(path: existing, operation: "opening the folder to lock it", code: errno) }
        let lock = FolderLock(folder: existing, descriptor: fd)
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return lock }
        guard errno == EWOULDBLOCK else { throw AtomicFileError(path: existing, operation: "locking the folder", code: errno) }
        waiting(existing)
        // Polling rather than a blocking flock: a blocking call cannot time out without a
        // signal handler, and a command that waits for long should say so and stop.
        var waited = 0.0
        let step = 0.05
        while waited < timeout {
            usleep(UInt32(step * 1_000_000))
            waited += step
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return lock }
        }
        throw Timeout(folder: existing, seconds: timeout)
    }

    private static func nearestExistingFolder(_ path: String) -> String {
        var candidate = path.isEmpty ? "." : path
        var isFolder: ObjCBool = false
        while !(FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder) && isFolder.boolValue) {
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent.isEmpty { return "." }
            if parent == candidate { return candidate }
            candidate = parent
        }
        return candidate
    }
}
