import ArgumentParser
import LaTeX
import SeminarArchive
import SeminarFeeds

struct LaTeXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latex",
        abstract: "Check or render LaTeX text from files or standard input (one abstract per file).",
        subcommands: [LaTeXCheckCommand.self, LaTeXRenderCommand.self]
    )
}

/// The inputs of the `latex` subcommands: files, or standard input when none (or `-`).
struct LaTeXInputs: ParsableArguments {
    @Argument(help: ArgumentHelp("Files holding LaTeX text, one abstract each; none or `-` reads standard input.", valueName: "file"))
    var files: [String] = []

    func read() throws -> [(name: String, text: String)] {
        let names = files.isEmpty ? ["-"] : files
        return try names.map { name in (name == "-" ? "<stdin>" : name, try InputText.read(name)) }
    }
}

struct LaTeXCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every LaTeX problem as path:line:col, with a caret and a suggested fix.",
        discussion: "Each file shows at most ten problems of one kind, then a note counts the rest. Exits non-zero if any file has an error. Warnings alone do not fail."
    )

    @OptionGroup var inputs: LaTeXInputs

    @Option(name: .customLong("macro"), help: ArgumentHelp("A command name (without backslash) to accept beyond the built-in table; repeatable.", valueName: "name"))
    var macros: [String] = []

    @Option(help: "How to print diagnostics.")
    var format: DiagnosticFormat = .text

    func run() throws {
        var all: [Diagnostic] = []
        for (name, text) in try inputs.read() {
            let lines = SourceExcerpt.Lines(text)
            var budget = DiagnosticBudget()
            var found: [Diagnostic] = []
            for d in LaTeXChecker.check(text, extraMacros: Set(macros)) where budget.admits("latex-" + d.code) {
                found.append(Diagnostic(latex: d) { p in
                    (FileLocation(path: name, line: p.line, column: p.column), lines.excerpt(line: p.line))
                })
            }
            all += found + budget.notes(after: found)
        }
        DiagnosticPrinter(format: format).print(all)
        if all.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
    }
}

struct LaTeXRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the plain-text (Unicode) rendering, or with --html the HTML rendering.",
        discussion: "Rendering never fails: what cannot be rendered stays as its TeX source."
    )

    @OptionGroup var inputs: LaTeXInputs

    @Flag(help: "Print HTML instead of plain text.")
    var html = false

    func run() throws {
        for (_, text) in try inputs.read() {
            if html {
                Console.data(try XMLWriter.html(HTMLRenderer.fragment(text)))
            } else {
                Console.data(PlainTextRenderer.render(text))
            }
        }
    }
}
