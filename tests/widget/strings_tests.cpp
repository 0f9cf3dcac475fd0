// The locale string table and web/locales/en.json, the single English source.
#include <catch2/catch.hpp>

#include <set>

#include "finchat/json.h"
#include "model/strings.h"
#include "source_files.h"

using namespace finchat;
using namespace finchat::widget;

namespace {

std::set<std::string> placeholders(std::string_view text) {
    std::set<std::string> out;
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const auto close = text.find('}', open);
        if (close == std::string_view::npos) break;
        out.insert(std::string(text.substr(open + 1, close - open - 1)));
    }
    return out;
}

}  // namespace

TEST_CASE("lookups, missing keys and placeholders", "[strings]") {
    auto s = Strings::fromJson(R"({"header.title":"Chat with {partner}","greeting":"Hi {name}, {name}!"})");
    REQUIRE(s);
    CHECK(s->get("header.title") == "Chat with {partner}");
    CHECK(s->format("header.title", {{"partner", "Acme Bank"}}) == "Chat with Acme Bank");
    CHECK(s->format("greeting", {{"name", "Dana"}}) == "Hi Dana, Dana!");
    CHECK(s->has("greeting"));
    // Missing: the key itself, so a forgotten string shows up.
    CHECK_FALSE(s->has("banner.reconnecting"));
    CHECK(s->get("banner.reconnecting") == "banner.reconnecting");
    CHECK(s->format("typing.one", {{"name", "Sam"}}) == "typing.one");
    // Unknown placeholders and stray braces stay as written; values are not re-scanned.
    CHECK(fillPlaceholders("{a} {b} {", {{"a", "{b}"}}) == "{b} {b} {");
    CHECK(fillPlaceholders("{{name}}", {{"name", "x"}}) == "{x}");
    CHECK(fillPlaceholders("", {}) == "");
}

TEST_CASE("merge puts a partner's wording over the built-in table", "[strings]") {
    auto base = Strings::fromJson(R"({"a":"A","b":"B"})");
    auto over = Strings::fromJson(R"({"b":"Bee","c":"C"})");
    REQUIRE(base);
    REQUIRE(over);
    base->merge(*over);
    CHECK(base->get("a") == "A");
    CHECK(base->get("b") == "Bee");
    CHECK(base->get("c") == "C");
    base->set("a", "Ay");
    CHECK(base->get("a") == "Ay");
    CHECK(base->size() == 3);
}

TEST_CASE("bad string tables are errors that name the key", "[strings]") {
    CHECK(Strings::fromJson("nope").error().code == ErrorCode::MalformedJson);
    CHECK(Strings::fromJson("[]").error().code == ErrorCode::WrongType);
    auto e = Strings::fromJson(R"({"ok":"fine","count":3})");
    REQUIRE_FALSE(e);
    CHECK(e.error().code == ErrorCode::WrongType);
    CHECK(e.error().detail == "strings.count: expected string");
}

TEST_CASE("web/locales/en.json has every key the window uses, with known placeholders", "[strings][files]") {
    const std::string text = fake::readSourceFile("web/locales/en.json");
    REQUIRE_FALSE(text.empty());
    auto en = Strings::fromJson(text);
    REQUIRE(en);
    for (const std::string& k : allStringKeys()) {
        INFO(k);
        CHECK(en->has(k));
        CHECK_FALSE(en->get(k).empty());
    }
    // Every placeholder in the table is one the code fills (C++ or the shim: "title" is ui.js's
    // mirror.options).
    const std::set<std::string> known = {"partner", "name", "count", "weekday", "month", "day", "year",
                                         "hours", "hours12", "minutes", "ampm", "max", "page", "title", "type", "size", "time"};
    const Json root = Json::parse(text);
    for (const Json::Member& m : root.members()) {
        for (const std::string& p : placeholders(m.value.asString())) {
            INFO(m.key << ": {" << p << "}");
            CHECK(known.count(p) == 1);
        }
    }
    CHECK(en->format(key::kHeaderTitle, {{"partner", "Acme Bank"}}) == "Chat with Acme Bank");
    CHECK(en->get(key::kLauncherOpen) == "Open chat");
    CHECK(en->get(key::kComposerLabel) == "Message");
}

TEST_CASE("web/locales/README.md documents every key of en.json", "[strings][files]") {
    const std::string readme = fake::readSourceFile("web/locales/README.md");
    REQUIRE_FALSE(readme.empty());
    const Json root = Json::parse(fake::readSourceFile("web/locales/en.json"));
    REQUIRE(root.isObject());
    for (const Json::Member& m : root.members()) {
        // Month and weekday names are documented as a group.
        if (m.key.rfind("month.", 0) == 0 || m.key.rfind("weekday.", 0) == 0) continue;
        INFO(m.key);
        CHECK(readme.find("`" + m.key + "`") != std::string::npos);
    }
}

TEST_CASE("every shipped locale table has exactly en.json's keys, with en's placeholders", "[strings][files]") {
    // The tables web/locales/README.md lists; the shim's node test (tests/web/strings.test.mjs) also
    // checks that no other table sits in the folder unchecked.
    const Json en = Json::parse(fake::readSourceFile("web/locales/en.json"));
    REQUIRE(en.isObject());
    for (const char* locale : {"de", "fr", "es", "ar"}) {
        INFO("web/locales/" << locale << ".json");
        const std::string text = fake::readSourceFile(std::string("web/locales/") + locale + ".json");
        REQUIRE_FALSE(text.empty());
        auto table = Strings::fromJson(text);
        REQUIRE(table);
        CHECK(table->size() == en.members().size());   // no stale keys either
        for (const Json::Member& m : en.members()) {
            INFO(m.key);
            REQUIRE(table->has(m.key));
            CHECK_FALSE(table->get(m.key).empty());
            CHECK(placeholders(table->get(m.key)) == placeholders(m.value.asString()));
        }
    }
}
