import Foundation

/// A diagnostic as a GitHub Actions workflow command
/// (`::error file=…,line=…,col=…,endColumn=…,title=…::message`), which GitHub shows on the
/// line of the file in a pull request's changes.
///
/// Escaping as GitHub's own toolkit does (`@actions/core`, `command.ts`): in the message,
/// `%`, CR and LF become `%25`, `%0D`, `%0A`; in a property also `:` and `,` (`%3A`, `%2C`),
/// which would otherwise end the property.
public enum GitHubAnnotation {
    public static func command(for d: Diagnostic) -> String {
        let name = switch d.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        var properties: [(String, String)] = []
        if let l = d.location {
            properties += [("file", l.path), ("line", String(l.line)), ("col", String(l.column)),
                           ("endColumn", String(l.column + d.length - 1))]
        }
        properties.append(("title", "seminar: " + d.code))
        // The fix and the notes follow the message on lines of their own.
        var message = d.message
        if let fix = d.fix { message += "\nfix: " + fix }
        for note in d.notes { message += "\n" + (note.location.map { "\($0): " } ?? "") + "note: " + note.message }
        let list = properties.map { $0.0 + "=" + escapedProperty($0.1) }.joined(separator: ",")
        return "::" + name + " " + list + "::" + escapedData(message)
    }

    static func escapedData(_ s: String) -> String {
        // `%` first, so that the escapes added after it stay as they are.
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapedProperty(_ s: String) -> String {
        escapedData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
