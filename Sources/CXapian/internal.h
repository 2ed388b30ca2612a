// Private to the shim: the structs behind the opaque handles and the one catch-and-classify
// helper every exported function goes through.
#pragma once

#include <xapian.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "CXapian.h"

struct CXapianDatabase {
    // A WritableDatabase is a Database; `writable` is non-null when opened for writing.
    std::unique_ptr<Xapian::Database> db;
    Xapian::WritableDatabase *writable = nullptr;
};
struct CXapianDocument { Xapian::Document doc; };
struct CXapianStem { Xapian::Stem stem; };
struct CXapianStopper {
    // SimpleStopper is not copyable; keep the words and build one per TermGenerator/QueryParser.
    std::vector<std::string> words;
    Xapian::SimpleStopper lookup;
    Xapian::Stopper *make_released() const {
        auto *copy = new Xapian::SimpleStopper(words.begin(), words.end());
        return copy->release();
    }
};
struct CXapianTermGenerator { Xapian::TermGenerator tg; };
struct CXapianQuery { Xapian::Query query; };
struct CXapianQueryParser { Xapian::QueryParser qp; };
struct CXapianEnquire {
    Xapian::Enquire enquire;
    Xapian::Database db;
    explicit CXapianEnquire(const Xapian::Database &db) : enquire(db), db(db) {}
};
struct CXapianMSet {
    Xapian::MSet mset;
    // For snippet.cpp: the query and database the MSet came from, and the background
    // relevance of the words its snippets met (as Xapian keeps it, per MSet).
    bool from_query = false;
    Xapian::Query query;
    Xapian::Database db;
    mutable std::unordered_map<std::string, double> background;
};
struct CXapianESet { Xapian::ESet eset; };
struct CXapianSpellingBatch {
    // A document's terms are distinct: they are listed (no hashing) and summed by word only
    // when merged into a batch or added to a database.
    std::vector<std::pair<std::string, uint64_t>> listed;
    std::unordered_map<std::string, uint64_t> counts;
    void fold() {
        for (auto &entry : listed) counts[entry.first] += entry.second;
        listed.clear();
    }
};
struct CXapianTermList { std::vector<std::pair<std::string, Xapian::doccount>> entries; };

/// A database's facet slots read once and kept as numbers: per slot, each document's parts as
/// ids into `names` (parts[offsets[did] ..< offsets[did + 1]]). Immutable once built, so any
/// number of threads may count with it at once; it answers for one revision of one database.
struct CXapianFacetColumn {
    struct Slot {
        Xapian::valueno slot = 0;
        std::vector<uint32_t> offsets;
        std::vector<uint32_t> parts;
    };
    std::vector<Slot> slots;
    std::vector<std::string> names;
    Xapian::rev revision = 0;
    std::string uuid;
};

struct CXapianValueCountSpy { Xapian::ValueCountMatchSpy spy; explicit CXapianValueCountSpy(Xapian::valueno slot) : spy(slot) {} };

namespace cxapian {

inline std::string str(const char *p, size_t n) { return p ? std::string(p, n) : std::string(); }

/// A malloc'd copy for Swift; {NULL, 0} when allocation fails.
CXapianString make_string(const std::string &s) noexcept;

/// Fills `error` from the exception being handled (call only inside a catch block).
void classify_current_exception(CXapianError *error) noexcept;

/// Runs `body`, turning any exception into an error code and message; returns `fallback`
/// on failure. Every exported function goes through here.
template <typename R, typename F>
R guarded(CXapianError *error, R fallback, F &&body) noexcept {
    if (error) { CXapian_error_clear(error); }
    try {
        return body();
    } catch (...) {
        classify_current_exception(error);
        return fallback;
    }
}

/// For void bodies: returns true on success.
template <typename F>
bool guarded_void(CXapianError *error, F &&body) noexcept {
    return guarded(error, false, [&] { body(); return true; });
}

} // namespace cxapian
