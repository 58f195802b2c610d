import Foundation
import Testing
@testable import SeminarArchive

/// Writes that must never replace another talk's file, and names that must fit.
@Suite struct ExclusiveWriteTests {
    func scratch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exclusive-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func claimingANameNeverReplacesAFile() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/talk.json"
        try Data("first".utf8).write(to: URL(fileURLWithPath: target))
        let staged = try AtomicFile.stage(Array("second".utf8), for: target)
        #expect(try staged.commitIfAbsent(as: target) == false)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "first")
        // The staged file is still whole, and takes a free name.
        #expect(try staged.commitIfAbsent(as: folder + "/talk-2.json"))
        #expect(try String(contentsOfFile: folder + "/talk-2.json", encoding: .utf8) == "second")
        // Nothing is left behind: the two files and no temporary one.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["talk-2.json", "talk.json"])
    }

    @Test func aTalkWhoseNameAppearedMeanwhileGetsTheNextName() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = TalkStore(root: root)
        let first = TalkStoreTests.talk(id: "first")
        let second = TalkStoreTests.talk(id: "second")
        #expect(try store.save(first, previousPath: nil) == root + "/2021/2021-06-28-scott-pesme.json")
        #expect(try store.save(second, previousPath: nil) == root + "/2021/2021-06-28-scott-pesme-2.json")
        // Saving a talk again replaces its own file, wherever it is in the sequence.
        var renamed = second
        renamed.title = "Another title"
        #expect(try store.save(renamed, previousPath: root + "/2021/2021-06-28-scott-pesme-2.json") == root + "/2021/2021-06-28-scott-pesme-2.json")
        #expect(TalkStore.id(in: Array(try Data(contentsOf: URL(fileURLWithPath: root + "/2021/2021-06-28-scott-pesme.json")))) == "first")
    }

    @Test func longNamesAreShortenedInTheFileNameOnly() {
        let name = Array(repeating: "Bartholomew", count: 30).joined(separator: " ")
        let file = TalkStore.fileName(for: TalkStoreTests.talk(speaker: name))
        #expect(file.utf8.count <= 255)
        #expect(file == "2021-06-28-" + Array(repeating: "bartholomew", count: 5).joined(separator: "-") + ".json")
        // A slug without hyphens is cut where the limit falls.
        let one = TalkStore.fileName(for: TalkStoreTests.talk(speaker: String(repeating: "x", count: 300)))
        #expect(one == "2021-06-28-" + String(repeating: "x", count: TalkFileNaming.slugLimit) + ".json")
        // Short names are untouched.
        #expect(TalkStore.fileName(for: TalkStoreTests.talk()) == "2021-06-28-scott-pesme.json")
    }

    @Test func aLockedFolderMakesTheNextCommandWaitThenGiveUp() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let held = try FolderLock.acquire([folder], timeout: 0, waiting: { _ in Issue.record("the first lock should not wait") })
            var waitedFor: [String] = []
            #expect(throws: FolderLock.Timeout.self) {
                _ = try FolderLock.acquire([folder], timeout: 0.2, waiting: { waitedFor.append($0) })
            }
            #expect(waitedFor == [folder])
            withExtendedLifetime(held) {}
        }
        // Released with its holder. A reader locks the nearest folder that exists, and two
        // spellings of one folder take one lock, not two (the second would wait forever).
        do {
            let again = try FolderLock.acquire([folder, folder + "/missing/feeds", folder + "/missing/private"], creating: false,
                                               timeout: 0, waiting: { _ in Issue.record("no wait") })
            #expect(again.map(\.folder) == [folder])
        }
        // A writer creates the folder it writes and locks it, not its parent: otherwise a
        // second writer, arriving once the folder exists, would lock another folder.
        let written = try FolderLock.acquire([folder + "/missing/feeds"], timeout: 0, waiting: { _ in Issue.record("no wait") })
        #expect(written.map(\.folder) == [folder + "/missing/feeds"])
    }
}
