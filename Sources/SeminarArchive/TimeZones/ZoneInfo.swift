import Foundation

// Time zones read straight from the system's tz database (TZif files, RFC 8536).
//
// Foundation on Linux answers "GMT+2" where a reader expects "CEST", and a calendar
// needs the daylight-saving rules themselves, not just offsets. The TZif file has both:
// every transition with its offset and abbreviation, and a POSIX TZ string for the
// years after the last transition.

/// One kind of local time in a zone: CET (+01:00, standard) or CEST (+02:00, daylight).
public struct LocalTimeType: Sendable, Equatable, Hashable {
    public var utcOffset: Int  // seconds east of UTC
    public var isDaylightSaving: Bool
    public var abbreviation: String
    public init(utcOffset: Int, isDaylightSaving: Bool, abbreviation: String) {
        self.utcOffset = utcOffset
        self.isDaylightSaving = isDaylightSaving
        self.abbreviation = abbreviation
    }
}

/// What a wall-clock reading means in a zone.
public enum LocalTimeResolution: Sendable, Equatable {
    /// Exactly one instant has this reading.
    case unique(Instant)
    /// The reading is skipped when the clocks go forward (02:30 on the last Sunday of March in Zurich).
    case skipped
    /// The reading happens twice when the clocks go back; earlier and later instant.
    case ambiguous(Instant, Instant)
}

public struct ZoneInfoError: Error, Sendable, Equatable, CustomStringConvertible {
    public var identifier: String
    public var reason: String
    public var description: String { "time zone `\(identifier)`: \(reason)" }
}

/// A time zone of the tz database.
public struct ZoneInfo: Sendable, Equatable {
    public let identifier: String
    /// Instants at which the local time type changes, ascending.
    public let transitions: [Int64]
    /// For each transition, the index in `types` in force from it on.
    public let transitionTypeIndices: [Int]
    public let types: [LocalTimeType]
    /// The rule for instants after the last transition (the TZif footer).
    public let rule: PosixTimeZoneRule?

    /// Loads `identifier` from the tz database directory (normally `/usr/share/zoneinfo`).
    /// Identifiers are checked before touching the disk, so `../../etc/passwd` is no zone.
    public static func load(_ identifier: String, from directory: String = ZoneInfo.defaultDirectory) throws -> ZoneInfo {
        guard isPlausibleIdentifier(identifier) else {
            throw ZoneInfoError(identifier: identifier, reason: "not a time zone name of the tz database")
        }
        let path = directory + "/" + identifier
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ZoneInfoError(identifier: identifier, reason: "unknown time zone (no such zone in \(directory))")
        }
        return try ZoneInfo(identifier: identifier, tzif: [UInt8](data))
    }

    public static let defaultDirectory = "/usr/share/zoneinfo"

    static func isPlausibleIdentifier(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count < 100, !id.hasPrefix("/") else { return false }
        for part in id.split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = part.unicodeScalars.first, first != ".",
                  part.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || "0123456789_+-".unicodeScalars.contains($0)) })
            else { return false }
        }
        return true
    }

    /// Parses a TZif file (versions 1 to 4). Version 2+ files carry a second, 64-bit
    /// body and the footer; that body is the one used.
    public init(identifier: String, tzif bytes: [UInt8]) throws {
        func fail(_ reason: String) -> ZoneInfoError { ZoneInfoError(identifier: identifier, reason: "unreadable TZif data: \(reason)") }
        var reader = ByteReader(bytes: bytes)
        let header = try TZifHeader(&reader, fail)
        var use64 = false
        var body = header
        if header.version >= 2 {
            // Skip the version 1 body, read the 64-bit header and body.
            try reader.skip(header.bodyLength(timeSize: 4), fail)
            body = try TZifHeader(&reader, fail)
            use64 = true
        }
        let timeSize = use64 ? 8 : 4
        var transitions: [Int64] = []
        transitions.reserveCapacity(body.timeCount)
        for _ in 0..<body.timeCount { transitions.append(try reader.signed(timeSize, fail)) }
        var indices: [Int] = []
        for _ in 0..<body.timeCount { indices.append(Int(try reader.byte(fail))) }
        var raw: [(Int, Bool, Int)] = []
        for _ in 0..<body.typeCount {
            let offset = Int(try reader.signed(4, fail))
            let dst = try reader.byte(fail) != 0
            let abbrIndex = Int(try reader.byte(fail))
            raw.append((offset, dst, abbrIndex))
        }
        let chars = Array(try reader.take(body.charCount, fail))
        try reader.skip(body.leapCount * (timeSize + 4) + body.isStdCount + body.isUTCCount, fail)
        var types: [LocalTimeType] = []
        for (offset, dst, abbrIndex) in raw {
            guard abbrIndex < chars.count else { throw fail("abbreviation index out of range") }
            let end = chars[abbrIndex...].firstIndex(of: 0) ?? chars.count
            types.append(LocalTimeType(utcOffset: offset, isDaylightSaving: dst,
                                       abbreviation: String(decoding: chars[abbrIndex..<end], as: UTF8.self)))
        }
        guard !types.isEmpty, indices.allSatisfy({ $0 < types.count }) else { throw fail("no local time types") }
        var rule: PosixTimeZoneRule? = nil
        if use64 {
            let rest = reader.remaining
            if rest.count >= 2, rest.first == 0x0A, let close = rest.dropFirst().firstIndex(of: 0x0A) {
                let text = String(decoding: rest[rest.startIndex + 1..<close], as: UTF8.self)
                if !text.isEmpty { rule = PosixTimeZoneRule(parsing: text) }
            }
        }
        self.identifier = identifier
        self.transitions = transitions
        self.transitionTypeIndices = indices
        self.types = types
        self.rule = rule
    }

    /// The local time type in force at `instant`.
    public func localTimeType(at instant: Instant) -> LocalTimeType {
        let t = instant.secondsSince1970
        if let last = transitions.last, t >= last, let rule {
            return rule.localTimeType(at: t)
        }
        if transitions.isEmpty {
            return rule?.localTimeType(at: t) ?? types[0]
        }
        let next = firstTransition(after: t)
        if next == 0 {
            // Before the first transition: RFC 8536 says use the first non-DST type... type 0 in practice.
            return types.first(where: { !$0.isDaylightSaving }) ?? types[0]
        }
        return types[transitionTypeIndices[next - 1]]
    }

    /// The index of the first transition after `t`, by binary search (`transitions.count` if none).
    private func firstTransition(after t: Int64) -> Int {
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if transitions[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The UTC offsets in force at some instant from `first` through `last` (seconds since
    /// 1970): the one at `first`, then the one after each change in between, each once.
    func offsets(from first: Int64, through last: Int64) -> [Int] {
        var offsets = [localTimeType(at: Instant(secondsSince1970: first)).utcOffset]
        for change in changes(after: first, through: last) {
            let offset = localTimeType(at: Instant(secondsSince1970: change)).utcOffset
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        return offsets
    }

    /// The instants after `first` and up to `last` at which the local time type may change:
    /// the file's transitions, and the rule's changes from the last transition on (where
    /// `localTimeType(at:)` follows the rule).
    private func changes(after first: Int64, through last: Int64) -> [Int64] {
        var changes: [Int64] = []
        var next = firstTransition(after: first)
        while next < transitions.count, transitions[next] <= last {
            changes.append(transitions[next])
            next += 1
        }
        if let rule {
            let ruleFrom = transitions.last ?? .min
            // The rule counts years in standard local time: a year either side covers any offset.
            let years = LocalDateTime(secondsAsIfUTC: first).year - 1...LocalDateTime(secondsAsIfUTC: last).year + 1
            for year in years {
                changes += rule.changes(in: year).filter { $0 > first && $0 <= last && $0 >= ruleFrom }
            }
        }
        return changes
    }

    /// The instants whose local reading in this zone is `local`.
    public func resolve(_ local: LocalDateTime) -> LocalTimeResolution {
        let asUTC = local.secondsAsIfUTC
        // Any offset in force within a day around the reading is a candidate: real offsets
        // lie within ±26 hours. Found from the zone's changes rather than by probing the
        // window hour by hour, which took 53 lookups for every reading (a twentieth of a
        // check's instructions).
        var matches: [Instant] = []
        for offset in offsets(from: asUTC - 93_600, through: asUTC + 93_600) {
            let candidate = Instant(secondsSince1970: asUTC - Int64(offset))
            if localTimeType(at: candidate).utcOffset == offset, !matches.contains(candidate) {
                matches.append(candidate)
            }
        }
        matches.sort()
        switch matches.count {
        case 0: return .skipped
        case 1: return .unique(matches[0])
        default: return .ambiguous(matches[0], matches[matches.count - 1])
        }
    }

    /// The one instant a talk's wall-clock reading stands for. The loader rejects readings
    /// in a gap or an overlap, so `.unique` is the normal case; the others fall back to the
    /// earlier instant rather than failing inside a pure writer.
    public func instant(of local: LocalDateTime) -> Instant {
        switch resolve(local) {
        case let .unique(i): return i
        case let .ambiguous(earlier, _): return earlier
        case .skipped:
            let offset = localTimeType(at: Instant(secondsSince1970: local.secondsAsIfUTC)).utcOffset
            return Instant(secondsSince1970: local.secondsAsIfUTC - Int64(offset))
        }
    }

    /// The local wall-clock reading of `instant` in this zone, with its type.
    public func localDateTime(at instant: Instant) -> (LocalDateTime, LocalTimeType) {
        let type = localTimeType(at: instant)
        return (LocalDateTime(secondsAsIfUTC: instant.secondsSince1970 + Int64(type.utcOffset)), type)
    }
}

/// A loaded zone per identifier, shared by everything in one run.
public final class ZoneDatabase: @unchecked Sendable {
    public let directory: String
    private let lock = NSLock()
    private var zones: [String: Result<ZoneInfo, ZoneInfoError>] = [:]

    public init(directory: String = ZoneInfo.defaultDirectory) { self.directory = directory }

    public static let system = ZoneDatabase()

    public func zone(_ identifier: String) throws(ZoneInfoError) -> ZoneInfo {
        lock.lock()
        defer { lock.unlock() }
        if let cached = zones[identifier] { return try cached.get() }
        let result: Result<ZoneInfo, ZoneInfoError>
        do { result = .success(try ZoneInfo.load(identifier, from: directory)) }
        catch let e as ZoneInfoError { result = .failure(e) }
        catch { result = .failure(ZoneInfoError(identifier: identifier, reason: "\(error)")) }
        zones[identifier] = result
        return try result.get()
    }
}

// MARK: - TZif reading

private struct TZifHeader {
    var version: Int
    var isUTCCount, isStdCount, leapCount, timeCount, typeCount, charCount: Int

    init(_ r: inout ByteReader, _ fail: (String) -> ZoneInfoError) throws {
        let magic = try r.take(4, fail)
        guard magic.elementsEqual("TZif".utf8) else { throw fail("not a TZif file") }
        let v = try r.byte(fail)
        version = v == 0 ? 1 : Int(v) - 0x30
        try r.skip(15, fail)
        isUTCCount = Int(try r.signed(4, fail))
        isStdCount = Int(try r.signed(4, fail))
        leapCount = Int(try r.signed(4, fail))
        timeCount = Int(try r.signed(4, fail))
        typeCount = Int(try r.signed(4, fail))
        charCount = Int(try r.signed(4, fail))
        guard [isUTCCount, isStdCount, leapCount, timeCount, typeCount, charCount].allSatisfy({ $0 >= 0 && $0 < 1_000_000 })
        else { throw fail("bad counts") }
    }

    func bodyLength(timeSize: Int) -> Int {
        timeCount * timeSize + timeCount + typeCount * 6 + charCount + leapCount * (timeSize + 4) + isStdCount + isUTCCount
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var remaining: ArraySlice<UInt8> { bytes[position...] }

    mutating func take(_ n: Int, _ fail: (String) -> ZoneInfoError) throws -> ArraySlice<UInt8> {
        guard n >= 0, position + n <= bytes.count else { throw fail("truncated") }
        defer { position += n }
        return bytes[position..<position + n]
    }
    mutating func skip(_ n: Int, _ fail: (String) -> ZoneInfoError) throws { _ = try take(n, fail) }
    mutating func byte(_ fail: (String) -> ZoneInfoError) throws -> UInt8 { try take(1, fail).first! }
    /// A big-endian two's-complement integer of 4 or 8 bytes.
    mutating func signed(_ size: Int, _ fail: (String) -> ZoneInfoError) throws -> Int64 {
        var v: UInt64 = 0
        for b in try take(size, fail) { v = v << 8 | UInt64(b) }
        if size == 4 { return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: v))) }
        return Int64(bitPattern: v)
    }
}
