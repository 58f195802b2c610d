import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct AtomicFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var reason: String

    public init(path: String, operation: String, code: Int32) {
        self.init(path: path, operation: operation, reason: String(cString: strerror(code)))
    }
    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "cannot write `\(path)`: \(operation) failed: \(reason)" }
}

/// Writes files so that readers see either the old content or the new, never a mix: a
/// crash, a full disk or a concurrent publish can never leave a half-written talk or feed.
public enum AtomicFile {
    public static func write(_ bytes: some ContiguousBytes, to path: String) throws {
        try write(bytes, to: path, beforeRename: {})
    }

    /// `beforeRename` runs once the temporary file is complete; tests throw from it to
    /// check that a failure leaves the old file alone and no temporary file behind.
    static func write(_ bytes: some ContiguousBytes, to path: String, beforeRename: () throws -> Void) throws {
        let staged = try stage(bytes, for: path)
        do {
            try beforeRename()
            try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }

    /// A complete temporary file beside its target, waiting to be renamed into place:
    /// for writing several files so that none changes unless all could be written.
    public struct Staged: Sendable {
        public let path: String
        public let temporary: String

        /// Renames the temporary file over the target, atomically.
        public func commit() throws {
            guard rename(temporary, path) == 0 else { throw AtomicFileError(path: path, operation: "rename", code: errno) }
            let folder = (path as NSString).deletingLastPathComponent
            AtomicFile.syncFolder(folder.isEmpty ? "." : folder)
        }

        /// Gives the complete temporary file the name `target` only if no file has it:
        /// false, and nothing changed, when one does. `link(2)` fails rather than replace,
        /// so of two commands creating one name at once, exactly one wins (a check for the
        /// file followed by a rename would let the second replace the first). The
        /// temporary file stays, for another name or `discard()`.
        public func commitIfAbsent(as target: String) throws -> Bool {
            guard link(temporary, target) == 0 else {
                if errno == EEXIST { return false }
                throw AtomicFileError(path: target, operation: "link", code: errno)
            }
            unlink(temporary)
            let folder = (target as NSString).deletingLastPathComponent
            AtomicFile.syncFolder(folder.isEmpty ? "." : folder)
            return true
        }

        /// Renames the temporary file over `target`, which may exist (a file replaced on
        /// purpose).
        public func commit(as target: String) throws {
            try Staged(path: target, temporary: temporary).commit()
        }

        /// Removes the temporary file; the target stays as it was.
        public func discard() { unlink(temporary) }
    }

    /// Writes `bytes` in full to a temporary file beside `path` (creating the folder) and
    /// flushes it to disk; nothing is visible at `path` until `commit()`.
    public static func stage(_ bytes: some ContiguousBytes, for path: String) throws -> Staged {
        let file = try begin(for: path)
        do {
            try bytes.withUnsafeBytes { try file.write($0) }
            return try file.finish()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Creates an empty temporary file beside `path` (creating the folder), to be written
    /// piece by piece: for a document too large to hold in memory whole.
    public static func begin(for path: String) throws -> Pending {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw AtomicFileError(path: path, operation: "creating the folder", reason: error.localizedDescription)
            }
        }
        // Same folder as the target, so that the rename stays on one file system and is atomic.
        let (fd, temporary) = try createTemporaryFile(near: folder, name: name, for: path)
        return Pending(path: path, temporary: temporary, fd: fd)
    }

    /// A temporary file beside its target, being written. `finish` makes it `Staged`;
    /// `discard` removes it. One of the two must be called.
    public final class Pending {
        public let path: String
        let temporary: String
        private var fd: Int32

        init(path: String, temporary: String, fd: Int32) {
            self.path = path
            self.temporary = temporary
            self.fd = fd
        }

        /// Only closes a file neither finished nor discarded; the caller owns its removal.
        deinit { if fd >= 0 { close(fd) } }

        /// Appends `chunk` to the temporary file.
        public func write(_ chunk: UnsafeRawBufferPointer) throws {
            var written = 0
            while written < chunk.count {
                let n = systemWrite(fd, chunk.baseAddress! + written, chunk.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFileError(path: path, operation: "write", code: errno)
                }
                written += n
            }
        }

        /// Flushes the file to disk and closes it: it is then complete, ready to commit.
        public func finish() throws -> Staged {
            // Data on disk before the rename makes it visible; otherwise a crash could
            // leave the new name pointing at an empty file.
            let synced = fsync(fd) == 0
            let code = errno
            close(fd)
            fd = -1
            guard synced else { throw AtomicFileError(path: path, operation: "fsync", code: code) }
            return Staged(path: path, temporary: temporary)
        }

        /// Closes and removes the temporary file; the target stays as it was.
        public func discard() {
            if fd >= 0 { close(fd) }
            fd = -1
            unlink(temporary)
        }
    }

    private static func createTemporaryFile(near folder: String, name: String, for path: String) throws -> (Int32, String) {
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let temporary = (folder.isEmpty ? "" : folder + "/") + "." + name + ".tmp-" + suffix
            // 0644 before the umask: talk files and feeds are meant to be readable.
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 { return (fd, temporary) }
            if errno != EEXIST { throw AtomicFileError(path: path, operation: "creating a temporary file", code: errno) }
        }
        throw AtomicFileError(path: path, operation: "creating a temporary file", code: EEXIST)
    }

    /// Makes the rename itself durable. Best effort: some file systems refuse it.
    fileprivate static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

/// The C library's write(2), out of reach of `AtomicFile.write` by name.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
