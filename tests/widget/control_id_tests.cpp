// ControlId: the typed control ids of the window and the strings the shim knows them by (BRIDGE.md,
// TEMPLATES-CONTRACT.md).
#include <catch2/catch.hpp>

#include "model/control_id.h"

using namespace finchat::widget;

TEST_CASE("control ids encode to the bridge's strings", "[controls]") {
    // The strings the shim and the browser tests use (BRIDGE.md) stay as they were.
    CHECK(ControlId{ControlKind::Send}.encode() == "send");
    CHECK(ControlId{ControlKind::Minimize}.encode() == "minimize");
    CHECK(ControlId{ControlKind::EndChat}.encode() == "end");
    CHECK(ControlId{ControlKind::DialogCancel}.encode() == "dialog-cancel");
    CHECK(ControlId{ControlKind::DialogEnd}.encode() == "dialog-end");
    CHECK(ControlId{ControlKind::NewChat}.encode() == "new-chat");
    CHECK(ControlId{ControlKind::RetryConnect}.encode() == "retry-connect");
    CHECK(ControlId{ControlKind::LoadOlder}.encode() == "older");
    CHECK(ControlId{ControlKind::JumpToNewest}.encode() == "jump");
    CHECK(ControlId{ControlKind::PiiMask}.encode() == "pii-mask");
    CHECK(ControlId{ControlKind::PiiSend}.encode() == "pii-send");
    CHECK(ControlId{ControlKind::PiiEdit}.encode() == "pii-edit");
    CHECK(ControlId{ControlKind::RetrySend, "l-7"}.encode() == "retry:l-7");
    CHECK(ControlId{ControlKind::CopyMessage, "1:l-7"}.encode() == "copy:1:l-7");
    CHECK(ControlId{ControlKind::Link, "l-7", 0, 3}.encode() == "link:l-7:0:3");
    CHECK(ControlId{ControlKind::TemplateOption, "l-9", -1, 2}.encode() == "tpl-opt:l-9:-1:2:-1");
    CHECK(ControlId{ControlKind::TemplateRetry, "l-9"}.encode() == "tpl-retry:l-9");
    CHECK(ControlId{ControlKind::TemplatePage, "l-9", 1}.encode() == "tpl-page:l-9:1");
    CHECK(ControlId::groupOf("1:l-9") == "tpl:1:l-9");
}

TEST_CASE("control ids decode back, whatever the row key holds", "[controls]") {
    const ControlId ids[] = {
        {ControlKind::Composer},
        {ControlKind::Send},
        {ControlKind::PiiEdit},
        {ControlKind::RetrySend, "l-1"},
        {ControlKind::CopyMessage, "2:l-1"},                   // a row of a later segment: "<n>:" prefix
        {ControlKind::Link, "2:l:1:0", 4, 12},                 // colons and digits in the key
        {ControlKind::TemplateOption, "1:x", 3, 0, -1},        // a Carousel card's element
        {ControlKind::TemplateOption, "k", -1, -1, 39},        // a TimePicker slot
        {ControlKind::TemplateRetry, "tpl-opt:odd"},
        {ControlKind::TemplatePage, "1:k", -1},
    };
    for (const ControlId& id : ids) {
        INFO(id.encode());
        const auto back = ControlId::decode(id.encode());
        REQUIRE(back);
        CHECK(*back == id);
    }
}

TEST_CASE("strings no control could have made decode to nothing", "[controls]") {
    for (const char* bad : {"", "sendx", "retry:", "copy:", "link:k:1", "link:k:x:1", "link::1:2", "tpl-opt:k:1:2",
                            "tpl-opt:k:a:b:c", "tpl-page:k", "tpl-page:k:1234567", "tpl:k", "unknown:thing"}) {
        INFO(bad);
        CHECK_FALSE(ControlId::decode(bad));
    }
}
