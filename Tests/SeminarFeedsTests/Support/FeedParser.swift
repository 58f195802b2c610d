import Foundation

/// Python's feedparser, the reader most feed software is tested against, run on a written
/// document through Fixtures/feedparser_dump.py.
enum FeedParser {
    static let script = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/feedparser_dump.py")

    /// The JSON dump of the parsed feed. Throws (failing the test, never skipping it) when
    /// python3 or feedparser is missing.
    static func parse(_ bytes: [UInt8], fileExtension: String) throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("seminar-feeds-\(UUID().uuidString).\(fileExtension)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let (status, output, errors) = try run(["python3", script.path, file.path])
        guard status == 0 else {
            if errors.contains("No module named 'feedparser'") || errors.contains("No module named feedparser") {
                throw XMLTestError(description: """
                    Python's feedparser is not installed. Run the project's test script, which \
                    installs it (or `python3 -m pip install feedparser`), then run the tests again.
                    """)
            }
            throw XMLTestError(description: "feedparser_dump.py exited with \(status): \(errors)")
        }
        guard let json = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw XMLTestError(description: "feedparser_dump.py printed no JSON object")
        }
        return json
    }

    private static func run(_ arguments: [String]) throws -> (Int32, Data, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        // stderr goes to a file so that only one pipe is read: two pipes read one after the
        // other can deadlock when the unread one fills.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("feedparser-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errorFile)
        do { try process.run() } catch {
            throw XMLTestError(description: "cannot run python3 (\(error)): run the project's test script, which installs it")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output, errors)
    }
}
