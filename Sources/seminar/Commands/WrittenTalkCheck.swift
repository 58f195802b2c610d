import ArgumentParser
import SeminarArchive
import SeminarPublisher

/// After `add` or `edit` wrote a talk file, checks the archive and reports the problems
/// of that talk, with what to do next. The file is kept either way: what the organiser
/// typed is never lost. (A talk that would not load on its own is refused before it is
/// written: see `refuseUnloadable`.)
struct WrittenTalkCheck {
    var archive: String
    /// Where the talk is now.
    var path: String
    /// Where it was before an edit (perhaps `path` itself); nil for a talk just added.
    var previousPath: String?
    /// The talk's year, before and after an edit.
    var years: Set<Int>

    func report() throws {
        // The talk's own problems, found as `seminar check FILE` finds them: in the context
        // of the whole archive, without what concerns only other files (the LaTeX of every
        // other talk, the frozen years' published documents).
        let publisher = Publisher(archiveRoot: archive)
        let checked = ArchiveFolder(archive).spelling(of: path).map { publisher.check(files: [$0]) } ?? publisher.check()
        let problems = checked.diagnostics.filter(concernsTheTalk)
        DiagnosticPrinter().print(problems)
        guard problems.contains(where: { $0.severity == .error }) else { return }
        let frozenYears = years.filter { checked.records[$0] != nil }.sorted()
        if !frozenYears.isEmpty, problems.contains(where: { Diagnostic.frozenYearCodes.contains($0.code) }) {
            Console.note(frozenYearAdvice(frozenYears))
        } else if checked.talks.contains(where: { $0.source.path.standardizedPath == path.standardizedPath }) {
            Console.note("\(path) has errors: correct them with `seminar edit` or in the file, then run `seminar check`")
        } else {
            // Errors found only beside the rest of the archive that keep the talk from
            // loading (an id another file uses): `seminar edit` cannot read it back.
            Console.note("\(path) has errors that keep it from loading: correct them in the file, then run `seminar check`")
        }
        throw ExitCode.failure
    }

    /// At the talk's file, or pointing at it (a talk moved out of a frozen year is
    /// reported at the year's record, with a note at the talk).
    private func concernsTheTalk(_ diagnostic: Diagnostic) -> Bool {
        let places = [diagnostic.location] + diagnostic.notes.map(\.location)
        return places.contains { $0?.path.standardizedPath == path.standardizedPath }
    }

    /// `seminar edit` cannot make a talk of a frozen year match its record again: it stamps
    /// `updated` anew. The change is either published on purpose, or undone.
    private func frozenYearAdvice(_ frozenYears: [Int]) -> String {
        let names = frozenYears.map(String.init).joined(separator: " and ")
        let amend = frozenYears.map { "seminar snapshot \($0) --amend --reason \"…\"" }.joined(separator: "; ")
        return """
            \(path) has errors: \(names) \(frozenYears.count == 1 ? "is" : "are") frozen, and editing again would not undo the change (`seminar edit` stamps `updated` anew).
              to publish it as a deliberate correction: \(amend)
              to undo it: \(undo)
            """
    }

    /// How to undo what was written, with git.
    private var undo: String {
        guard let previousPath else { return "remove \(path)" }
        if previousPath.standardizedPath == path.standardizedPath { return "git checkout -- \(path)" }
        return "git checkout -- \(previousPath), and remove \(path)"
    }
}
