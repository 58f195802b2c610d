// INTERIM, replaced by the real LaTeX module when it lands (see the LaTeX issue).
// Until then abstracts go into the feeds as text: these renderings keep the TeX source.

public struct HTMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public indirect enum HTMLNode: Sendable, Equatable {
    case text(String)
    case element(String, attributes: [HTMLAttribute], children: [HTMLNode])
}

public enum PlainTextRenderer {
    public static func render(_ source: String) -> String {
        source.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}

public enum HTMLRenderer {
    public static func render(_ source: String) -> [HTMLNode] {
        [.element("p", attributes: [], children: [.text(PlainTextRenderer.render(source))])]
    }
}
