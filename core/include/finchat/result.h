// finchat/result.h: errors as values.
//
// The core never lets an exception escape (in wasm a throw aborts the page), so every operation that
// can fail on outside input returns Result<T>: a value or a typed Error. Error says *what kind* of
// failure happened (so callers can decide: retry, end the chat, show a message) and carries a
// human-readable detail for logs. Details never contain message text or tokens.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace finchat {

enum class ErrorCode {
    MalformedJson,      // not JSON at all
    MissingField,       // a required field is absent
    WrongType,          // a field has the wrong JSON type
    InvalidValue,       // right type, value out of range / not allowed
    TooLarge,           // over a Connect limit (message size, attributes...)
    Service,            // the service answered with a Connect error (see Error::serviceType)
    Network,            // no HTTP answer: connection refused, reset, DNS, timeout
    NotConnected,       // operation needs a connection the session does not have (yet)
    Ended,              // the chat is over; nothing more can be sent
    Cancelled,          // superseded or aborted locally (session destroyed, replaced request)
    PiiDetected,        // the partner's policy asks the customer before sending personal data
    PiiUnavailable,     // the message needs the PII guard and the detector is not loaded yet
};

const char* toString(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::InvalidValue;
    std::string detail;       // where/why, e.g. "Item.MessageMetadata.Receipts[0]: expected object"
    int httpStatus = 0;       // for Service errors: 400, 403, 429, 500...
    std::string serviceType;  // for Service errors: "ThrottlingException", "AccessDeniedException"...

    // Connect/SDK rule: 429 and 5xx (and transport failures) are worth retrying with the same
    // ClientToken; every other 4xx is final.
    bool retryable() const {
        return code == ErrorCode::Network ||
               (code == ErrorCode::Service && (httpStatus == 429 || httpStatus >= 500));
    }
    bool accessDenied() const { return code == ErrorCode::Service && httpStatus == 403; }
    std::string describe() const;
};

// Error{code, "literal"} built out of line: ~50 call sites pass two words instead of initialising
// the struct's two strings each.
Error makeError(ErrorCode code, const char* detail);

template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

struct Unit {};  // Result<Unit>: success carries no value

}  // namespace finchat
