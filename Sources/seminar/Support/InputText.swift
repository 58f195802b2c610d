import Foundation
import SeminarArchive

/// Text named on the command line: a file, or standard input for `-`.
enum InputText {
    /// The whole text, which must be UTF-8. Fails with the system's reason when the file
    /// cannot be read ("cannot read abstract.txt: No such file or directory").
    static func read(_ path: String) throws -> String {
        let bytes: [UInt8]
        if path == "-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else {
            switch readFile(path) {
            case .success(let read): bytes = read
            case .failure(let failure): throw CommandFailure("cannot read \(path): \(failure.reason)")
            }
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw CommandFailure("\(path == "-" ? "standard input" : path) is not valid UTF-8")
        }
        return text
    }
}
