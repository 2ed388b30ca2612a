// swift-tools-version:6.0
import PackageDescription

// The executables' ~78 000 relative relocations packed (DT_RELR, glibc >= 2.36) by the
// toolchain's lld: the dynamic loader reads a 15 KB table instead of a 1.8 MB one at every
// process start (`bulletin --version`: 3.8 -> 3.3 ms of CPU, `perf stat -r 40`, quiet machine).
// The binaries stay position-independent (ASLR); a non-PIE link (no relocations, 380 page
// faults instead of 600) saved about as much again and was not taken for that reason.
let packedRelocations: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux])),
]

let package = Package(
    name: "bulletin",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bulletin", targets: ["bulletin"]),
        .executable(name: "bulletin-serve", targets: ["bulletin-serve"]),
        .library(name: "BulletinSearch", targets: ["BulletinSearch"]),
        .library(name: "Xapian", targets: ["Xapian"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // RFC 4180 CSV writing (and reading, in tests).
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        // `bulletin serve`: the HTTP server and its in-process test client.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        // libxapian via pkg-config; only a module map and a header include.
        .systemLibrary(
            name: "CXapianCore",
            pkgConfig: "xapian-core",
            providers: [.apt(["libxapian-dev"])]
        ),
        // zlib via pkg-config (stored data deflated with a dictionary trained per index).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // C++ shim: a C header over Xapian; every Xapian exception stops here.
        .target(
            name: "CXapian",
            dependencies: ["CXapianCore"],
            cxxSettings: [.unsafeFlags(["-std=c++17"])],
            linkerSettings: [.linkedLibrary("xapian"), .linkedLibrary("stdc++")]
        ),
        // Safe Swift wrapper, nothing bulletin-specific.
        .target(name: "Xapian", dependencies: ["CXapian"]),
        // Parsing, extraction, schema, indexer, searcher, renderers.
        .target(name: "BulletinSearch", dependencies: ["Xapian", "CZlib", .product(name: "CSV", package: "CSV.swift")]),
        // `bulletin serve`: JSON API and the search page (HTML/CSS/JS embedded in the binary).
        .target(
            name: "BulletinServer",
            dependencies: [
                "BulletinSearch",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            resources: [
                .embedInCode("Web/index.html"),
                .embedInCode("Web/app.js"),
                .embedInCode("Web/style.css"),
                .embedInCode("Web/openapi.json"),
            ]
        ),
        // The CLI, thin. It links no web stack: `bulletin serve` execs `bulletin-serve`.
        .executableTarget(
            name: "bulletin",
            dependencies: [
                "BulletinSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: packedRelocations
        ),
        // `bulletin serve`: its own binary, so that every short `bulletin search` process does
        // not load Hummingbird and NIO (a third of the binary, 2-3 ms a process).
        .executableTarget(
            name: "bulletin-serve",
            dependencies: [
                "BulletinSearch",
                "BulletinServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: packedRelocations
        ),
        .testTarget(name: "XapianTests", dependencies: ["Xapian"]),
        .testTarget(name: "BulletinSearchTests", dependencies: ["BulletinSearch", "Xapian", .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(name: "CLITests", dependencies: ["bulletin"]),
        .testTarget(name: "ServerTests", dependencies: [
            "BulletinServer", "BulletinSearch", "bulletin", "bulletin-serve",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
