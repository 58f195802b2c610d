/// A JSON value as read from a file, with where it is written, so that a diagnostic about
/// any value or member name can point at it without reading the file again.
struct JSONValue: Sendable {
    enum Content: Sendable {
        /// Members in the order written. A name given twice is kept once, with its last
        /// value (as other JSON readers do), and reported by the reader.
        case object([JSONMember])
        case array([JSONValue])
        /// The decoded text, and whether it holds a character XML 1.0 forbids (a control
        /// character written as an escape, U+FFFE or U+FFFF): known while decoding, so that
        /// the strings without one, nearly all, need no second look.
        case string(String, hasCharacterXMLForbids: Bool)
        case number(Double)
        case bool(Bool)
        case null
    }

    var content: Content
    /// The byte offset of its first byte: `{`, `[`, the opening quote, a digit or `-`, a letter.
    var offset: Int

    var isNull: Bool {
        if case .null = content { return true }
        return false
    }

    var string: String? {
        if case let .string(s, _) = content { return s }
        return nil
    }

    var bool: Bool? {
        if case let .bool(b) = content { return b }
        return nil
    }

    var array: [JSONValue]? {
        if case let .array(elements) = content { return elements }
        return nil
    }

    /// The member named `name` of an object; nil for other values.
    func member(_ name: String) -> JSONMember? {
        guard case let .object(members) = content else { return nil }
        return members.first { $0.name == name }
    }

    /// The value at `path` and the offset of its member name (nil for the root and for
    /// array elements).
    func find(_ path: [JSONPathComponent]) -> (keyOffset: Int?, value: JSONValue)? {
        var value = self
        var keyOffset: Int? = nil
        for component in path {
            switch (component, value.content) {
            case let (.key(name), .object):
                guard let member = value.member(name) else { return nil }
                (keyOffset, value) = (member.keyOffset, member.value)
            case let (.index(index), .array(elements)):
                guard elements.indices.contains(index) else { return nil }
                (keyOffset, value) = (nil, elements[index])
            default:
                return nil
            }
        }
        return (keyOffset, value)
    }

    /// How a value is named in messages: "a string", "an array"...
    var typeName: String {
        switch content {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// A member of an object: its name, where the name's opening quote is, and its value.
struct JSONMember: Sendable {
    var name: String
    var keyOffset: Int
    var value: JSONValue
}
