#include "control_id.h"
#include "finchat/util.h"

namespace finchat::widget {

// ---------------------------------------------------------------------------------------------
// Control ids: the one place they become strings (and back)
// ---------------------------------------------------------------------------------------------
namespace {
struct Fixed {
    ControlKind kind;
    const char* name;
};
constexpr Fixed kFixed[] = {
    {ControlKind::Composer, "composer"},         {ControlKind::Minimize, "minimize"},
    {ControlKind::EndChat, "end"},               {ControlKind::DialogCancel, "dialog-cancel"},
    {ControlKind::DialogEnd, "dialog-end"},      {ControlKind::NewChat, "new-chat"},
    {ControlKind::Send, "send"},                 {ControlKind::RetryConnect, "retry-connect"},
    {ControlKind::LoadOlder, "older"},           {ControlKind::JumpToNewest, "jump"},
    {ControlKind::PiiMask, "pii-mask"},          {ControlKind::PiiSend, "pii-send"},
    {ControlKind::PiiEdit, "pii-edit"},
};
// Kinds with a key, and how many numbers follow it (row keys may contain ':', so numbers are read
// from the right).
struct Keyed {
    ControlKind kind;
    const char* prefix;
    int numbers;
};
constexpr Keyed kKeyed[] = {
    {ControlKind::RetrySend, "retry:", 0},        {ControlKind::CopyMessage, "copy:", 0},
    {ControlKind::Link, "link:", 2},              {ControlKind::TemplateOption, "tpl-opt:", 3},
    {ControlKind::TemplateRetry, "tpl-retry:", 0}, {ControlKind::TemplatePage, "tpl-page:", 1},
};

bool parseInt(std::string_view s, int& out) {
    if (s.empty() || s.size() > 6) return false;
    bool negative = s[0] == '-';
    if (negative) s.remove_prefix(1);
    if (s.empty()) return false;
    int v = 0;
    for (char ch : s) {
        if (ch < '0' || ch > '9') return false;
        v = v * 10 + (ch - '0');
    }
    out = negative ? -v : v;
    return true;
}
}  // namespace

std::string ControlId::encode() const {
    for (const auto& f : kFixed)
        if (f.kind == kind) return f.name;
    for (const auto& k : kKeyed) {
        if (k.kind != kind) continue;
        std::string out = k.prefix + key;
        const int nums[] = {a, b, c};
        for (int i = 0; i < k.numbers; ++i) out += ":" + decimal(nums[i]);
        return out;
    }
    return {};
}

std::optional<ControlId> ControlId::decode(std::string_view text) {
    for (const auto& f : kFixed)
        if (text == f.name) return ControlId{f.kind};
    for (const auto& k : kKeyed) {
        const std::string_view prefix(k.prefix);
        if (text.substr(0, prefix.size()) != prefix) continue;
        std::string_view rest = text.substr(prefix.size());
        ControlId id{k.kind};
        int nums[3] = {-1, -1, -1};
        for (int i = k.numbers; i-- > 0;) {
            const auto colon = rest.rfind(':');
            if (colon == std::string_view::npos || !parseInt(rest.substr(colon + 1), nums[i])) return std::nullopt;
            rest = rest.substr(0, colon);
        }
        if (rest.empty()) return std::nullopt;
        id.key = std::string(rest);
        id.a = nums[0];
        id.b = nums[1];
        id.c = nums[2];
        return id;
    }
    return std::nullopt;
}

std::string ControlId::groupOf(const std::string& rowKey) { return "tpl:" + rowKey; }

}  // namespace finchat::widget
