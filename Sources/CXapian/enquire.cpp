#include "internal.h"

#include <algorithm>


using cxapian::guarded;
using cxapian::guarded_void;
using cxapian::make_string;
using cxapian::str;

namespace {
const Xapian::MSetIterator item(const CXapianMSet *mset, uint32_t index) {
    if (index >= mset->mset.size()) throw Xapian::RangeError("MSet index out of range");
    return mset->mset[index];
}

/// Skips terms whose first byte is one of the given prefix bytes (boolean/unique terms).
class PrefixExpandDecider : public Xapian::ExpandDecider {
  public:
    explicit PrefixExpandDecider(std::string skip) : skip_(std::move(skip)) {}
    bool operator()(const std::string &term) const override {
        return !term.empty() && skip_.find(term[0]) == std::string::npos;
    }
  private:
    std::string skip_;
};
} // namespace

extern "C" {

CXapianEnquire *CXapian_enquire_new(CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded(error, (CXapianEnquire *)nullptr, [&] { return new CXapianEnquire(*db->db); });
}

void CXapian_enquire_free(CXapianEnquire *enquire) noexcept { delete enquire; }

bool CXapian_enquire_set_query(CXapianEnquire *enquire, const CXapianQuery *query, CXapianError *error) noexcept {
    return guarded_void(error, [&] { enquire->enquire.set_query(query->query); });
}

bool CXapian_enquire_set_sort_by_relevance(CXapianEnquire *enquire, CXapianError *error) noexcept {
    return guarded_void(error, [&] { enquire->enquire.set_sort_by_relevance(); });
}

bool CXapian_enquire_set_sort_by_value(CXapianEnquire *enquire, uint32_t slot, bool reverse, bool then_relevance, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        if (then_relevance) enquire->enquire.set_sort_by_value_then_relevance(slot, reverse);
        else enquire->enquire.set_sort_by_value(slot, reverse);
    });
}

bool CXapian_enquire_set_collapse_key(CXapianEnquire *enquire, uint32_t slot, uint32_t max, CXapianError *error) noexcept {
    return guarded_void(error, [&] { enquire->enquire.set_collapse_key(slot, max); });
}

bool CXapian_enquire_set_cutoff(CXapianEnquire *enquire, int32_t percent_cutoff, double weight_cutoff, CXapianError *error) noexcept {
    return guarded_void(error, [&] { enquire->enquire.set_cutoff(percent_cutoff, weight_cutoff); });
}

bool CXapian_enquire_set_weighting_bool(CXapianEnquire *enquire, CXapianError *error) noexcept {
    return guarded_void(error, [&] { enquire->enquire.set_weighting_scheme(Xapian::BoolWeight()); });
}

bool CXapian_enquire_set_docid_order(CXapianEnquire *enquire, int32_t order, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        switch (order) {
            case 0: enquire->enquire.set_docid_order(Xapian::Enquire::ASCENDING); break;
            case 1: enquire->enquire.set_docid_order(Xapian::Enquire::DESCENDING); break;
            case 2: enquire->enquire.set_docid_order(Xapian::Enquire::DONT_CARE); break;
            default: throw Xapian::InvalidArgumentError("docid order must be 0, 1 or 2");
        }
    });
}

bool CXapian_enquire_add_valuecountspy(CXapianEnquire *enquire, CXapianValueCountSpy *spy, CXapianError *error) noexcept {
    return guarded_void(error, [&] { enquire->enquire.add_matchspy(&spy->spy); });
}

bool CXapian_enquire_clear_matchspies(CXapianEnquire *enquire, CXapianError *error) noexcept {
    return guarded_void(error, [&] { enquire->enquire.clear_matchspies(); });
}

CXapianMSet *CXapian_enquire_get_mset(CXapianEnquire *enquire, uint32_t first, uint32_t maxitems, uint32_t check_at_least, CXapianError *error) noexcept {
    return guarded(error, (CXapianMSet *)nullptr, [&] {
        auto handle = std::make_unique<CXapianMSet>();
        handle->mset = enquire->enquire.get_mset(first, maxitems, check_at_least);
        handle->query = enquire->enquire.get_query();
        handle->db = enquire->db;
        handle->from_query = true;
        return handle.release();
    });
}

CXapianESet *CXapian_enquire_get_eset(CXapianEnquire *enquire, const uint32_t *docids, size_t count, uint32_t maxitems, const char *skip_prefix_bytes, size_t skip_len, CXapianError *error) noexcept {
    return guarded(error, (CXapianESet *)nullptr, [&] {
        Xapian::RSet rset;
        for (size_t i = 0; i < count; ++i) rset.add_document(docids[i]);
        PrefixExpandDecider decider(str(skip_prefix_bytes, skip_len));
        auto handle = std::make_unique<CXapianESet>();
        handle->eset = enquire->enquire.get_eset(maxitems, rset, &decider);
        return handle.release();
    });
}

void CXapian_mset_free(CXapianMSet *mset) noexcept { delete mset; }
uint32_t CXapian_mset_size(const CXapianMSet *mset) noexcept { return mset->mset.size(); }
uint32_t CXapian_mset_matches_estimated(const CXapianMSet *mset) noexcept { return mset->mset.get_matches_estimated(); }
uint32_t CXapian_mset_matches_lower_bound(const CXapianMSet *mset) noexcept { return mset->mset.get_matches_lower_bound(); }
uint32_t CXapian_mset_matches_upper_bound(const CXapianMSet *mset) noexcept { return mset->mset.get_matches_upper_bound(); }

uint32_t CXapian_mset_docid(const CXapianMSet *mset, uint32_t index, CXapianError *error) noexcept {
    return guarded(error, 0u, [&] { return (uint32_t)*item(mset, index); });
}

uint32_t CXapian_mset_rank(const CXapianMSet *mset, uint32_t index, CXapianError *error) noexcept {
    return guarded(error, 0u, [&] { return (uint32_t)item(mset, index).get_rank(); });
}

double CXapian_mset_weight(const CXapianMSet *mset, uint32_t index, CXapianError *error) noexcept {
    return guarded(error, 0.0, [&] { return item(mset, index).get_weight(); });
}

int32_t CXapian_mset_percent(const CXapianMSet *mset, uint32_t index, CXapianError *error) noexcept {
    return guarded(error, 0, [&] { return (int32_t)item(mset, index).get_percent(); });
}

uint32_t CXapian_mset_collapse_count(const CXapianMSet *mset, uint32_t index, CXapianError *error) noexcept {
    return guarded(error, 0u, [&] { return (uint32_t)item(mset, index).get_collapse_count(); });
}

CXapianDocument *CXapian_mset_document(const CXapianMSet *mset, uint32_t index, CXapianError *error) noexcept {
    return guarded(error, (CXapianDocument *)nullptr, [&] {
        auto doc = std::make_unique<CXapianDocument>();
        doc->doc = item(mset, index).get_document();
        return doc.release();
    });
}

CXapianString CXapian_mset_snippet(const CXapianMSet *mset, const char *text, size_t len, size_t length, const CXapianStem *stem, uint32_t flags, const char *hi_start, size_t hi_start_len, const char *hi_end, size_t hi_end_len, const char *omit, size_t omit_len, CXapianError *error) noexcept {
    return guarded(error, CXapianString{nullptr, 0}, [&] {
        Xapian::Stem stemmer = stem ? stem->stem : Xapian::Stem();
        return make_string(mset->mset.snippet(str(text, len), length, stemmer, flags,
                                              str(hi_start, hi_start_len), str(hi_end, hi_end_len),
                                              str(omit, omit_len)));
    });
}

void CXapian_eset_free(CXapianESet *eset) noexcept { delete eset; }
uint32_t CXapian_eset_size(const CXapianESet *eset) noexcept { return eset->eset.size(); }

CXapianString CXapian_eset_term(const CXapianESet *eset, uint32_t index) noexcept {
    try {
        if (index >= eset->eset.size()) return CXapianString{nullptr, 0};
        return make_string(*(eset->eset.begin() + index));
    } catch (...) { return CXapianString{nullptr, 0}; }
}

double CXapian_eset_weight(const CXapianESet *eset, uint32_t index) noexcept {
    try {
        if (index >= eset->eset.size()) return 0;
        return (eset->eset.begin() + index).get_weight();
    } catch (...) { return 0; }
}

CXapianValueCountSpy *CXapian_valuecountspy_new(uint32_t slot, CXapianError *error) noexcept {
    return guarded(error, (CXapianValueCountSpy *)nullptr, [&] { return new CXapianValueCountSpy(slot); });
}

void CXapian_valuecountspy_free(CXapianValueCountSpy *spy) noexcept { delete spy; }

uint32_t CXapian_valuecountspy_total(const CXapianValueCountSpy *spy) noexcept {
    try { return (uint32_t)spy->spy.get_total(); } catch (...) { return 0; }
}

CXapianTermList *CXapian_valuecountspy_values(const CXapianValueCountSpy *spy, CXapianError *error) noexcept {
    return guarded(error, (CXapianTermList *)nullptr, [&] {
        auto list = std::make_unique<CXapianTermList>();
        for (auto it = spy->spy.values_begin(); it != spy->spy.values_end(); ++it) list->entries.emplace_back(*it, it.get_termfreq());
        return list.release();
    });
}

} // extern "C"
