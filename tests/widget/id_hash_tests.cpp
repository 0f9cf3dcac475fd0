// id_hash (widget/model): the hash behind the widget's ImGui IDs keeps ImGui's ID rules.
#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <string>

#include "model/id_hash.h"

using finchat::widget::idHashData;
using finchat::widget::idHashText;

TEST_CASE("id_hash: seeds chain, sized and NUL-terminated texts agree, ### restarts from the seed", "[widget][id]") {
    const char* text = "Send##composer";
    CHECK(idHashText(text, 0, 7) == idHashText(text, std::strlen(text), 7));
    CHECK(idHashText(text, 0, 7) == idHashData(text, std::strlen(text), 7));   // no ### in it: the same bytes
    CHECK(idHashText(text, 0, 7) != idHashText(text, 0, 8));                    // the parent ID matters
    CHECK(idHashText("Send", 0, 7) != idHashText("send", 0, 7));
    // "Label###id" is the ID of "###id", sized or not, under any label.
    CHECK(idHashText("Chat###window", 0, 3) == idHashText("###window", 0, 3));
    CHECK(idHashText("Other title###window", 20, 3) == idHashText("###window", 9, 3));
    CHECK(idHashText("Chat###window", 0, 3) != idHashText("Chat##window", 0, 3));
    // A sized text stops at its size: the "###" after it does not count, and "##" at the end is read safely.
    CHECK(idHashText("ab###c", 2, 0) == idHashText("ab", 0, 0));
    CHECK(idHashText("ab##", 4, 0) == idHashData("ab##", 4, 0));
    CHECK(idHashText("x##", 0, 0) == idHashData("x##", 3, 0));
}

TEST_CASE("id_hash: distinct IDs for the widget's kinds of keys", "[widget][id]") {
    std::set<std::uint32_t> ids;
    for (int i = 0; i < 20000; ++i) {
        const std::string key = "row:" + std::to_string(i);
        ids.insert(idHashText(key.c_str(), 0, 0x1234u));
        ids.insert(idHashData(&i, sizeof i, 0x1234u));
    }
    CHECK(ids.size() >= 39990);   // 40,000 keys into 2^32: a collision or two at most
}
