// swift-tools-version: 6.1
// Benchmarks for bulletin, kept out of the root package so `make test` never builds them.
// Run with `make bench` from the repository root (see docs/benchmarks.md).
import PackageDescription

// SwiftPM names a path dependency after its folder, not its manifest: the root package is
// "main" in /work/main but has another name in a clone elsewhere.
let rootPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init)?.lowercased() ?? "bulletin"

let package = Package(
    name: "BulletinBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        // ordo-one/benchmark is the package's current name (formerly package-benchmark).
        // Only the MallocInterposer trait: the default RuntimeInterposer trait pulls in a
        // package that is not available here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // `make bench`'s in-process query timer (tools/bench/bench.py runs it beside rawxapian).
        .executableTarget(
            name: "QueryBench",
            dependencies: [.product(name: "BulletinSearch", package: rootPackage)],
            path: "QueryBench"
        ),
        .executableTarget(
            name: "BulletinBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "BulletinSearch", package: rootPackage),
            ],
            path: "Benchmarks/BulletinBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
