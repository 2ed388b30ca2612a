#include "internal.h"

using cxapian::guarded;
using cxapian::guarded_void;
using cxapian::make_string;
using cxapian::str;

extern "C" {

CXapianDocument *CXapian_document_new(CXapianError *error) noexcept {
    return guarded(error, (CXapianDocument *)nullptr, [] { return new CXapianDocument(); });
}

void CXapian_document_free(CXapianDocument *doc) noexcept { delete doc; }

uint32_t CXapian_document_docid(const CXapianDocument *doc) noexcept {
    try { return doc->doc.get_docid(); } catch (...) { return 0; }
}

bool CXapian_document_set_data(CXapianDocument *doc, const char *data, size_t len, CXapianError *error) noexcept {
    return guarded_void(error, [&] { doc->doc.set_data(str(data, len)); });
}

CXapianString CXapian_document_get_data(const CXapianDocument *doc, CXapianError *error) noexcept {
    return guarded(error, CXapianString{nullptr, 0}, [&] { return make_string(doc->doc.get_data()); });
}

bool CXapian_document_add_term(CXapianDocument *doc, const char *term, size_t len, uint32_t wdf_inc, CXapianError *error) noexcept {
    return guarded_void(error, [&] { doc->doc.add_term(str(term, len), wdf_inc); });
}

bool CXapian_document_add_boolean_term(CXapianDocument *doc, const char *term, size_t len, CXapianError *error) noexcept {
    return guarded_void(error, [&] { doc->doc.add_boolean_term(str(term, len)); });
}

bool CXapian_document_set_value(CXapianDocument *doc, uint32_t slot, const char *value, size_t len, CXapianError *error) noexcept {
    return guarded_void(error, [&] { doc->doc.add_value(slot, str(value, len)); });
}

CXapianString CXapian_document_get_value(const CXapianDocument *doc, uint32_t slot, CXapianError *error) noexcept {
    return guarded(error, CXapianString{nullptr, 0}, [&] { return make_string(doc->doc.get_value(slot)); });
}

CXapianTermList *CXapian_document_terms(const CXapianDocument *doc, const char *prefix, size_t prefix_len, CXapianError *error) noexcept {
    return guarded(error, (CXapianTermList *)nullptr, [&] {
        auto list = std::make_unique<CXapianTermList>();
        std::string p = str(prefix, prefix_len);
        auto it = doc->doc.termlist_begin();
        auto end = doc->doc.termlist_end();
        if (!p.empty()) it.skip_to(p);
        for (; it != end; ++it) {
            std::string term = *it;
            if (term.compare(0, p.size(), p) != 0) break;
            list->entries.emplace_back(term, it.get_wdf());
        }
        return list.release();
    });
}

} // extern "C"
