import Foundation

extension FileReport {
    /// Parses the file with Foundation, turning its complaints into positioned
    /// diagnostics. Invalid UTF-8 is caught first, because Foundation's message for it
    /// does not say which line is at fault.
    mutating func parseJSON() -> Any? {
        if let bad = firstInvalidUTF8Offset(source.bytes) {
            let byte = source.bytes[bad]
            error("invalid-utf8", "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); save the file as UTF-8",
                  at: .byteOffset(bad))
            return nil
        }
        checksCharacters = mayHoldForbiddenCharacters(source.bytes)
        do {
            // Parsed in place: the Data does not outlive the call, so no copy is needed.
            return try source.bytes.withUnsafeBytes { buffer in
                let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!),
                                count: buffer.count, deallocator: .none)
                return try JSONSerialization.jsonObject(with: data, options: [])
            }
        } catch {
            let (message, offset) = describeParseError(error)
            self.error("malformed-json", "malformed JSON: " + message, at: offset.map(Anchor.byteOffset) ?? .byteOffset(source.bytes.count))
            return nil
        }
    }

    /// Foundation's NSDebugDescription reads "Invalid value around character 17." where
    /// 17 is a 0-based BYTE offset (checked with non-ASCII text before the error). The
    /// offset is cut out of the message and returned on its own; messages without one
    /// ("Unexpected end of file") are placed at the end of the file.
    private func describeParseError(_ error: Error) -> (String, Int?) {
        let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "the file is not valid JSON"
        var message = text
        var offset: Int? = nil
        for marker in [" around character ", " at "] {
            guard let range = text.range(of: marker, options: .backwards) else { continue }
            let digits = text[range.upperBound...].prefix { $0.isASCIIDigit }
            guard let n = Int(digits), text[range.upperBound...].dropFirst(digits.count).allSatisfy({ $0 == "." }) else { continue }
            offset = n
            message = String(text[..<range.lowerBound])
            break
        }
        if message.hasSuffix(".") { message.removeLast() }
        if let first = message.first { message = first.lowercased() + message.dropFirst() }
        return (message, offset)
    }
}
