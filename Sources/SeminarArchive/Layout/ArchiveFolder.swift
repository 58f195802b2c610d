import Foundation

/// The archive folder, named once: every path inside it comes from here, so that
/// `archive`, `archive/` and `archive//` name the same files with the same spelling in
/// every message (paths are shown as the user gave the folder, `archive/2021/x.json`).
public struct ArchiveFolder: Hashable, Sendable {
    /// The folder as given, without trailing slashes (`/` stays `/`).
    public let path: String

    public init(_ path: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.path = String(trimmed)
    }

    /// The folder of snapshot records, beside the year folders.
    public static let snapshotsName = "snapshots"
    public static let seminarFileName = "seminar.json"

    /// `archive/seminar.json`.
    public var seminarFile: String { file(Self.seminarFileName) }
    /// `archive/snapshots`.
    public var snapshotsFolder: String { file(Self.snapshotsName) }
    /// `archive/snapshots/2021.json`.
    public func snapshotRecord(year: Int) -> String { snapshotsFolder + "/" + String(year) + ".json" }
    /// `archive/2021`.
    public func yearFolder(_ year: Int) -> String { file(String(year)) }

    /// A path inside the folder, from one relative to it (`2021/x.json`).
    public func file(_ relative: String) -> String {
        path == "/" ? "/" + relative : path + "/" + relative
    }

    /// How the folder's messages spell `userPath`, a file named on the command line in any
    /// spelling (`./archive/2021/x.json`, an absolute path, a path through a symbolic
    /// link): `archive/2021/x.json`; the folder itself is `archive`. Nil when the file does
    /// not exist or is not in the folder.
    public func spelling(of userPath: String) -> String? {
        guard let folder = Self.realPath(path), let file = Self.realPath(userPath) else { return nil }
        if file == folder { return path }
        let prefix = folder == "/" ? "/" : folder + "/"
        guard file.hasPrefix(prefix) else { return nil }
        return self.file(String(file.dropFirst(prefix.count)))
    }

    /// The files a path named on the command line stands for, spelt as the folder's
    /// messages spell them: the file itself, or every file of a folder (`archive/2021`).
    /// Nil when the path does not exist or is not in the folder.
    public func files(named userPath: String) -> Set<String>? {
        guard let spelt = spelling(of: userPath) else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: userPath, isDirectory: &isFolder), isFolder.boolValue else { return [spelt] }
        var files: Set<String> = []
        let folder = ArchiveFolder(spelt)
        let entries = FileManager.default.enumerator(atPath: userPath)
        while let entry = entries?.nextObject() as? String {
            // The entries' own folders are not files (`checked N files` counts these).
            if entries?.fileAttributes?[.type] as? FileAttributeType != .typeDirectory { files.insert(folder.file(entry)) }
        }
        return files
    }

    /// The absolute path without symbolic links, `.` or `..`; nil if there is no such file.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `2021/x.json` for `archive/2021/x.json`: records name files relative to the
    /// archive, so that they read the same whatever folder a command ran from. A path
    /// outside the folder comes back as it is.
    public func relative(_ inside: String) -> String {
        let prefix = path == "/" ? "/" : path + "/"
        return inside.hasPrefix(prefix) ? String(inside.dropFirst(prefix.count)) : inside
    }
}
