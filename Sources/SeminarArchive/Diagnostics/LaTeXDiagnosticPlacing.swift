import LaTeX

extension Diagnostic {
    /// A problem the LaTeX checker found, as the archive reports it: its code prefixed
    /// `latex-`, placed by `place`, which turns a position in the checked text into a
    /// place in a file (a line of an abstract file, or a spot inside a JSON string,
    /// through its escapes) with the excerpt to show there.
    public init(latex d: LaTeXDiagnostic, place: (SourcePosition) -> (location: FileLocation?, excerpt: SourceExcerpt?)) {
        let (location, excerpt) = place(d.position)
        self.init(
            d.severity == .error ? .error : .warning, code: "latex-" + d.code, message: d.message, fix: d.fix,
            location: location, excerpt: excerpt, length: d.length,
            notes: d.notes.map { note in
                let (at, excerpt) = place(note.position)
                return Note(message: note.message, location: at, excerpt: excerpt)
            })
    }
}
