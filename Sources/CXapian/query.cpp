#include "internal.h"

#include <set>

using cxapian::guarded;
using cxapian::make_string;
using cxapian::str;

namespace {
CXapianQuery *wrap(Xapian::Query q) {
    auto handle = std::make_unique<CXapianQuery>();
    handle->query = std::move(q);
    return handle.release();
}
} // namespace

extern "C" {

CXapianQuery *CXapian_query_new_empty(CXapianError *error) noexcept {
    return guarded(error, (CXapianQuery *)nullptr, [] { return wrap(Xapian::Query()); });
}

CXapianQuery *CXapian_query_new_match_all(CXapianError *error) noexcept {
    // A query of its own, not a copy of the global `Query::MatchAll`: copying bumps that
    // object's reference count, which is not atomic, so searches on two threads raced on it
    // (ThreadSanitizer; once a heap corruption in FaultTests.test11). `Query(string())` is
    // what MatchAll is: the empty term matches every document.
    return guarded(error, (CXapianQuery *)nullptr, [] { return wrap(Xapian::Query(std::string())); });
}

CXapianQuery *CXapian_query_new_term(const char *term, size_t len, uint32_t wqf, CXapianError *error) noexcept {
    return guarded(error, (CXapianQuery *)nullptr, [&] { return wrap(Xapian::Query(str(term, len), wqf)); });
}

CXapianQuery *CXapian_query_new_combine(int32_t op, const CXapianQuery *const *subqueries, size_t count, uint32_t window, CXapianError *error) noexcept {
    return guarded(error, (CXapianQuery *)nullptr, [&] {
        std::vector<Xapian::Query> parts;
        parts.reserve(count);
        for (size_t i = 0; i < count; ++i) parts.push_back(subqueries[i]->query);
        return wrap(Xapian::Query(static_cast<Xapian::Query::op>(op), parts.begin(), parts.end(), window));
    });
}

CXapianQuery *CXapian_query_new_value_range(uint32_t slot, const char *begin, size_t begin_len, const char *end, size_t end_len, CXapianError *error) noexcept {
    return guarded(error, (CXapianQuery *)nullptr, [&] {
        return wrap(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, str(begin, begin_len), str(end, end_len)));
    });
}

CXapianQuery *CXapian_query_new_scaled(const CXapianQuery *query, double factor, CXapianError *error) noexcept {
    return guarded(error, (CXapianQuery *)nullptr, [&] {
        return wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query->query, factor));
    });
}

CXapianQuery *CXapian_query_new_wildcard(const char *pattern, size_t len, uint32_t max_expansion, CXapianError *error) noexcept {
    return guarded(error, (CXapianQuery *)nullptr, [&] {
        return wrap(Xapian::Query(Xapian::Query::OP_WILDCARD, str(pattern, len), max_expansion,
                                  Xapian::Query::WILDCARD_LIMIT_ERROR));
    });
}

CXapianQuery *CXapian_query_new_fixed_weight(double weight, CXapianError *error) noexcept {
    return guarded(error, (CXapianQuery *)nullptr, [&] {
        auto *source = new Xapian::FixedWeightPostingSource(weight);
        return wrap(Xapian::Query(source->release()));
    });
}

void CXapian_query_free(CXapianQuery *query) noexcept { delete query; }

bool CXapian_query_is_empty(const CXapianQuery *query) noexcept {
    try { return query->query.empty(); } catch (...) { return true; }
}

CXapianString CXapian_query_serialise(const CXapianQuery *query, CXapianError *error) noexcept {
    return guarded(error, CXapianString{nullptr, 0}, [&] { return make_string(query->query.serialise()); });
}

CXapianQuery *CXapian_query_unserialise(const char *data, size_t len, CXapianError *error) noexcept {
    return guarded(error, (CXapianQuery *)nullptr, [&] { return new CXapianQuery{Xapian::Query::unserialise(str(data, len))}; });
}

CXapianString CXapian_query_description(const CXapianQuery *query) noexcept {
    try { return make_string(query->query.get_description()); } catch (...) { return CXapianString{nullptr, 0}; }
}

CXapianTermList *CXapian_query_terms(const CXapianQuery *query, CXapianError *error) noexcept {
    return guarded(error, (CXapianTermList *)nullptr, [&] {
        auto list = std::make_unique<CXapianTermList>();
        std::set<std::string> seen;
        for (auto it = query->query.get_terms_begin(); it != query->query.get_terms_end(); ++it) {
            if (seen.insert(*it).second) list->entries.emplace_back(*it, 0);
        }
        return list.release();
    });
}

} // extern "C"
