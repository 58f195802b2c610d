import Foundation

/// A JSON document as the tool prints one for people and tools to read (`seminar schema`,
/// a SARIF log): indented, keys sorted so that the bytes are the same on every run,
/// slashes left as they are, and a final newline.
func prettyJSON(_ object: Any) -> Data {
    // Strings, numbers, booleans, arrays and dictionaries, all the callers hand in,
    // always serialise.
    // swiftlint:disable:next force_try
    try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        + Data("\n".utf8)
}
