/// Scalars to UTF-8 bytes. `String.UnicodeScalarView.append(contentsOf:)` takes a slow generic
/// path; encoding by hand (ASCII first) is several times faster. Source text does not need
/// this (`SyntaxTree.utf8(_:_:)` has its bytes); generated text such as scripts does.
extension Array where Element == UInt8 {
    mutating func appendUTF8<C: Collection>(_ scalars: C) where C.Element == Unicode.Scalar {
        for scalar in scalars {
            if scalar.value < 0x80 {
                append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { append($0) }
            }
        }
    }
}
