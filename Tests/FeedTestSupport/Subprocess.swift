import Foundation

/// Runs the real clients the tests check our output with (Python's feedparser and
/// icalendar, xsltproc).
public enum Subprocess {
    /// Runs `program` (looked up on PATH) with `arguments`; returns its exit status, its
    /// standard output and its standard error. Throws, failing the test, when it cannot be
    /// started at all.
    public static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        // Standard error goes to a file so that only one pipe is read: two pipes read one
        // after the other can deadlock when the unread one fills.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("subprocess-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errorFile)
        do { try process.run() } catch {
            throw XMLTestError(description: "cannot run \(program) (\(error)): run scripts/test, which installs what the tests need")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output, errors)
    }
}
