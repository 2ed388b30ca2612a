#include "internal.h"

#include <exception>
#include <unordered_map>

namespace {

CXapianErrorCode code_for_type(const char *type) {
    static const std::unordered_map<std::string, CXapianErrorCode> codes = {
        {"AssertionError", CXAPIAN_ASSERTION_ERROR},
        {"InvalidArgumentError", CXAPIAN_INVALID_ARGUMENT_ERROR},
        {"InvalidOperationError", CXAPIAN_INVALID_OPERATION_ERROR},
        {"UnimplementedError", CXAPIAN_UNIMPLEMENTED_ERROR},
        {"DatabaseError", CXAPIAN_DATABASE_ERROR},
        {"DatabaseCorruptError", CXAPIAN_DATABASE_CORRUPT_ERROR},
        {"DatabaseCreateError", CXAPIAN_DATABASE_CREATE_ERROR},
        {"DatabaseLockError", CXAPIAN_DATABASE_LOCK_ERROR},
        {"DatabaseModifiedError", CXAPIAN_DATABASE_MODIFIED_ERROR},
        {"DatabaseOpeningError", CXAPIAN_DATABASE_OPENING_ERROR},
        {"DatabaseVersionError", CXAPIAN_DATABASE_VERSION_ERROR},
        {"DocNotFoundError", CXAPIAN_DOC_NOT_FOUND_ERROR},
        {"FeatureUnavailableError", CXAPIAN_FEATURE_UNAVAILABLE_ERROR},
        {"InternalError", CXAPIAN_INTERNAL_ERROR},
        {"NetworkError", CXAPIAN_NETWORK_ERROR},
        {"NetworkTimeoutError", CXAPIAN_NETWORK_TIMEOUT_ERROR},
        {"QueryParserError", CXAPIAN_QUERY_PARSER_ERROR},
        {"SerialisationError", CXAPIAN_SERIALISATION_ERROR},
        {"RangeError", CXAPIAN_RANGE_ERROR},
        {"WildcardError", CXAPIAN_WILDCARD_ERROR},
        {"DatabaseNotFoundError", CXAPIAN_DATABASE_NOT_FOUND_ERROR},
        {"DatabaseClosedError", CXAPIAN_DATABASE_CLOSED_ERROR},
    };
    auto it = codes.find(type ? type : "");
    return it == codes.end() ? CXAPIAN_OTHER_XAPIAN_ERROR : it->second;
}

char *copy_message(const std::string &s) noexcept {
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p) {
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
    }
    return p;
}

void set(CXapianError *error, CXapianErrorCode code, const std::string &message) noexcept {
    if (!error) return;
    error->code = code;
    error->message = copy_message(message);
}

} // namespace

void cxapian::classify_current_exception(CXapianError *error) noexcept {
    try {
        throw;
    } catch (const Xapian::Error &e) {
        try {
            std::string message = e.get_msg();
            if (!e.get_context().empty()) message += " (" + e.get_context() + ")";
            if (e.get_error_string()) message += std::string(": ") + e.get_error_string();
            set(error, code_for_type(e.get_type()), message);
        } catch (...) {
            set(error, code_for_type(e.get_type()), "");
        }
    } catch (const std::bad_alloc &) {
        set(error, CXAPIAN_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception &e) {
        set(error, CXAPIAN_STD_EXCEPTION, e.what());
    } catch (...) {
        set(error, CXAPIAN_UNKNOWN_EXCEPTION, "unknown C++ exception");
    }
}

CXapianString cxapian::make_string(const std::string &s) noexcept {
    CXapianString out{nullptr, 0};
    out.data = static_cast<char *>(std::malloc(s.size() + 1));
    if (!out.data) return out;
    std::memcpy(out.data, s.data(), s.size());
    out.data[s.size()] = '\0';
    out.length = s.size();
    return out;
}

extern "C" void CXapian_error_clear(CXapianError *error) noexcept {
    if (!error) return;
    std::free(error->message);
    error->message = nullptr;
    error->code = CXAPIAN_OK;
}

extern "C" void CXapian_string_free(CXapianString string) noexcept { std::free(string.data); }

extern "C" CXapianString CXapian_version(void) noexcept {
    return cxapian::make_string(Xapian::version_string());
}
