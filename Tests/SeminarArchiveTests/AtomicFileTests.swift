import Foundation
import Testing
@testable import SeminarArchive

@Suite struct AtomicFileTests {
    struct Boom: Error {}

    @Test func writesCreatesFoldersAndLeavesNoTemporaryFiles() throws {
        let fixture = try ArchiveFixture(seminar: nil)
        let path = fixture.path("2030/deep/file.json")
        try AtomicFile.write(Array("one\n".utf8), to: path)
        try AtomicFile.write(Array("two\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        #expect(fixture.files() == ["2030/deep/file.json"])
    }

    @Test func aFailureBeforeTheRenameLeavesTheOldFileIntact() throws {
        let fixture = try ArchiveFixture(seminar: nil)
        let path = fixture.path("2021/talk.json")
        try AtomicFile.write(Array("old\n".utf8), to: path)
        #expect(throws: Boom.self) {
            try AtomicFile.write(Array("new\n".utf8), to: path, beforeRename: { throw Boom() })
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(fixture.files() == ["2021/talk.json"])
    }

    @Test func aFailingRenameLeavesNoTemporaryFile() throws {
        let fixture = try ArchiveFixture(seminar: nil)
        // A non-empty folder where the file should go: rename(2) refuses to replace it.
        try fixture.write("2021/talk.json/keep", "x")
        #expect(throws: AtomicFileError.self) {
            try AtomicFile.write(Array("new\n".utf8), to: fixture.path("2021/talk.json"))
        }
        #expect(fixture.files() == ["2021/talk.json/keep"])
    }

    @Test func anImpossibleFolderIsReported() throws {
        let fixture = try ArchiveFixture(seminar: nil)
        try fixture.write("file", "x")
        #expect(throws: AtomicFileError.self) {
            try AtomicFile.write([], to: fixture.path("file/inside/x.json"))
        }
        #expect(fixture.files() == ["file"])
    }
}
