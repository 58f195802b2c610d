// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "seminar",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "seminar", targets: ["seminar"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // LaTeX in abstracts: lexer, parser, checker, plain-text and HTML renderings. Pure Swift.
        .target(name: "LaTeX"),
        // The talk archive: model, JSON loading with positioned diagnostics, time zones, the store.
        // (It borrows the LaTeX module's edit distance for its did-you-mean hints.)
        .target(name: "SeminarArchive", dependencies: ["LaTeX"]),
        // Pure writers: talks in, bytes out (Atom, RSS, ...), on libxml2's xmlTextWriter.
        .target(name: "SeminarFeeds", dependencies: ["SeminarArchive", "LaTeX", "CLibXML2"]),
        // Checking and publishing: load, check, render every document, write atomically, snapshots.
        .target(
            name: "SeminarPublisher",
            dependencies: [
                "SeminarArchive", "SeminarFeeds", "LaTeX",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The command-line tool.
        .executableTarget(
            name: "seminar",
            dependencies: [
                "SeminarPublisher", "SeminarArchive", "SeminarFeeds", "LaTeX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput of the LaTeX checker and renderers, for scripts/bench.
        .executableTarget(name: "latex-bench", dependencies: ["LaTeX"]),
        .testTarget(name: "LaTeXTests", dependencies: ["LaTeX", "FeedTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SeminarArchiveTests", dependencies: ["SeminarArchive", "FeedTestSupport"], resources: [.copy("Fixtures")]),
        // What the test suites share: libxml2 read-back, the RFC 4287 schema, Python clients.
        .target(
            name: "FeedTestSupport",
            dependencies: ["CLibXML2", "LaTeX"],
            path: "Tests/FeedTestSupport",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SeminarFeedsTests",
            dependencies: ["SeminarFeeds", "SeminarArchive", "LaTeX", "CLibXML2", "FeedTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SeminarPublisherTests",
            dependencies: ["SeminarPublisher", "SeminarFeeds", "SeminarArchive", "CLibXML2", "FeedTestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
