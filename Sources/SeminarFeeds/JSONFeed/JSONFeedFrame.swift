import Foundation

/// The JSON Feed document as JSONEncoder writes it without its items, split where the
/// items array goes: the items are written apart (`PrettyJSON`), one at a time.
///
/// JSONEncoder writes the (empty) items array after `"items" : `, a member of the
/// top-level object: the only place where that text follows a newline and two spaces,
/// since string values never hold a raw newline (it is escaped).
struct JSONFeedFrame {
    /// Up to and including `"items" : `.
    let head: [UInt8]
    /// From the end of the items array to the end of the file, with its final newline.
    let tail: [UInt8]

    /// The encoder of the document: sorted keys for stable bytes; slashes unescaped
    /// because every value is a URL.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }

    /// `document`: the feed encoded with no items.
    init(_ document: Data) throws {
        let bytes = [UInt8](document)
        let key = Array("\n  \"items\" : ".utf8)
        guard let at = bytes.firstRange(of: key),
              let close = bytes[at.upperBound...].firstIndex(of: UInt8(ascii: "]"))
        else { throw EncodingError.invalidValue(document, .init(codingPath: [], debugDescription: "no items array in the JSON Feed")) }
        head = Array(bytes[..<at.upperBound])
        tail = Array(bytes[(close + 1)...]) + [0x0A]
    }
}
