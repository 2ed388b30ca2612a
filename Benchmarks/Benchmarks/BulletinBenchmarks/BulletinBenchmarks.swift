// bulletin's benchmark suite (ordo-one/benchmark). Run it with `make bench` from the
// repository root; docs/benchmarks.md has the figures and how to read them.
//
// Inputs are made by tools/bench/make-corpus.py under <repo>/.bench/ (never committed):
// the 20 000-bulletin corpus (BULLETIN_BENCH_DOCS picks another size), and the index built
// from it once and reused across runs (delete .bench/index-N.stamp to rebuild it).

import Benchmark
import BulletinSearch
import Foundation

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 0,
        maxDuration: .seconds(10),
        maxIterations: 1_000
    )

    // MARK: Indexing

    Benchmark(
        "Indexing: \(Bench.indexDocuments) docs into a fresh index",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, BenchMetric.docsPerSecond, BenchMetric.kilobytesPerSecond, BenchMetric.microsecondsPerDoc],
            timeUnits: .milliseconds,
            warmupIterations: 0,
            maxDuration: .seconds(40),
            maxIterations: 5
        )
    ) { benchmark in
        let sample = Bench.shared.sample
        let directory = Bench.scratch.appendingPathComponent("index-run-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        benchmark.startMeasurement()
        let start = ContinuousClock.now
        do {
            let indexer = try Indexer(options: IndexOptions(indexPath: directory))
            let summary = try indexer.index(sample.paths)
            indexer.close()
            precondition(summary.indexed == sample.paths.count, "indexed \(summary.indexed) of \(sample.paths.count): \(summary.failures.prefix(3))")
        } catch {
            benchmark.error("indexing failed: \(error)")
        }
        let seconds = Bench.seconds(ContinuousClock.now - start)
        benchmark.stopMeasurement()

        benchmark.measurement(BenchMetric.docsPerSecond, Int((Double(sample.paths.count) / seconds).rounded()))
        benchmark.measurement(BenchMetric.kilobytesPerSecond, Int((Double(sample.bytes) / 1_000 / seconds).rounded()))
        benchmark.measurement(BenchMetric.microsecondsPerDoc, Int((seconds * 1e6 / Double(sample.paths.count)).rounded()))
    } setup: {
        _ = Bench.shared.sample
    }

    // MARK: Extraction

    Benchmark(
        "Extraction: MetadataExtractor over \(Bench.indexDocuments) docs in memory",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, BenchMetric.kilobytesPerSecond, BenchMetric.docsPerSecond],
            timeUnits: .milliseconds,
            warmupIterations: 1,
            maxDuration: .seconds(15),
            maxIterations: 20
        )
    ) { benchmark in
        let sample = Bench.shared.sample
        benchmark.startMeasurement()
        let start = ContinuousClock.now
        for (text, path) in zip(sample.texts, sample.relativePaths) {
            blackHole(MetadataExtractor.extract(text: text, path: path))
        }
        let seconds = Bench.seconds(ContinuousClock.now - start)
        benchmark.stopMeasurement()
        benchmark.measurement(BenchMetric.kilobytesPerSecond, Int((Double(sample.bytes) / 1_000 / seconds).rounded()))
        benchmark.measurement(BenchMetric.docsPerSecond, Int((Double(sample.texts.count) / seconds).rounded()))
    } setup: {
        _ = Bench.shared.sample
    }

    // MARK: Query latency at 20k documents

    for query in BenchQuery.all {
        Benchmark(
            "Query (\(Bench.corpusSize / 1_000)k docs): \(query.name)",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .throughput],
                timeUnits: .microseconds,
                warmupIterations: 20,
                maxDuration: .seconds(8),
                maxIterations: 3_000
            )
        ) { benchmark in
            let searcher = Bench.shared.searcher
            for _ in benchmark.scaledIterations {
                do {
                    blackHole(try searcher.search(query.request))
                } catch {
                    benchmark.error("search \(query.name) failed: \(error)")
                }
            }
        } setup: {
            _ = Bench.shared.searcher
        }
    }
}

// MARK: - Metrics and queries

enum BenchMetric {
    static let docsPerSecond = BenchmarkMetric.custom("docs/s", polarity: .prefersLarger, useScalingFactor: false)
    static let kilobytesPerSecond = BenchmarkMetric.custom("KB/s (text)", polarity: .prefersLarger, useScalingFactor: false)
    static let microsecondsPerDoc = BenchmarkMetric.custom("µs/doc (wall)", polarity: .prefersSmaller, useScalingFactor: false)
}

struct BenchQuery: Sendable {
    var name: String
    var request: SearchRequest

    static let all: [BenchQuery] = [
        BenchQuery(name: "1 word", request: SearchRequest(query: "контракт")),
        BenchQuery(name: "4-word analyst query (any word)", request: SearchRequest(query: "поставка зенитных ракетных комплексов")),
        BenchQuery(name: "phrase", request: SearchRequest(query: "\"военно-техническое сотрудничество\"")),
        BenchQuery(name: "filter only (country IN, type delivery, newest)", request: {
            var request = SearchRequest(query: "")
            request.filters.countries = ["IN"]
            request.filters.types = ["delivery"]
            request.sort = .newest
            return request
        }()),
        BenchQuery(name: "words + facets", request: {
            var request = SearchRequest(query: "контракт на поставку истребителей")
            request.facets = true
            return request
        }()),
    ]
}

// MARK: - Inputs under <repo>/.bench

/// Paths, the corpus sample and the reused 20k index. Built on first use, once per process.
final class Bench: @unchecked Sendable {
    /// 20 000 unless BULLETIN_BENCH_DOCS says otherwise (`make bench-micro N=100000`).
    static let corpusSize: Int = {
        let value = ProcessInfo.processInfo.environment["BULLETIN_BENCH_DOCS"] ?? ""
        return Int(value).flatMap { $0 >= indexDocuments ? $0 : nil } ?? 20_000
    }()
    static let indexDocuments = 2_000

    /// <repo>: four levels above this file (Benchmarks/Benchmarks/BulletinBenchmarks/…).
    static let root: URL = {
        if let dir = ProcessInfo.processInfo.environment["BULLETIN_ROOT"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 4 { url.deleteLastPathComponent() }
        return url
    }()
    static let scratch = root.appendingPathComponent(".bench")
    static let corpus = scratch.appendingPathComponent("corpus-\(corpusSize)")
    static let index = scratch.appendingPathComponent("index-\(corpusSize)")

    static let shared = Bench()

    struct Sample {
        /// Every 10th file of the sorted corpus (spread over all years).
        var paths: [String]
        var relativePaths: [String]
        var texts: [String]
        var bytes: Int
    }

    lazy var sample: Sample = Self.loadSample()
    lazy var searcher: Searcher = Self.openSearcher()

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("bulletin-bench: \(message)\n".utf8))
        exit(1)
    }

    /// Runs tools/bench/make-corpus.py (it does nothing when the corpus is complete).
    static func ensureCorpus() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("tools/bench/make-corpus.py").path,
                             "--count", String(corpusSize), "--out", corpus.path, "--quiet"]
        do { try process.run() } catch { fail("cannot run make-corpus.py: \(error)") }
        process.waitUntilExit()
        if process.terminationStatus != 0 { fail("make-corpus.py failed") }
    }

    static func corpusFiles() -> [String] {
        ensureCorpus()
        guard let enumerator = FileManager.default.enumerator(atPath: corpus.path) else { fail("no corpus at \(corpus.path)") }
        var files: [String] = []
        while let name = enumerator.nextObject() as? String {
            if name.hasSuffix(".txt") { files.append(name) }
        }
        return files.sorted()
    }

    static func loadSample() -> Sample {
        let all = corpusFiles()
        guard all.count >= indexDocuments else { fail("corpus has \(all.count) files, need \(indexDocuments)") }
        let step = all.count / indexDocuments
        let relative = (0 ..< indexDocuments).map { all[$0 * step] }
        let paths = relative.map { corpus.appendingPathComponent($0).path }
        var texts: [String] = []
        var bytes = 0
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
            bytes += data.count
            texts.append(String(decoding: data, as: UTF8.self))
        }
        return Sample(paths: paths, relativePaths: relative, texts: texts, bytes: bytes)
    }

    /// The stamp that says which corpus and schema `.bench/index-20000` was built from.
    static func indexStamp() -> String {
        let corpusStamp = (try? String(contentsOf: corpus.appendingPathComponent(".bench-corpus"), encoding: .utf8)) ?? "?"
        return "schema=\(IndexSchema.version) \(corpusStamp)"
    }

    /// Opens `.bench/index-20000`, building it first when it is missing or stale.
    static func openSearcher() -> Searcher {
        ensureCorpus()
        let stampURL = scratch.appendingPathComponent("index-\(corpusSize).stamp")
        let stamp = indexStamp()
        let current = (try? String(contentsOf: stampURL, encoding: .utf8)) == stamp
        if current, let searcher = try? Searcher(indexPath: index.path), (try? searcher.documentCount()) ?? 0 > 0 {
            return searcher
        }
        try? FileManager.default.removeItem(at: stampURL)
        try? FileManager.default.removeItem(at: index)
        FileHandle.standardError.write(Data("bulletin-bench: building \(index.path) from \(corpus.path) (once)\n".utf8))
        do {
            let indexer = try Indexer(options: IndexOptions(indexPath: index.path))
            let summary = try indexer.index([corpus.path])
            indexer.close()
            FileHandle.standardError.write(Data("bulletin-bench: \(summary.line)\n".utf8))
            try stamp.write(to: stampURL, atomically: true, encoding: .utf8)
            return try Searcher(indexPath: index.path)
        } catch {
            fail("cannot build or open \(index.path): \(error)")
        }
    }
}
