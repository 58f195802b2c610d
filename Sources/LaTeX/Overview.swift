// The LaTeX module: checks and renders the small LaTeX found in talk abstracts (`$p$`,
// `$\mathbb{R}^d$`, `G\"odel`). Its contract is its tests and their corpus
// (`Tests/LaTeXTests/Fixtures/corpus`); read the code in this order:
//
// 1. `Lexing/` — `Lexer` turns Unicode scalars into `Token`s (words, punctuation, control
//    sequences, braces, `$`, spaces, comments), each with its `SourcePosition`.
// 2. `Commands/` — `CommandTable`, the one table of known commands and environments: mode,
//    arguments (count, optional, verbatim) and what they render as. Parser, checker and
//    renderers all read it; commands are matched by exact name through a scalar hash table.
// 3. `Parsing/` — `LaTeXParser` builds a `SyntaxTree`: nodes in one array (an arena), built
//    with an explicit stack of frames, never by recursion. Structural problems become
//    diagnostics on the way. Nesting is capped at 200; deeper input is kept as source.
// 4. `Checking/` — `LaTeXChecker` adds what needs context (unknown commands with "did you
//    mean", commands in the wrong mode, money-like math, the caller's extra macros).
// 5. `Rendering/` — one text walker (`TextRenderer`) over a `TextSink` (plain text, HTML, or
//    text inside math), and `MathRenderer`, which turns math into `MathPiece`s with TeX-like
//    spacing by atom class; `MathPieces` serializes them as Unicode or as HTML events
//    (`HTMLFragment`, a flat list that the HTML sink builds in document order).
//    `Unicode/` holds the script, alphabet and accent-composition tables. The rules of the
//    linear text of math (`LinearMathRules`) are written down in `LaTeX.docc/LinearText.md`.
//
// `LaTeXDocument` parses once for callers that need the diagnostics and both renderings.
// Tests: `Tests/LaTeXTests`; fuzzing: `scripts/fuzz-latex`; throughput: `latex-bench`.
