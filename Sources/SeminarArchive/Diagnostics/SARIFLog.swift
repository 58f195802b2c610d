import Foundation

/// Diagnostics as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), the
/// form code-scanning tools (GitHub code scanning among them) read: one run of the tool
/// `seminar`, whose rules are the diagnostic codes with their descriptions
/// (`DiagnosticCatalog`), and one result per diagnostic.
public enum SARIFLog {
    public static let version = "2.1.0"
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    /// The log as pretty-printed JSON with sorted keys.
    public static func json(for diagnostics: [Diagnostic], toolVersion: String? = nil) -> Data {
        prettyJSON(log(for: diagnostics, toolVersion: toolVersion))
    }

    public static func log(for diagnostics: [Diagnostic], toolVersion: String? = nil) -> [String: Any] {
        // Every code of the catalogue, and any other the diagnostics carry, sorted: a
        // result points at its rule by index.
        let codes = Set(DiagnosticCatalog.descriptions.keys).union(diagnostics.map(\.code)).sorted()
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules: [[String: Any]] = codes.map { code in
            ["id": code, "shortDescription": ["text": DiagnosticCatalog.description(of: code) ?? code]]
        }
        var driver: [String: Any] = ["name": "seminar", "rules": rules]
        if let toolVersion { driver["version"] = toolVersion }
        let results: [[String: Any]] = diagnostics.map { d in
            var message = d.message
            if let fix = d.fix { message += " (fix: \(fix))" }
            var result: [String: Any] = [
                "ruleId": d.code, "ruleIndex": index[d.code]!, "level": level(d.severity), "message": ["text": message],
            ]
            if let location = d.location {
                result["locations"] = [physicalLocation(location, length: d.length, excerpt: d.excerpt?.text)]
            }
            let related = d.notes.enumerated().compactMap { i, note -> [String: Any]? in
                guard let location = note.location else { return nil }
                var related = physicalLocation(location, length: 1, excerpt: nil)
                related["id"] = i
                related["message"] = ["text": note.message]
                return related
            }
            if !related.isEmpty { result["relatedLocations"] = related }
            return result
        }
        return [
            "$schema": schemaURI,
            "version": version,
            "runs": [[
                "tool": ["driver": driver],
                // Columns count Unicode scalars, as every diagnostic of the tool does.
                "columnKind": "unicodeCodePoints",
                "results": results,
            ] as [String: Any]],
        ]
    }

    static func level(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    static func physicalLocation(_ location: FileLocation, length: Int, excerpt: String?) -> [String: Any] {
        var region: [String: Any] = ["startLine": location.line, "startColumn": location.column,
                                     "endColumn": location.column + length]
        if let excerpt { region["snippet"] = ["text": excerpt] }
        return ["physicalLocation": ["artifactLocation": ["uri": uri(of: location.path)], "region": region]]
    }

    /// A relative path stays a relative reference (code scanning resolves it against the
    /// repository's root), an absolute one becomes a `file:` URI; characters that may not
    /// appear in a URI are percent-encoded.
    static func uri(of path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":;")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
