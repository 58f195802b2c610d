import FeedTestSupport
import Foundation
import Testing
@testable import SeminarFeeds

/// The hand-written MIME encodings, decoded by Python's own `quopri` and `email.header`.
@Suite struct MIMEEncodingTests {
    func python(_ code: String, _ input: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mime-\(UUID().uuidString).txt")
        try Data(input.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, out, errors) = try Subprocess.run("python3", ["-c", code, file.path])
        try #require(status == 0, "\(errors)")
        return String(decoding: out, as: UTF8.self)
    }

    @Test func quotedPrintableRoundTrip() throws {
        let text = "From the start\n.lone dot\ntrailing space \ntab\t\n"
            + String(repeating: "αβγ=δ ", count: 40) + "\n" + String(repeating: "x", count: 200) + "\n\n"
        let encoded = MIMEEncoding.quotedPrintable(text)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "\(line)")
            #expect(line.utf8.allSatisfy { $0 < 0x80 })
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
            #expect(!line.hasPrefix("From ") && !line.hasPrefix("."))
        }
        let decoded = try python("import quopri,sys; sys.stdout.write(quopri.decodestring(open(sys.argv[1],'rb').read()).decode('utf-8').replace('\\r\\n','\\n'))", encoded)
        #expect(decoded == text)
    }

    @Test func encodedWordsDecode() throws {
        let subject = "[Séminaire] Zoë Ünal: =?not a word?= " + String(repeating: "ℝⁿ → ℝ ", count: 12) + "(Mon 4 March)"
        let field = MIMEEncoding.field("Subject", MIMEEncoding.unstructuredWords(subject))
        for line in field.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "\(line)")
            #expect(line.utf8.allSatisfy { $0 < 0x80 })
        }
        let decoded = try python("""
            import sys
            from email import message_from_bytes, policy
            m = message_from_bytes(open(sys.argv[1], 'rb').read() + b'\\r\\n', policy=policy.default)
            assert not m['Subject'].defects, m['Subject'].defects
            sys.stdout.write(str(m['Subject']))
            """, field)
        #expect(decoded == subject)
        let words = MIMEEncoding.encodedWords(String(repeating: "é", count: 60))
        #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 })
    }

    @Test func displayNames() {
        #expect(MailAddress(parsing: "Ada Lovelace <ada@example.org>")?.fieldWords == ["Ada", "Lovelace", "<ada@example.org>"])
        #expect(MailAddress(parsing: "\"Doe, Jane\" <j@example.org>")?.fieldWords == ["\"Doe, Jane\"", "<j@example.org>"])
        #expect(MailAddress(parsing: "ada@example.org")?.fieldWords == ["ada@example.org"])
        #expect(MailAddress(parsing: "Ada <not an address>") == nil)
    }
}
