/// Scalars to `String` through UTF-8 bytes. `String.UnicodeScalarView.append(contentsOf:)`
/// takes a slow generic path; encoding by hand (ASCII first) is several times faster, and
/// rendering is mostly copying runs of source text.
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

extension String {
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        bytes.appendUTF8(scalars)
        self.init(decoding: bytes, as: UTF8.self)
    }
}
