import Foundation

/// Python's feedparser, the reader most feed software is tested against, run on a written
/// document through Fixtures/feedparser_dump.py.
public enum FeedParser {
    static let script = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("feedparser_dump.py")

    /// The JSON dump of the parsed feed. Throws (failing the test, never skipping it) when
    /// python3 or feedparser is missing.
    public static func parse(_ bytes: [UInt8], fileExtension: String) throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("seminar-feeds-\(UUID().uuidString).\(fileExtension)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let (status, output, errors) = try Subprocess.run("python3", [script.path, file.path])
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
}
