/// Why a command failed while it ran: a file that cannot be read, no talk by that name.
/// Printed as `error: …` (see `SeminarCommand.main`), exit status 1.
///
/// What is wrong with the command line as typed (options that exclude each other, a
/// malformed `--start`) is a `ValidationError` instead, thrown by `validate()` before
/// anything is read: ArgumentParser prints it with the command's usage, exit status 64.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    /// What `add`, `edit` and `init` say when what they would write would not load: the
    /// loader's messages, one a line, and that nothing was written.
    init(wouldNotLoad what: String, _ problems: [String]) {
        message = ([what + " would not load, so nothing was written:"] + problems.map { "  " + $0 }).joined(separator: "\n")
    }

    var description: String { message }
}
