import FeedTestSupport
@testable import LaTeX
import Testing
@testable import SeminarFeeds

/// The MathML of formulas as the page writes it, read back by libxml2's HTML parser.
@Suite struct MathMLTests {
    /// The formulas of `source` written into a page's body and parsed back.
    func page(_ source: String) throws -> ParsedXML {
        let tree = try MarkupTree.html()
        let html = try tree.root("html")
        let body = try tree.element("body", in: html)
        var formulas = CompactHTML(MathMLRenderer.fragment(source)).pieces()
        while try WebPageTalk.appendNextFormula(&formulas, tree: tree, in: body) {}
        return try ParsedXML(html: try tree.serialize())
    }

    /// Formulas are read from their bytes piece by piece; a record out of place (an end
    /// with nothing open, an attribute after text) ends the reading, and nothing of it
    /// reaches the page.
    @Test func recordsOutOfPlaceEndTheFormulas() throws {
        let tree = try MarkupTree.html()
        let body = try tree.element("body", in: try tree.root("html"))
        var strayEnd = HTMLFragment()
        strayEnd.endElement()
        strayEnd.startElement("math")
        strayEnd.endElement()
        var formulas = CompactHTML(strayEnd).pieces()
        #expect(try WebPageTalk.appendNextFormula(&formulas, tree: tree, in: body) == false)
        #expect(body.pointee.children == nil)

        var strayAttribute = HTMLFragment()
        strayAttribute.appendText("x")
        strayAttribute.appendAttribute("title", "y")
        formulas = CompactHTML(strayAttribute).pieces()
        #expect(try WebPageTalk.appendNextFormula(&formulas, tree: tree, in: body) == true)
        #expect(try WebPageTalk.appendNextFormula(&formulas, tree: tree, in: body) == false)
        #expect(String(decoding: try tree.serialize(), as: UTF8.self).contains("<body>x</body>"))
    }

    @Test func fractionHasNumeratorThenDenominator() throws {
        let page = try page("$\\frac{a+1}{2n}$")
        #expect(page.count("//math/mfrac") == 1)
        #expect(page.strings("//mfrac/*[1]//text()") == ["a", "+", "1"])
        #expect(page.strings("//mfrac/*[2]//text()") == ["2", "n"])
        #expect(page.strings("//mfrac/*[2]/*").isEmpty == false)
        #expect(page.nodes("//mfrac/mrow[2]/mn").count == 1)
    }

    @Test func binomialsAndModuliAreParenthesizedRows() throws {
        let page = try page("$\\binom{n}{k} \\equiv a \\pmod{m}$")
        #expect(page.strings("//mrow[mfrac]/mo/text()") == ["(", ")"])
        #expect(page.string("//mrow/mfrac/@linethickness") == "0")
        #expect(page.strings("//mfrac/*[1]//text()") == ["n"])
        #expect(page.strings("//mfrac/*[2]//text()") == ["k"])
        #expect(page.strings("//mfrac/following-sibling::mo/text()") == [")"])
        // (mod m): the operator name, a thin space, the modulus, inside the parentheses.
        let modulus = "//mrow[mi='mod']"
        #expect(page.strings(modulus + "/mo/text()") == ["(", ")"])
        #expect(page.strings(modulus + "/*[2]/text()") == ["mod"])
        #expect(page.string(modulus + "/mspace/@width") == "0.1667em")
        #expect(page.strings(modulus + "/*[4]//text()") == ["m"])
    }

    @Test func rootsAreSqrtOrRootWithIndexSecond() throws {
        let page = try page("$\\sqrt{x} + \\sqrt[3]{y}$")
        #expect(page.strings("//msqrt//text()") == ["x"])
        #expect(page.strings("//mroot/*[1]//text()") == ["y"])
        #expect(page.strings("//mroot/*[2]//text()") == ["3"])
    }

    @Test func bigOperatorLimitsAreUnderOverInDisplayScriptsInline() throws {
        let display = try page("$$\\sum_{i=1}^n x_i$$")
        #expect(display.string("//math/@display") == "block")
        #expect(display.strings("//munderover/*[1]//text()") == ["∑"])
        #expect(display.strings("//munderover/*[2]//text()") == ["i", "=", "1"])
        #expect(display.strings("//munderover/*[3]//text()") == ["n"])
        let inline = try page("$\\sum_{i=1}^n x_i$")
        #expect(inline.string("//math/@display") == nil)
        #expect(inline.count("//munderover") == 0)
        #expect(inline.strings("//msubsup/*[1]//text()") == ["∑"])
        // Integrals keep their limits beside them even in display.
        #expect(try page("$$\\int_0^1 f$$").count("//msubsup") == 1)
        #expect(try page("$$\\lim_{n\\to\\infty} a_n$$").count("//munder") == 1)
    }

    @Test func identifiersNumbersOperators() throws {
        let page = try page("$x_2 = 3.14 - y'$")
        #expect(page.strings("//msub/mi/text()") == ["x"])
        #expect(page.strings("//msub/mn/text()") == ["2"])
        #expect(page.strings("//math/mn/text()") == ["3.14"])
        #expect(page.strings("//math/mo/text()") == ["=", "−", "′"])
    }

    @Test func accentsAlphabetsAndText() throws {
        let page = try page("$\\hat\\theta \\in \\mathbb{R}^d, \\mathcal{L}, \\text{if } \\mathrm{d}x$")
        #expect(page.strings("//mover[@accent='true']/*[1]/text()") == ["θ"])
        #expect(page.strings("//mover[@accent='true']/*[2]/text()") == ["^"])
        #expect(page.strings("//msup/mi/text()").first == "ℝ")
        #expect(page.strings("//mi/text()").contains("ℒ"))
        #expect(page.strings("//mtext/text()") == ["if\u{A0}"])
        #expect(page.strings("//mi[@mathvariant='normal']/text()").contains("d"))
    }

    @Test func matricesCasesAndAlignBecomeTables() throws {
        let matrix = try page("$\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$")
        #expect(matrix.count("//mtable/mtr") == 2)
        #expect(matrix.count("//mtable/mtr[1]/mtd") == 2)
        #expect(matrix.strings("//mtr[2]/mtd[1]//text()") == ["3"])
        #expect(matrix.strings("//mo[@stretchy='true']/text()") == ["(", ")"])
        let cases = try page("$|x| = \\begin{cases} x & x \\ge 0 \\\\ -x & \\text{otherwise} \\end{cases}$")
        #expect(cases.count("//mtable/mtr") == 2)
        #expect(cases.strings("//mtr[2]/mtd[2]/mtext/text()") == ["otherwise"])
        let align = try page("\\begin{align} a &= b \\\\ c &= d \\\\ \\end{align}")
        #expect(align.string("//math/@display") == "block")
        #expect(align.count("//mtable/mtr") == 2)
        #expect(align.strings("//mtr[1]/mtd[@class='right']//text()") == ["a"])
    }

    @Test func leftRightFencesStretch() throws {
        let page = try page("$\\left( \\frac{a}{b} \\right]$")
        #expect(page.strings("//mrow/mo[@stretchy='true'][@fence='true']/text()") == ["(", "]"])
        #expect(page.count("//mrow/mfrac") == 1)
    }

    @Test func everyMathCarriesThePlainText() throws {
        let source = "Let $\\frac{1}{2}x^2$ and $$\\sqrt{n}.$$"
        let page = try page(source)
        // The plain-text rendering of each formula, as the LaTeX module's renderer gives it.
        #expect(page.strings("//math/@alttext") == [PlainTextRenderer.render("$\\frac{1}{2}x^2$"), PlainTextRenderer.render("$\\sqrt{n}.$")])
        let formulas = MathMLRenderer.fragment(source).nodes
        #expect(formulas.count == 2)
    }

    /// Prices and unclosed `$` are prose: no formula, as in the HTML.
    @Test func proseDollarsAreNoFormula() {
        #expect(MathMLRenderer.fragment("It costs $5 and $10.").isEmpty)
    }
}
