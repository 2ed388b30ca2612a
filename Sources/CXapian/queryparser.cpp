#include "internal.h"

using cxapian::guarded;
using cxapian::guarded_void;
using cxapian::make_string;
using cxapian::str;

extern "C" {

CXapianQueryParser *CXapian_queryparser_new(CXapianError *error) noexcept {
    return guarded(error, (CXapianQueryParser *)nullptr, [] { return new CXapianQueryParser(); });
}

void CXapian_queryparser_free(CXapianQueryParser *qp) noexcept { delete qp; }

bool CXapian_queryparser_set_stemmer(CXapianQueryParser *qp, const CXapianStem *stem, CXapianError *error) noexcept {
    return guarded_void(error, [&] { qp->qp.set_stemmer(stem->stem); });
}

bool CXapian_queryparser_set_stopper(CXapianQueryParser *qp, const CXapianStopper *stopper, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        qp->qp.set_stopper(stopper->make_released());
    });
}

bool CXapian_queryparser_set_stemming_strategy(CXapianQueryParser *qp, int32_t strategy, CXapianError *error) noexcept {
    return guarded_void(error, [&] { qp->qp.set_stemming_strategy(static_cast<Xapian::QueryParser::stem_strategy>(strategy)); });
}

bool CXapian_queryparser_set_default_op(CXapianQueryParser *qp, int32_t op, CXapianError *error) noexcept {
    return guarded_void(error, [&] { qp->qp.set_default_op(static_cast<Xapian::Query::op>(op)); });
}

bool CXapian_queryparser_set_database(CXapianQueryParser *qp, CXapianDatabase *db, CXapianError *error) noexcept {
    return guarded_void(error, [&] { qp->qp.set_database(*db->db); });
}

bool CXapian_queryparser_add_prefix(CXapianQueryParser *qp, const char *field, size_t field_len, const char *prefix, size_t prefix_len, CXapianError *error) noexcept {
    return guarded_void(error, [&] { qp->qp.add_prefix(str(field, field_len), str(prefix, prefix_len)); });
}

bool CXapian_queryparser_set_max_expansion(CXapianQueryParser *qp, uint32_t max_expansion, CXapianError *error) noexcept {
    return guarded_void(error, [&] {
        qp->qp.set_max_expansion(max_expansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
                                 Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
    });
}

CXapianQuery *CXapian_queryparser_parse(CXapianQueryParser *qp, const char *query, size_t len, uint32_t flags, const char *default_prefix, size_t default_prefix_len, CXapianError *error) noexcept {
    return guarded(error, (CXapianQuery *)nullptr, [&] {
        auto handle = std::make_unique<CXapianQuery>();
        handle->query = qp->qp.parse_query(str(query, len), flags, str(default_prefix, default_prefix_len));
        return handle.release();
    });
}

CXapianString CXapian_queryparser_corrected_query(const CXapianQueryParser *qp, CXapianError *error) noexcept {
    return guarded(error, CXapianString{nullptr, 0}, [&] { return make_string(qp->qp.get_corrected_query_string()); });
}

} // extern "C"
