// libFuzzer entry point for the LaTeX module. Not part of any SwiftPM target (libFuzzer
// brings its own `main`); scripts/fuzz-latex compiles it together with Sources/LaTeX into
// one module, so it also sees internal API.

@_cdecl("LLVMFuzzerTestOneInput")
public func latexFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let scalarCount = source.unicodeScalars.count

    // The checker: every diagnostic points inside the source, has a length, and the list
    // is sorted by position.
    let diagnostics = LaTeXChecker.check(source, extraMacros: ["E", "R"])
    var previous = 0
    for diagnostic in diagnostics {
        let position = diagnostic.position
        precondition(position.offset >= 0 && position.offset <= scalarCount, "offset out of range: \(diagnostic)")
        precondition(position.line >= 1 && position.column >= 1, "bad position: \(diagnostic)")
        precondition(diagnostic.length >= 1, "empty diagnostic: \(diagnostic)")
        precondition(position.offset >= previous, "diagnostics not sorted")
        precondition(!diagnostic.code.isEmpty && !diagnostic.message.isEmpty)
        previous = position.offset
    }
    precondition(diagnostics.filter { $0.code == "nesting-too-deep" }.count <= 1)

    // The renderers never fail, and never blow the input up out of proportion.
    let text = PlainTextRenderer.render(source)
    precondition(text.unicodeScalars.count <= scalarCount * 8 + 16, "plain text grew too much")
    let html = HTMLRenderer.fragment(source)
    var topLevelNodes = 0, depth = 0
    for event in html {
        switch event {
        case .start: if depth == 0 { topLevelNodes += 1 }; depth += 1
        case .text: if depth == 0 { topLevelNodes += 1 }
        case .end: depth -= 1
        }
    }
    precondition(topLevelNodes <= scalarCount + 1)

    // The renderers make their strings from UTF-8 without validating it again
    // (`String(validUTF8:)`), on the grounds that they only write whole scalars: an
    // optimized build does not check that, so the fuzzer does.
    precondition(isValidUTF8(text), "plain text is not valid UTF-8")
    precondition(html.allSatisfy(isValidUTF8), "HTML is not valid UTF-8")
    let (documentText, documentHTML) = LaTeXDocument(source).renderings()
    precondition(isValidUTF8(documentText) && documentHTML.allSatisfy(isValidUTF8), "renderings are not valid UTF-8")

    // The tree is an arena whose children always precede their parent: walking it cannot
    // loop, and it stays within the depth limit.
    let tree = LaTeXParser.parse(source)
    for index in tree.nodes.indices {
        for child in tree.children(of: index) where child >= 0 {
            precondition(Int(child) < index, "child after parent")
        }
    }
    return 0
}

private func isValidUTF8(_ string: String) -> Bool {
    String(validating: Array(string.utf8), as: UTF8.self) != nil
}

private func isValidUTF8(_ event: HTMLFragment.Event) -> Bool {
    switch event {
    case let .text(text):
        return isValidUTF8(text)
    case let .start(name, attributes):
        return isValidUTF8(name) && attributes.allSatisfy { isValidUTF8($0.name) && isValidUTF8($0.value) }
    case .end:
        return true
    }
}
