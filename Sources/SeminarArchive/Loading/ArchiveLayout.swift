import Foundation

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

    /// The folder of snapshot records, beside the year folders.
    static let snapshotsFolder = "snapshots"

    static func scan(root: String) -> ArchiveLayout {
        var layout = ArchiveLayout(seminarPath: root + "/seminar.json")
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: root) else {
            layout.diagnostics.append(.error("missing-file", "cannot read the archive folder `\(root)`", at: nil))
            return layout
        }
        // Hidden entries (.DS_Store, .git, editor swap files) are the system's or the
        // editor's business, not the archive's: skipping them silently avoids noise.
        // `snapshots/` holds the records of frozen years (read by the publisher).
        for name in entries.sorted() where !name.hasPrefix(".") && name != "seminar.json" && name != snapshotsFolder {
            let path = root + "/" + name
            var isFolder: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &isFolder)
            guard isFolder.boolValue, name.utf8.count == 4, name.allSatisfy(\.isASCIIDigit), let year = Int(name) else {
                layout.ignored(path, isFolder: isFolder.boolValue,
                               reason: "only `seminar.json`, `snapshots/` and year folders such as `2021` belong in the archive")
                continue
            }
            layout.scanYear(path, year: year)
        }
        return layout
    }

    private mutating func scanYear(_ folder: String, year: Int) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            diagnostics.append(.error("unreadable-file", "cannot read the folder `\(folder)`", at: nil))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            // `.json` entries are opened without a stat: a folder named `x.json` is
            // caught when reading it fails.
            if name.hasSuffix(".json") {
                talkFiles.append(TalkFile(path: path, name: name, year: year))
            } else {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                ignored(path, isFolder: isFolder.boolValue, reason: "talk files are `.json` files directly in a year folder")
            }
        }
    }

    private mutating func ignored(_ path: String, isFolder: Bool, reason: String) {
        diagnostics.append(Diagnostic(.warning, code: "ignored-file",
                                      message: "ignored \(isFolder ? "folder" : "file") `\(path)`: \(reason)",
                                      location: FileLocation(path: path, line: 1, column: 1)))
    }
}
