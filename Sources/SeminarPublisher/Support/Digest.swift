import Crypto
import Foundation

// Digests as records and build manifests write them: one spelling for every document,
// talk file and field the tool pins.

/// `sha256:` and 64 hex digits.
public func sha256Digest(_ bytes: some DataProtocol) -> String {
    sha256Digest(SHA256.hash(data: bytes))
}

/// `sha256:` and the 64 hex digits of a digest computed piece by piece.
func sha256Digest(_ digest: SHA256.Digest) -> String {
    "sha256:" + hexDigits(digest)
}

/// Lowercase hex, written into one buffer: digests are made for every field of every
/// frozen talk on each check, so this stays allocation-light.
func hexDigits<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
}
