import FeedTestSupport
@testable import LaTeX

/// `code line:column` for each diagnostic, the form most tests compare.
func located(_ source: String, extraMacros: Set<String> = []) -> [String] {
    LaTeXChecker.check(source, extraMacros: extraMacros).map { "\($0.code) \($0.position.line):\($0.position.column)" }
}

func codes(_ source: String, extraMacros: Set<String> = []) -> [String] {
    LaTeXChecker.check(source, extraMacros: extraMacros).map(\.code)
}

func first(_ code: String, in source: String) -> LaTeXDiagnostic? {
    LaTeXChecker.check(source).first { $0.code == code }
}

func plain(_ source: String) -> String { PlainTextRenderer.render(source) }

func html(_ source: String) -> [HTMLNode] { HTMLRenderer.render(source) }

extension HTMLRenderer {
    /// The HTML of `source` as a tree, which tests compare whole.
    static func render(_ source: String, rules: LinearMathRules = .unambiguous) -> [HTMLNode] {
        fragment(source, rules: rules).nodes
    }
}

func p(_ children: HTMLNode...) -> HTMLNode { .element("p", attributes: [], children: children) }
func element(_ name: String, _ children: HTMLNode...) -> HTMLNode { .element(name, attributes: [], children: children) }
func math(_ children: HTMLNode...) -> HTMLNode {
    .element("span", attributes: [HTMLAttribute(name: "class", value: "math")], children: children)
}
func i(_ letter: String) -> HTMLNode { element("i", .text(letter)) }
