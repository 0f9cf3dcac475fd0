// widget/model/control_id.h: typed ids of the window's focusable controls (widget/app/kit.h).
//
// In C++ a control is named by what it is (ControlKind), which row it belongs to and which option;
// the shim (BRIDGE.md, TEMPLATES-CONTRACT.md) knows it by a string. encode() and decode() are the one
// place where one becomes the other; decode(encode(id)) == id for every id, whatever the row key holds.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace finchat::widget {

// What a control is. The bridge strings (BRIDGE.md) are made from it in ControlId::encode only.
enum class ControlKind : std::uint8_t {
    Composer,        // "composer": the shim's textarea (focus only)
    Minimize,        // "minimize"
    EndChat,         // "end"
    DialogCancel,    // "dialog-cancel"
    DialogEnd,       // "dialog-end"
    NewChat,         // "new-chat"
    Send,            // "send"
    RetryConnect,    // "retry-connect"
    LoadOlder,       // "older"
    JumpToNewest,    // "jump"
    PiiMask,         // "pii-mask"
    PiiSend,         // "pii-send"
    PiiEdit,         // "pii-edit"
    RetrySend,       // "retry:<row key>"
    CopyMessage,     // "copy:<row key>"
    Link,            // "link:<row key>:<link>:<piece>"   a: link index in the row, b: piece index
    TemplateOption,  // "tpl-opt:<row key>:<card>:<element>:<slot>"   a, b, c (-1: none)
    TemplateRetry,   // "tpl-retry:<row key>"
    TemplatePage,    // "tpl-page:<row key>:<direction>"  a: -1 previous, +1 next
};

struct ControlId {
    ControlId(ControlKind k = ControlKind::Send, std::string rowKey = {}, int first = -1, int second = -1, int third = -1)
        : kind(k), key(std::move(rowKey)), a(first), b(second), c(third) {}
    ControlKind kind = ControlKind::Send;
    std::string key;          // row key (localId for RetrySend); empty for window controls
    int a = -1, b = -1, c = -1;
    bool operator==(const ControlId&) const = default;

    std::string encode() const;
    // nullopt for a string no control of this kit could have made.
    static std::optional<ControlId> decode(std::string_view text);
    // The mirror group of a template's controls (TEMPLATES-CONTRACT.md): "tpl:<row key>".
    static std::string groupOf(const std::string& rowKey);
};

}  // namespace finchat::widget
