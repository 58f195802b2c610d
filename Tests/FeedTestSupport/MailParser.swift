import Foundation

/// Python's `email` package with `policy.default` (and `icalendar` for the calendar part),
/// run on a written message through Fixtures/mail_dump.py.
public enum MailParser {
    static let script = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("mail_dump.py")

    /// The JSON dump of the parsed message; `calendar`, a calendar.ics to find the
    /// message's event in. Throws (failing the test) when python3 or icalendar is missing.
    public static func parse(_ bytes: [UInt8], calendar: String? = nil) throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("seminar-mail-\(UUID().uuidString).eml")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output, errors) = try Subprocess.run("python3", [script.path, file.path] + (calendar.map { [$0] } ?? []))
        guard status == 0 else {
            throw XMLTestError(description: "mail_dump.py exited with \(status) (scripts/setup --test installs icalendar): \(errors)")
        }
        guard let json = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw XMLTestError(description: "mail_dump.py printed no JSON object")
        }
        return json
    }
}
