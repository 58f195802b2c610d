#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of an archive folder, found by listing it (sorted, never in file system order).
struct ArchiveLayout {
    struct TalkFile: Sendable {
        var path: String  // as shown to the user
        var name: String
        var year: Int
    }

    var seminarPath: String
    var talkFiles: [TalkFile] = []
    var diagnostics: [Diagnostic] = []
    /// False when the archive folder itself cannot be listed: then there is nothing else
    /// to read, and nothing else to report.
    var rootIsReadable = true

    static func scan(root: String) -> ArchiveLayout {
        var layout = ArchiveLayout(seminarPath: ArchiveFolder(root).seminarFile)
        let entries: [FolderEntry]
        switch listFolder(root) {
        case .success(let listed):
            entries = listed
        case .failure(let failure):
            layout.diagnostics.append(Self.unreadableRoot(root, failure))
            layout.rootIsReadable = false
            return layout
        }
        // Hidden entries (.DS_Store, .git, editor swap files) are the system's or the
        // editor's business, not the archive's: skipping them silently avoids noise.
        // `snapshots/` holds the records of frozen years (read by the publisher).
        for name in entries.map(\.name).sorted() where !name.hasPrefix(".") && name != ArchiveFolder.seminarFileName && name != ArchiveFolder.snapshotsName {
            let path = root + "/" + name
            // A symbolic link to a folder counts as a folder: stat follows it.
            let folder = isFolder(path)
            guard folder, name.utf8.count == 4, name.allSatisfy(\.isASCIIDigit), let year = Int(name) else {
                layout.ignored(path, isFolder: folder,
                               reason: "only `seminar.json`, `snapshots/` and year folders such as `2021` belong in the archive")
                continue
            }
            layout.scanYear(path, year: year)
        }
        return layout
    }

    /// The archive folder is usually missing because the command ran from another folder
    /// than the repository's root: say so. The diagnostic names the folder as its place,
    /// so that tools reading JSON diagnostics see which folder it is.
    private static func unreadableRoot(_ root: String, _ failure: FileReadFailure) -> Diagnostic {
        let missing = failure.code == ENOENT
        return .error("missing-file", "cannot read the archive folder `\(root)`" + (missing ? "" : ": \(failure.reason)"),
                      at: FileLocation(path: root, line: 1, column: 1),
                      fix: missing ? "run seminar from the folder that holds `archive/`, or pass `--archive PATH`" : nil)
    }

    private mutating func scanYear(_ folder: String, year: Int) {
        guard case .success(let entries) = listFolder(folder) else {
            diagnostics.append(.error("unreadable-file", "cannot read the folder `\(folder)`", at: nil))
            return
        }
        let prefix = folder + "/"
        for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
            let path = prefix + entry.name
            // `.json` entries are not stat'ed: a folder named `x.json` is caught when
            // reading it fails.
            if entry.name.hasSuffix(".json") {
                talkFiles.append(TalkFile(path: path, name: entry.name, year: year))
            } else {
                ignored(path, isFolder: entry.isFolder ?? isFolder(path),
                        reason: "talk files are `.json` files directly in a year folder")
            }
        }
    }

    private mutating func ignored(_ path: String, isFolder: Bool, reason: String) {
        diagnostics.append(Diagnostic(.warning, code: "ignored-file",
                                      message: "ignored \(isFolder ? "folder" : "file") `\(path)`: \(reason)",
                                      location: FileLocation(path: path, line: 1, column: 1)))
    }
}

extension ArchiveLoader {
    /// Every file and folder whose content a load of the archive at `root` can depend on
    /// (what `ArchiveLayout.scan` lists, and more: a build's record stamps them all):
    /// the archive folder, every entry in it and every entry of its sub-folders (year
    /// folders and `snapshots/`), hidden ones excepted, in a stable order. The loader reads
    /// no deeper: a nested folder is reported as ignored, and its own stamp changes when
    /// anything is added to it or removed from it.
    public static func inputPaths(root: String) -> [String] {
        var paths = [root]
        guard case .success(let entries) = listFolder(root) else { return paths }
        for name in entries.map(\.name).sorted() where !name.hasPrefix(".") {
            let path = root + "/" + name
            paths.append(path)
            guard isFolder(path), case .success(let inner) = listFolder(path) else { continue }
            paths += inner.map(\.name).filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
        }
        return paths
    }
}
