// json_fields.h (private to core): one description per struct drives both decoding and encoding.
//
//   template <class V, class S> void fieldsOf(V& v, S& x, SendMessageRequest*) {
//       v("ContentType", x.contentType, Req);
//       v("Content", x.content, Req);
//       v("ClientToken", x.clientToken);
//   }
//
// Reader walks a parsed finchat::Json (finchat/json.h) with checked access only, so malformed input
// becomes an Error with a path such as "Transcript[3].MessageMetadata.Receipts[0]: expected object";
// nothing here throws. Writer omits empty optional members, as Connect does.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "finchat/json.h"
#include "finchat/protocol.h"
#include "finchat/util.h"

namespace finchat::detail {

using json = Json;

// Opt: may be absent; not written when empty.  Req: must be present; always written.
// Always: may be absent when reading, but always written (lists AWS sends as [] when empty).
enum Presence { Opt, Req, Always };

template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};
template <class T> struct IsVector : std::false_type {};
template <class T> struct IsVector<std::vector<T>> : std::true_type {};
template <class T> struct IsStringMap : std::false_type {};
template <class T> struct IsStringMap<std::map<std::string, T>> : std::true_type {};

// Described structs provide fieldsOf(v, x, (T*)nullptr); found by argument-dependent lookup.
struct Probe { template <class... A> void operator()(A&&...) {} };
template <class T>
concept Described = requires(Probe& v, T& x) { fieldsOf(v, x, static_cast<T*>(nullptr)); };

// Serialises without ever failing: strings that are not valid UTF-8 (a JS lone surrogate, a non-UTF-8
// file name) get U+FFFD for each invalid sequence, as a browser's TextEncoder does.
inline std::string dumpJson(const json& j) { return j.dump(); }

// Parses text with a nesting limit (deep nesting would cost stack in the browser). Returns an
// Invalid value on failure.
inline json parseJson(std::string_view text, int maxDepth = 64) { return Json::parse(text, maxDepth); }

class Reader {
public:
    explicit Reader(std::string path) : path_(std::move(path)) {}

    template <class T>
    bool read(const json& j, T& out, const std::string& path);

    template <class T>
    bool readObject(const json& j, T& out, const std::string& path) {
        if (!j.isObject()) return fail(ErrorCode::WrongType, path, "expected object");
        const json* saved = obj_;
        std::string savedPath = std::move(path_);
        obj_ = &j;
        path_ = path;
        fieldsOf(*this, out, static_cast<T*>(nullptr));
        obj_ = saved;
        path_ = std::move(savedPath);
        return !error_;
    }

    // Visitor entry point used by fieldsOf.
    template <class T>
    void operator()(const char* name, T& member, Presence presence = Opt) {
        if (error_) return;
        const json* it = obj_->find(name);
        if (!it || it->isNull()) {
            if (presence == Req) fail(ErrorCode::MissingField, child(name), "required");
            return;
        }
        read(*it, member, child(name));
    }

    bool fail(ErrorCode code, const std::string& path, const char* what) {
        if (!error_) error_ = Error{code, (path.empty() ? std::string("(root)") : path) + ": " + what};
        return false;
    }
    const std::optional<Error>& error() const { return error_; }

private:
    std::string child(const char* name) const { return path_.empty() ? name : path_ + "." + name; }

    const json* obj_ = nullptr;
    std::string path_;
    std::optional<Error> error_;
};

template <class T>
bool Reader::read(const json& j, T& out, const std::string& path) {
    if constexpr (std::is_same_v<T, std::string>) {
        if (!j.isString()) return fail(ErrorCode::WrongType, path, "expected string");
        out = j.asString();
        return true;
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!j.isBool()) return fail(ErrorCode::WrongType, path, "expected boolean");
        out = j.asBool();
        return true;
    } else if constexpr (std::is_integral_v<T>) {
        if (!j.isInteger()) return fail(ErrorCode::WrongType, path, "expected integer");
        if (j.isUnsigned()) {
            const auto u = j.asUint();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
                return fail(ErrorCode::InvalidValue, path, "integer out of range");
            out = static_cast<T>(u);
        } else {
            const auto s = j.asInt();
            if (s < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                s > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
                return fail(ErrorCode::InvalidValue, path, "integer out of range");
            out = static_cast<T>(s);
        }
        return true;
    } else if constexpr (std::is_enum_v<T>) {
        if (!j.isString()) return fail(ErrorCode::WrongType, path, "expected string");
        out = enumFromString<T>(j.asString());
        return true;
    } else if constexpr (IsOptional<T>::value) {
        typename T::value_type inner{};
        if (!read(j, inner, path)) return false;
        out = std::move(inner);
        return true;
    } else if constexpr (IsVector<T>::value) {
        if (!j.isArray()) return fail(ErrorCode::WrongType, path, "expected array");
        const auto& items = j.items();
        out.clear();
        out.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            typename T::value_type element{};
            if (!read(items[i], element, path + "[" + decimal(i) + "]")) return false;
            out.push_back(std::move(element));
        }
        return true;
    } else if constexpr (IsStringMap<T>::value) {
        if (!j.isObject()) return fail(ErrorCode::WrongType, path, "expected object");
        out.clear();
        for (const auto& [key, item] : j.members()) {   // in key order, as nlohmann's std::map
            typename T::mapped_type value{};
            if (!read(item, value, path + "." + key)) return false;
            out.emplace_hint(out.end(), key, std::move(value));
        }
        return true;
    } else {
        static_assert(Described<T>, "no JSON description for this type");
        return readObject(j, out, path);
    }
}

class Writer {
public:
    template <class T>
    static json write(const T& v) {
        if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, bool> || std::is_integral_v<T>) {
            return json(v);
        } else if constexpr (std::is_enum_v<T>) {
            return json(toString(v));
        } else if constexpr (IsOptional<T>::value) {
            return write(*v);
        } else if constexpr (IsVector<T>::value) {
            json a = json::array();
            for (const auto& e : v) a.push(write(e));
            return a;
        } else if constexpr (IsStringMap<T>::value) {
            json o = json::object();
            for (const auto& [k, e] : v) o.set(k, write(e));
            return o;
        } else {
            static_assert(Described<T>, "no JSON description for this type");
            Writer w;
            fieldsOf(w, v, static_cast<T*>(nullptr));
            return std::move(w.obj_);
        }
    }

    template <class T>
    void operator()(const char* name, const T& member, Presence presence = Opt) {
        if (presence == Opt && empty(member)) return;
        obj_.set(name, write(member));
    }

private:
    template <class T>
    static bool empty(const T& v) {
        if constexpr (IsOptional<T>::value) return !v.has_value();
        else if constexpr (std::is_same_v<T, std::string> || IsVector<T>::value || IsStringMap<T>::value) return v.empty();
        else if constexpr (std::is_enum_v<T>) return v == T::Other;
        else return false;
    }

    json obj_ = json::object();
};

template <class T>
Result<T> decodeValue(const json& j, const std::string& rootPath = {}) {
    Reader r(rootPath);
    T out{};
    if (!r.read(j, out, rootPath)) return *r.error();
    return out;
}

template <class T>
Result<T> decodeText(std::string_view text) {
    json j = parseJson(text);
    if (!j.valid()) return Error{ErrorCode::MalformedJson, "not valid JSON (or nested too deeply)"};
    return decodeValue<T>(j);
}

}  // namespace finchat::detail
