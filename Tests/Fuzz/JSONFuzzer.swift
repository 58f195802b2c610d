// libFuzzer entry point for the archive's JSON reader. Not part of any SwiftPM target
// (libFuzzer brings its own `main`); scripts/fuzz-json compiles it together with
// Sources/SeminarArchive/JSON/JSONReader.swift and JSONValue.swift into one module, so it
// also sees internal API. The reader walks raw buffers, which an optimized build does not
// bounds-check: AddressSanitizer does, here.

@_cdecl("LLVMFuzzerTestOneInput")
public func jsonFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reading = JSONReader.read(bytes)

    // Every place the reader names lies in the file.
    if let error = reading.error {
        precondition(reading.root == nil, "a value and an error")
        precondition(error.offset >= 0 && error.offset <= size, "error offset out of range: \(error)")
        if let note = error.note { precondition(note.offset >= 0 && note.offset < size, "note offset out of range") }
    }
    for leniency in reading.leniencies {
        switch leniency {
        case let .trailingComma(comma, _): precondition(bytes[comma] == UInt8(ascii: ","))
        case let .repeatedName(_, offset, firstAt):
            precondition(bytes[offset] == UInt8(ascii: "\"") && bytes[firstAt] == UInt8(ascii: "\"") && firstAt < offset)
        }
    }
    guard let root = reading.root else { return 0 }

    // Every value starts where its offset says, with the byte its kind begins with.
    checkPlaces(root, in: bytes)

    // Written out again and read back, the document is the same value: nothing read was
    // invented or lost.
    let again = JSONReader.read(Array(serialize(root).utf8))
    precondition(again.error == nil && again.leniencies.isEmpty, "the reader refuses its own output: \(String(describing: again.error))")
    precondition(same(root, again.root!), "a different value after a round trip")
    return 0
}

private func checkPlaces(_ value: JSONValue, in bytes: [UInt8]) {
    let first = bytes[value.offset]
    switch value.content {
    case let .object(members):
        precondition(first == UInt8(ascii: "{"))
        for member in members {
            precondition(bytes[member.keyOffset] == UInt8(ascii: "\"") && member.keyOffset < member.value.offset)
            checkPlaces(member.value, in: bytes)
        }
        precondition(Set(members.map(\.name)).count == members.count, "a name kept twice")
    case let .array(elements):
        precondition(first == UInt8(ascii: "["))
        for element in elements { checkPlaces(element, in: bytes) }
    case .string: precondition(first == UInt8(ascii: "\""))
    case let .number(n): precondition(first == UInt8(ascii: "-") || (48...57).contains(first)); precondition(n.isFinite)
    case let .bool(b): precondition(first == (b ? UInt8(ascii: "t") : UInt8(ascii: "f")))
    case .null: precondition(first == UInt8(ascii: "n"))
    }
}

/// RFC 8259 text of a value: every scalar but `"`, `\` and the controls written as itself.
private func serialize(_ value: JSONValue) -> String {
    switch value.content {
    case let .object(members): "{" + members.map { quote($0.name) + ":" + serialize($0.value) }.joined(separator: ",") + "}"
    case let .array(elements): "[" + elements.map(serialize).joined(separator: ",") + "]"
    case let .string(s, _): quote(s)
    case let .number(n): "\(n)"  // finite: the reader refuses the rest
    case let .bool(b): b ? "true" : "false"
    case .null: "null"
    }
}

private func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

private func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a.content, b.content) {
    case let (.object(x), .object(y)):
        x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && same($0.value, $1.value) }
    case let (.array(x), .array(y)): x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case let (.string(x, f), .string(y, g)): x == y && f == g
    case let (.number(x), .number(y)): x == y
    case let (.bool(x), .bool(y)): x == y
    case (.null, .null): true
    default: false
    }
}
