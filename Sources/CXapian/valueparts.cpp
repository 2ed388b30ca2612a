// Counting the parts of multi-valued value slots over every match (facets).
//
// A slot holds several values joined by a separator byte ("cBY\ncRU\nt..."). The counts are
// exact either way; two ways to get them:
// - locally, PartCountSpy: one MatchSpy that reads each slot once per match and counts the
//   parts in an open-addressing table (no std::map of whole values, no string per part);
// - when a shard is remote (a stock xapian-tcpsrv only runs built-in spies, and Xapian raises
//   UnimplementedError for any other), Xapian's ValueCountMatchSpy per slot, whose whole
//   values are split afterwards.
#include "internal.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

using cxapian::guarded;

namespace {

/// Counts byte strings. Parts of at most 16 bytes (country codes, years, type and source
/// names) live inline in an open-addressing table; longer ones in an unordered_map.
class PartCounter {
  public:
    PartCounter() : table_(256) {}

    void add(const char *p, size_t n) {
        if (n == 0) return;
        if (n > 16) { ++long_[std::string(p, n)]; return; }
        uint64_t a = 0, b = 0;
        std::memcpy(&a, p, n < 8 ? n : 8);
        if (n > 8) std::memcpy(&b, p + 8, n - 8);
        ++entry(a, b, (uint32_t)n).count;
    }

    void collect(std::vector<std::pair<std::string, Xapian::doccount>> &out) const {
        for (const Entry &e : table_)
            if (e.length != 0) out.emplace_back(bytes(e), e.count);
        for (const auto &kv : long_) out.emplace_back(kv.first, kv.second);
    }

  private:
    struct Entry { uint64_t a = 0, b = 0; uint32_t length = 0; uint32_t count = 0; };
    std::vector<Entry> table_;  // a power of two in size, at most half full
    size_t used_ = 0;
    std::unordered_map<std::string, Xapian::doccount> long_;

    static std::string bytes(const Entry &e) {
        char buffer[16];
        std::memcpy(buffer, &e.a, 8);
        std::memcpy(buffer + 8, &e.b, 8);
        return std::string(buffer, e.length);
    }

    /// The entry of the part (a, b, length), added with count 0 when new.
    Entry &entry(uint64_t a, uint64_t b, uint32_t length) {
        uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ (length * 0x165667B19E3779F9ull);
        h ^= h >> 32;
        for (size_t mask = table_.size() - 1, i = h & mask;; i = (i + 1) & mask) {
            Entry &e = table_[i];
            if (e.length == length && e.a == a && e.b == b) return e;
            if (e.length != 0) continue;
            if ((used_ + 1) * 2 > table_.size()) { grow(); return entry(a, b, length); }
            ++used_;
            e = Entry{a, b, length, 0};
            return e;
        }
    }

    void grow() {
        std::vector<Entry> old(table_.size() * 2);
        old.swap(table_);
        used_ = 0;
        for (const Entry &e : old)
            if (e.length != 0) entry(e.a, e.b, e.length).count = e.count;
    }
};

/// Splits `value` at `separator` and hands each non-empty part to `f`.
template <typename F>
void each_part(const std::string &value, char separator, F &&f) {
    const char *p = value.data(), *end = p + value.size();
    while (p < end) {
        const char *q = static_cast<const char *>(std::memchr(p, separator, end - p));
        if (!q) q = end;
        if (q > p) f(p, size_t(q - p));
        p = q + 1;
    }
}

/// The local spy: every slot read once per match, its parts counted.
class PartCountSpy : public Xapian::MatchSpy {
  public:
    PartCountSpy(std::vector<Xapian::valueno> slots, char separator) : slots_(std::move(slots)), separator_(separator) {}
    void operator()(const Xapian::Document &doc, double) override {
        for (Xapian::valueno slot : slots_) {
            const std::string value = doc.get_value(slot);
            if (!value.empty()) each_part(value, separator_, [&](const char *p, size_t n) { counter.add(p, n); });
        }
    }
    // name() is left to MatchSpy's, which raises UnimplementedError: what tells a remote shard.
    PartCounter counter;

  private:
    std::vector<Xapian::valueno> slots_;
    char separator_;
};

/// The counting pass with the spies `e` holds: they are removed afterwards, thrown or not
/// (they live on the caller's stack). `matches` receives the lower bound (may be NULL).
void run_count(Xapian::Enquire &e, Xapian::doccount check_at_least, uint32_t *matches) {
    Xapian::MSet mset;
    try {
        mset = e.get_mset(0, 0, check_at_least);
    } catch (...) {
        e.clear_matchspies();
        throw;
    }
    e.clear_matchspies();
    if (matches) *matches = mset.get_matches_lower_bound();
}


/// Groups parts by their first byte, most frequent first (ties in byte order), at most
/// `limit_per_group` each (0: all).
CXapianTermList *grouped(std::vector<std::pair<std::string, Xapian::doccount>> parts, uint32_t limit_per_group) {
    auto before = [](const std::pair<std::string, Xapian::doccount> &a, const std::pair<std::string, Xapian::doccount> &b) {
        if (a.first[0] != b.first[0]) return (unsigned char)a.first[0] < (unsigned char)b.first[0];
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    std::sort(parts.begin(), parts.end(), before);
    auto list = std::make_unique<CXapianTermList>();
    size_t in_group = 0;
    char previous_tag = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
        const char tag = parts[i].first[0];
        in_group = (i > 0 && tag == previous_tag) ? in_group + 1 : 0;
        previous_tag = tag;
        if (limit_per_group == 0 || in_group < limit_per_group) list->entries.push_back(std::move(parts[i]));
    }
    return list.release();
}

/// Numbers distinct parts 0, 1, 2, … in the order first seen.
struct PartIds {
    std::unordered_map<std::string, uint32_t> known;
    std::vector<std::string> names;
    uint32_t id(const char *p, size_t n) {
        auto inserted = known.emplace(std::string(p, n), uint32_t(names.size()));
        if (inserted.second) names.push_back(inserted.first->first);
        return inserted.first->second;
    }
};

/// The spy over a facet column: per match, one array increment per part it holds.
class ColumnSpy : public Xapian::MatchSpy {
  public:
    ColumnSpy(std::vector<const CXapianFacetColumn::Slot *> slots, size_t names) : slots_(std::move(slots)), counts(names, 0) {}
    void operator()(const Xapian::Document &doc, double) override {
        const Xapian::docid did = doc.get_docid();
        for (const CXapianFacetColumn::Slot *slot : slots_) {
            if (size_t(did) + 1 >= slot->offsets.size()) continue;
            for (uint32_t i = slot->offsets[did], end = slot->offsets[did + 1]; i < end; ++i) ++counts[slot->parts[i]];
        }
    }

  private:
    std::vector<const CXapianFacetColumn::Slot *> slots_;

  public:
    std::vector<Xapian::doccount> counts;
};

} // namespace

extern "C" {

CXapianTermList *CXapian_enquire_count_value_parts(CXapianEnquire *enquire, const uint32_t *slots, size_t nslots, char separator,
                                                   uint32_t check_at_least, uint32_t limit_per_group, uint32_t *matches,
                                                   bool *used_builtin, CXapianError *error) noexcept {
    return guarded(error, (CXapianTermList *)nullptr, [&] {
        std::vector<Xapian::valueno> wanted(slots, slots + nslots);
        std::vector<std::pair<std::string, Xapian::doccount>> parts;
        Xapian::Enquire &e = enquire->enquire;
        bool builtin = false;
        try {
            PartCountSpy spy(wanted, separator);
            e.add_matchspy(&spy);
            run_count(e, check_at_least, matches);
            spy.counter.collect(parts);
        } catch (const Xapian::UnimplementedError &) {
            // A remote shard: count with built-in spies, split the whole values here.
            builtin = true;
            std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
            for (Xapian::valueno slot : wanted) {
                spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
                e.add_matchspy(spies.back().get());
            }
            run_count(e, check_at_least, matches);
            std::unordered_map<std::string, Xapian::doccount> merged;
            for (const auto &spy : spies)
                for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
                    const Xapian::doccount n = it.get_termfreq();
                    each_part(*it, separator, [&](const char *p, size_t len) { merged[std::string(p, len)] += n; });
                }
            parts.assign(merged.begin(), merged.end());
        }
        if (used_builtin) *used_builtin = builtin;
        return grouped(std::move(parts), limit_per_group);
    });
}

CXapianFacetColumn *CXapian_facet_column_build(CXapianDatabase *db, const uint32_t *slots, size_t nslots, char separator,
                                               CXapianError *error) noexcept {
    return guarded(error, (CXapianFacetColumn *)nullptr, [&] {
        const Xapian::Database &d = *db->db;
        auto column = std::make_unique<CXapianFacetColumn>();
        column->revision = d.get_revision();  // one sub-database only: throws otherwise
        column->uuid = d.get_uuid();
        const Xapian::docid last = d.get_lastdocid();
        PartIds ids;
        for (size_t k = 0; k < nslots; ++k) {
            CXapianFacetColumn::Slot slot;
            slot.slot = slots[k];
            slot.offsets.assign(size_t(last) + 2, 0);
            // Documents come in id order; parts[offsets[did] ..< offsets[did + 1]].
            Xapian::docid filled = 0;
            for (Xapian::ValueIterator it = d.valuestream_begin(slot.slot); it != d.valuestream_end(slot.slot); ++it) {
                const Xapian::docid did = it.get_docid();
                if (did > last) break;
                for (Xapian::docid j = filled + 1; j <= did; ++j) slot.offsets[j] = uint32_t(slot.parts.size());
                each_part(*it, separator, [&](const char *p, size_t n) { slot.parts.push_back(ids.id(p, n)); });
                filled = did;
            }
            for (Xapian::docid j = filled + 1; j <= last + 1; ++j) slot.offsets[j] = uint32_t(slot.parts.size());
            column->slots.push_back(std::move(slot));
        }
        column->names = std::move(ids.names);
        return column.release();
    });
}

void CXapian_facet_column_free(CXapianFacetColumn *column) noexcept { delete column; }

uint64_t CXapian_facet_column_bytes(const CXapianFacetColumn *column) noexcept {
    uint64_t bytes = 0;
    for (const auto &slot : column->slots) bytes += slot.offsets.size() * 4 + slot.parts.size() * 4;
    for (const auto &name : column->names) bytes += name.size() + sizeof(std::string);
    return bytes;
}

bool CXapian_facet_column_matches(const CXapianFacetColumn *column, CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded(error, false, [&] {
        const Xapian::Database &d = *db->db;
        return d.get_revision() == column->revision && d.get_uuid() == column->uuid;
    });
}

CXapianTermList *CXapian_enquire_count_column(CXapianEnquire *enquire, const CXapianFacetColumn *column, const uint32_t *slots,
                                              size_t nslots, uint32_t check_at_least, uint32_t limit_per_group, uint32_t *matches,
                                              CXapianError *error) noexcept {
    return guarded(error, (CXapianTermList *)nullptr, [&] {
        std::vector<const CXapianFacetColumn::Slot *> wanted;
        for (size_t k = 0; k < nslots; ++k)
            for (const auto &slot : column->slots)
                if (slot.slot == slots[k]) wanted.push_back(&slot);
        if (wanted.size() != nslots) throw Xapian::InvalidArgumentError("facet column lacks a slot asked for");
        ColumnSpy spy(wanted, column->names.size());
        enquire->enquire.add_matchspy(&spy);
        run_count(enquire->enquire, check_at_least, matches);
        std::vector<std::pair<std::string, Xapian::doccount>> parts;
        for (size_t id = 0; id < spy.counts.size(); ++id)
            if (spy.counts[id] != 0) parts.emplace_back(column->names[id], spy.counts[id]);
        return grouped(std::move(parts), limit_per_group);
    });
}

} // extern "C"
