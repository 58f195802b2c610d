// Reading written documents back with libxml2, independently of the writer.
// `@preconcurrency` for libxml2's global `xmlFree` (see XMLWriter.swift).
@preconcurrency import CLibXML2
import Foundation

public struct XMLTestError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// Collects libxml2's structured error messages, handed to C callbacks as user data.
public final class ErrorCollector {
    public var messages: [String] = []

    public init() {}

    public var pointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    public static let callback: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
        let message = error.pointee.message.map { String(cString: $0) } ?? "(no message)"
        collector.messages.append("line \(error.pointee.line): " + message.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// A parsed document with XPath queries; the prefixes given are registered for XPath.
public final class ParsedXML {
    public let doc: xmlDocPtr
    private let xpath: xmlXPathContextPtr

    public static let atomNamespaces = ["a": "http://www.w3.org/2005/Atom", "fh": "http://purl.org/syndication/history/1.0"]
    public static let rssNamespaces = [
        "atom": "http://www.w3.org/2005/Atom", "fh": "http://purl.org/syndication/history/1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
    ]

    public convenience init(_ bytes: [UInt8], namespaces: [String: String] = [:]) throws {
        guard let ctxt = xmlNewParserCtxt() else { throw XMLTestError(description: "xmlNewParserCtxt failed") }
        defer { xmlFreeParserCtxt(ctxt) }
        // No network; errors are read from the context rather than printed.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBytes { raw in
            xmlCtxtReadMemory(ctxt, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), "written.xml", nil, options)
        }
        guard let parsed, ctxt.pointee.wellFormed != 0 else {
            if let parsed { xmlFreeDoc(parsed) }
            let last = ctxt.pointee.lastError
            let message = last.message.map { String(cString: $0) } ?? "unknown error"
            throw XMLTestError(description: "not well-formed XML, line \(last.line): \(message)")
        }
        try self.init(document: parsed, namespaces: namespaces)
    }

    /// An HTML page, read with libxml2's HTML parser as a browser would (no
    /// well-formedness required).
    public convenience init(html bytes: [UInt8]) throws {
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let parsed = bytes.withUnsafeBytes { raw in
            htmlReadMemory(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), "written.html", "UTF-8", options)
        }
        guard let parsed else { throw XMLTestError(description: "libxml2 could not read the HTML") }
        try self.init(document: parsed, namespaces: [:])
    }

    /// Takes ownership of `document`.
    private init(document: xmlDocPtr, namespaces: [String: String]) throws {
        doc = document
        guard let context = xmlXPathNewContext(document) else {
            xmlFreeDoc(document)
            throw XMLTestError(description: "xmlXPathNewContext failed")
        }
        xpath = context
        for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) {
            guard xmlXPathRegisterNs(context, prefix, uri) == 0 else { throw XMLTestError(description: "xmlXPathRegisterNs \(prefix)") }
        }
    }

    deinit {
        xmlXPathFreeContext(xpath)
        xmlFreeDoc(doc)
    }

    /// The nodes an expression selects, relative to `node` (the document when nil).
    public func nodes(_ expression: String, from node: xmlNodePtr? = nil) -> [xmlNodePtr] {
        xpath.pointee.node = node ?? xmlDocGetRootElement(doc)
        guard let result = xmlXPathEvalExpression(expression, xpath) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { set.pointee.nodeTab[$0] }
    }

    /// The text content of every node selected (elements' text, attributes' values).
    public func strings(_ expression: String, from node: xmlNodePtr? = nil) -> [String] {
        nodes(expression, from: node).map(Self.content)
    }

    /// The text of the one node selected; nil when none or several are.
    public func string(_ expression: String, from node: xmlNodePtr? = nil) -> String? {
        let all = strings(expression, from: node)
        return all.count == 1 ? all[0] : nil
    }

    public func count(_ expression: String, from node: xmlNodePtr? = nil) -> Int { nodes(expression, from: node).count }

    public static func content(_ node: xmlNodePtr) -> String {
        guard let c = xmlNodeGetContent(node) else { return "" }
        defer { xmlFree(c) }
        return String(cString: c)
    }

    /// The root element's text content.
    public var rootText: String { xmlDocGetRootElement(doc).map(Self.content) ?? "" }
}

/// RFC 4287's RELAX NG schema (Fixtures/atom.rng), applied with libxml2.
public enum AtomSchema {
    /// RFC 4287 Appendix B, in RELAX NG XML syntax (see the file's header).
    public static let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("atom.rng")

    /// libxml2's messages for everything the document does wrong; empty when valid.
    public static func violations(of document: ParsedXML) throws -> [String] {
        let schemaBytes = Array(try Data(contentsOf: url))
        let errors = ErrorCollector()
        let parserContext = schemaBytes.withUnsafeBytes { raw in
            xmlRelaxNGNewMemParserCtxt(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count))
        }
        guard let parserContext else { throw XMLTestError(description: "xmlRelaxNGNewMemParserCtxt failed") }
        defer { xmlRelaxNGFreeParserCtxt(parserContext) }
        xmlRelaxNGSetParserStructuredErrors(parserContext, ErrorCollector.callback, errors.pointer)
        guard let schema = xmlRelaxNGParse(parserContext) else {
            throw XMLTestError(description: "atom.rng does not parse: " + errors.messages.joined(separator: "; "))
        }
        defer { xmlRelaxNGFree(schema) }
        guard let validContext = xmlRelaxNGNewValidCtxt(schema) else { throw XMLTestError(description: "xmlRelaxNGNewValidCtxt failed") }
        defer { xmlRelaxNGFreeValidCtxt(validContext) }
        xmlRelaxNGSetValidStructuredErrors(validContext, ErrorCollector.callback, errors.pointer)
        let code = xmlRelaxNGValidateDoc(validContext, document.doc)
        if code != 0 && errors.messages.isEmpty { errors.messages.append("xmlRelaxNGValidateDoc returned \(code)") }
        return errors.messages
    }
}
