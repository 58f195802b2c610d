import Foundation

/// Python's extruct, run on a written page through Fixtures/jsonld_dump.py: the JSON-LD
/// items and OpenGraph properties it reads, as search engines and link previews do.
public enum StructuredData {
    static let script = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("jsonld_dump.py")

    /// `["json-ld": [item…], "opengraph": [item…]]`. Throws (failing the test, never
    /// skipping it) when python3 or extruct is missing.
    public static func extract(_ html: [UInt8], baseURL: String) throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("seminar-page-\(UUID().uuidString).html")
        try Data(html).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output, errors) = try Subprocess.run("python3", [script.path, file.path, baseURL])
        guard status == 0 else {
            if errors.contains("No module named 'extruct'") {
                throw XMLTestError(description: "Python's extruct is not installed: run `scripts/setup --test` (or `python3 -m pip install extruct`).")
            }
            throw XMLTestError(description: "jsonld_dump.py exited with \(status): \(errors)")
        }
        guard let json = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw XMLTestError(description: "jsonld_dump.py printed no JSON object")
        }
        return json
    }
}
