// connect-local's Lex V2 bot runtime: see local_bots.h for the turn it computes.
#include "connect_local/lex/local_bots.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "finchat/interactive.h"
#include "finchat/util.h"

namespace connect_local::lex {
namespace {

constexpr double kSwitchConfidence = 0.5;   // leaving a slot for another intent needs at least this
constexpr std::size_t kMaxText = 1024;      // RecognizeText's text: 1-1024 characters
constexpr std::size_t kMaxInterpretations = 5;

// Lower-case words separated by single spaces: what slot values are compared on.
std::string normalized(std::string_view text) {
    std::string out;
    bool space = false;
    for (unsigned char c : text) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (c >= 'A' && c <= 'Z') {
            if (space && !out.empty()) out += ' ';
            out += static_cast<char>(c - 'A' + 'a');
            space = false;
        } else if (word) {
            if (space && !out.empty()) out += ' ';
            out += static_cast<char>(c);
            space = false;
        } else if (c != '\'') {
            space = true;
        }
    }
    return out;
}

std::string trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

bool validSessionId(std::string_view id) {
    if (id.size() < 2 || id.size() > 100) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == ':' || c == '-';
    });
}

// A time the customer picked from a TimePicker (the slot's ISO date, as the official widget sends it)
// reads as a time where the bot says it, as a fulfilment Lambda would write it: "on Thursday,
// December 3 at 14:00 UTC". Any other value as interpreted.
std::string spokenValue(const std::string& value) {
    const auto at = finchat::templateReplyTime("text/plain", value);
    if (!at) return value;
    static constexpr const char* kWeekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static constexpr const char* kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                                              "August", "September", "October", "November", "December"};
    const std::string iso = finchat::formatIsoTime(*at);   // "YYYY-MM-DDTHH:MM:SS.mmmZ", UTC
    const auto two = [&](std::size_t at) { return (iso[at] - '0') * 10 + (iso[at + 1] - '0'); };
    const int month = two(5), day = two(8);
    const std::int64_t days = (*at >= 0 ? *at : *at - 86'399'999) / 86'400'000;
    const int weekday = static_cast<int>(((days + 4) % 7 + 7) % 7);   // 1970-01-01 was a Thursday
    return std::string("on ") + kWeekdays[weekday] + ", " + kMonths[month - 1] + " " + std::to_string(day) + " at " +
           iso.substr(11, 5) + " UTC";
}

// {SlotName} -> the slot's interpreted value (spokenValue), for slots of the intent; other braces stay.
std::string substituteSlots(const std::string& message, const std::map<std::string, LexSlotValue>& slots) {
    std::string out;
    for (std::size_t i = 0; i < message.size(); ++i) {
        if (message[i] == '{') {
            const std::size_t close = message.find('}', i);
            if (close != std::string::npos) {
                const auto it = slots.find(message.substr(i + 1, close - i - 1));
                if (it != slots.end()) {
                    out += spokenValue(it->second.interpretedValue);
                    i = close;
                    continue;
                }
            }
        }
        out += message[i];
    }
    return out;
}

std::optional<LexSlotValue> builtInValue(const std::string& type, std::string_view text) {
    const std::string t = trimmed(text);
    if (t.empty()) return std::nullopt;
    if (type == "AMAZON.FreeFormInput") return LexSlotValue{t, t, {}};
    // AMAZON.Number: the first number written with digits.
    const auto b = t.find_first_of("0123456789");
    if (b == std::string::npos) return std::nullopt;
    std::size_t e = b;
    while (e < t.size() && (std::isdigit(static_cast<unsigned char>(t[e])) || (t[e] == '.' && e + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[e + 1])))))
        ++e;
    const std::string number = t.substr(b, e - b);
    return LexSlotValue{t, number, {number}};
}

// splitmix64: a small, well-mixed generator whose whole state is one integer.
std::uint64_t nextRandom(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

std::uint64_t seedFor(std::uint64_t seed, std::string_view key) {
    std::uint64_t h = 0xcbf29ce484222325ull ^ seed;   // FNV-1a over the session key
    for (unsigned char c : key) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

}  // namespace

std::vector<std::int64_t> upcomingCallSlots(std::int64_t nowMs) {
    constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
    constexpr int kHoursUtc[] = {9, 11, 14, 16};
    std::vector<std::int64_t> out;
    // From tomorrow (UTC): a slot is never in the past, nor minutes away, whatever the time now.
    for (std::int64_t day = nowMs / kDayMs + 1; out.size() < 2 * std::size(kHoursUtc); ++day) {
        const int weekday = static_cast<int>((day + 4) % 7);   // 1970-01-01 was a Thursday; 0 = Sunday
        if (weekday == 0 || weekday == 6) continue;
        for (int h : kHoursUtc) out.push_back(day * kDayMs + h * 3600LL * 1000);
    }
    return out;
}

std::string fillCallSlots(const std::string& payload, std::int64_t nowMs) {
    if (payload.find("\"TimePicker\"") == std::string::npos) return payload;
    nlohmann::json j = nlohmann::json::parse(payload, nullptr, false);
    if (!j.is_object() || !j.contains("templateType") || j["templateType"] != "TimePicker") return payload;
    if (!j.contains("data") || !j["data"].is_object() || !j["data"].contains("content")) return payload;
    nlohmann::json* content = &j["data"]["content"];
    if (!content->is_object()) return payload;
    const auto slots = content->find("timeslots");
    if (slots == content->end() || !slots->is_array() || !slots->empty()) return payload;
    for (std::int64_t t : upcomingCallSlots(nowMs))
        // As Connect's examples write them: "2026-12-03T09:00+00:00".
        slots->push_back({{"date", finchat::formatIsoTime(t).substr(0, 16) + "+00:00"}, {"duration", 30}});
    return j.dump();
}

std::optional<LexSlotValue> matchSlotValue(const SlotTypeDefinition& type, std::string_view text, bool wholeOnly) {
    const std::string said = normalized(text);
    if (said.empty()) return std::nullopt;
    const std::string padded = " " + said + " ";
    const SlotTypeValue* best = nullptr;
    std::string bestCandidate;
    bool bestWhole = false;
    for (const auto& v : type.values) {
        std::vector<std::string> candidates{v.value};
        candidates.insert(candidates.end(), v.synonyms.begin(), v.synonyms.end());
        for (const auto& c : candidates) {
            const std::string n = normalized(c);
            if (n.empty()) continue;
            const bool whole = n == said;
            if (!whole && (wholeOnly || padded.find(" " + n + " ") == std::string::npos)) continue;
            if (!best || (whole && !bestWhole) || (whole == bestWhole && n.size() > normalized(bestCandidate).size())) {
                best = &v;
                bestCandidate = c;
                bestWhole = whole;
            }
        }
    }
    if (!best) return std::nullopt;
    LexSlotValue out;
    out.originalValue = bestWhole ? trimmed(text) : bestCandidate;
    out.interpretedValue = type.topResolution ? best->value : out.originalValue;
    out.resolvedValues = {best->value};
    return out;
}

void LocalLexBots::add(BotDefinition bot) {
    for (auto& b : bots_) {
        if (b.name == bot.name || (!bot.identifier.empty() && b.identifier == bot.identifier)) {
            b = std::move(bot);
            return;
        }
    }
    bots_.push_back(std::move(bot));
}

const BotDefinition* LocalLexBots::find(std::string_view botId) const {
    for (const auto& b : bots_)
        if (b.name == botId || (!b.identifier.empty() && b.identifier == botId)) return &b;
    return nullptr;
}

bool LocalLexBots::hasBot(std::string_view botId) const { return find(botId) != nullptr; }

void LocalLexBots::sweep(std::int64_t nowMs) {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        const auto bot = find(it->first.substr(0, it->first.find('\n')));
        const std::int64_t ttl = 1000LL * (bot ? bot->idleSessionTTLInSeconds : 0);
        it = nowMs - it->second.lastActiveMs > ttl ? sessions_.erase(it) : std::next(it);
    }
}

std::variant<LexTurn, LexError> LocalLexBots::recognizeText(std::string_view botId, std::string_view /*aliasId*/,
                                                            std::string_view localeId, std::string_view sessionId,
                                                            std::string_view text,
                                                            const std::map<std::string, std::string>& sessionAttributes) {
    const BotDefinition* bot = find(botId);
    if (!bot) return LexError{"ResourceNotFoundException", "Could not find bot: " + std::string(botId)};
    const auto localeIt = bot->locales.find(std::string(localeId));
    if (localeIt == bot->locales.end())
        return LexError{"ResourceNotFoundException",
                        "Could not find locale " + std::string(localeId) + " of bot " + bot->name};
    if (!validSessionId(sessionId))
        return LexError{"ValidationException",
                        "1 validation error detected: Value at 'sessionId' failed to satisfy constraint: Member must "
                        "have length between 2 and 100 and match the pattern [0-9a-zA-Z._:-]+"};
    if (text.empty() || text.size() > kMaxText)
        return LexError{"ValidationException",
                        "1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have "
                        "length between 1 and 1024"};
    const BotLocaleDefinition& locale = localeIt->second;

    const std::int64_t now = clock_.nowMs();
    if (++turns_ % 64 == 0) sweep(now);
    const std::string key = bot->name + "\n" + locale.localeId + "\n" + std::string(sessionId);
    auto [sit, fresh] = sessions_.try_emplace(key);
    Session& session = sit->second;
    if (fresh || now - session.lastActiveMs > 1000LL * bot->idleSessionTTLInSeconds) {
        session = Session{};
        session.variationState = seedFor(messageSeed_, key);
    }
    session.lastActiveMs = now;
    if (!sessionAttributes.empty()) session.attributes = sessionAttributes;

    LexTurn turn;
    const std::string fallbackName = locale.fallbackIntent >= 0 ? locale.intents[locale.fallbackIntent].name : "FallbackIntent";

    // The classifier's view, best first, with the FallbackIntent inserted below the threshold.
    auto classify = [&] {
        std::vector<LexInterpretation> out;
        const auto ranked = locale.classifier->classify(text);
        if (ranked.empty() || ranked.front().confidence < locale.nluConfidenceThreshold) out.push_back({fallbackName, 0});
        for (const auto& c : ranked) {
            if (out.size() >= kMaxInterpretations) break;
            out.push_back({locale.intents[locale.classIntent[c.label]].name, c.confidence});
        }
        return out;
    };
    auto intentIndex = [&](const std::string& name) {
        for (std::size_t i = 0; i < locale.intents.size(); ++i)
            if (locale.intents[i].name == name) return static_cast<int>(i);
        return -1;
    };
    auto fillFromUtterance = [&](const IntentDefinition& intent) {
        for (const auto& slot : intent.slots) {
            const auto type = locale.slotTypes.find(slot.slotTypeName);
            if (type == locale.slotTypes.end()) continue;
            if (auto v = matchSlotValue(type->second, text, false)) session.slots[slot.name] = std::move(*v);
        }
    };

    bool startIntent = false;
    bool failedElicitation = false;
    if (session.intent >= 0 && !session.slotToElicit.empty()) {
        const IntentDefinition& intent = locale.intents[session.intent];
        const auto slot = std::find_if(intent.slots.begin(), intent.slots.end(),
                                       [&](const SlotDefinition& s) { return s.name == session.slotToElicit; });
        const auto type = slot == intent.slots.end() ? locale.slotTypes.end() : locale.slotTypes.find(slot->slotTypeName);
        std::optional<LexSlotValue> value;
        if (type != locale.slotTypes.end()) value = matchSlotValue(type->second, text, true);
        if (!value) {
            auto others = classify();
            const auto& top = others.front();
            if (top.intentName != fallbackName && top.intentName != intent.name &&
                top.nluConfidence >= std::max(locale.nluConfidenceThreshold, kSwitchConfidence)) {
                turn.interpretations = std::move(others);
                session.intent = intentIndex(turn.interpretations.front().intentName);
                session.slots.clear();
                session.slotToElicit.clear();
                session.retries = 0;
                startIntent = true;
            } else if (type != locale.slotTypes.end()) {
                value = matchSlotValue(type->second, text, false);
                if (!value && !type->second.topResolution) {
                    const std::string t = trimmed(text);
                    if (!t.empty()) value = LexSlotValue{t, t, {}};
                }
            } else if (slot != intent.slots.end()) {
                value = builtInValue(slot->slotTypeName, text);
            }
        }
        if (!startIntent) {
            turn.interpretations = {{intent.name, 1.0}};
            if (value) {
                session.slots[session.slotToElicit] = std::move(*value);
                session.slotToElicit.clear();
                session.retries = 0;
            } else if (++session.retries > (slot == intent.slots.end() ? 0 : slot->maxRetries)) {
                failedElicitation = true;
            }
        }
    } else {
        turn.interpretations = classify();
        session.intent = intentIndex(turn.interpretations.front().intentName);
        session.slots.clear();
        session.slotToElicit.clear();
        session.retries = 0;
        startIntent = true;
    }
    if (failedElicitation) {
        session.intent = locale.fallbackIntent;
        session.slots.clear();
        session.slotToElicit.clear();
        turn.interpretations.insert(turn.interpretations.begin(), {fallbackName, 0});
    }

    // Answer: initial response, the next Required slot's prompt, or the closing response.
    const IntentDefinition* intent = session.intent >= 0 ? &locale.intents[session.intent] : nullptr;
    auto say = [&](const std::vector<LexMessageGroup>& groups) {
        for (const auto& g : groups) {
            const std::size_t pick = g.variations.empty() ? 0 : nextRandom(session.variationState) % (g.variations.size() + 1);
            const LexMessage& m = pick == 0 ? g.message : g.variations[pick - 1];
            std::string content = substituteSlots(m.content, session.slots);
            if (m.kind == LexMessage::Kind::CustomPayload) content = fillCallSlots(content, now);
            turn.messages.push_back({m.kind, std::move(content)});
        }
    };
    turn.intentName = intent ? intent->name : fallbackName;
    if (intent && startIntent) {
        fillFromUtterance(*intent);
        say(intent->initialResponse);
    }
    const SlotDefinition* next = nullptr;
    if (intent && session.slotToElicit.empty()) {
        for (const auto& s : intent->slots)
            if (s.required && !session.slots.count(s.name)) {
                next = &s;
                break;
            }
    } else if (intent) {   // the same slot again (a failed try)
        for (const auto& s : intent->slots)
            if (s.name == session.slotToElicit) next = &s;
    }
    if (intent) {
        for (const auto& s : intent->slots) {
            const auto it = session.slots.find(s.name);
            if (it == session.slots.end()) {
                turn.slotValues[s.name] = std::nullopt;
            } else {
                turn.slotValues[s.name] = it->second;
                turn.slots[s.name] = it->second.interpretedValue;
            }
        }
    }
    if (next) {
        session.slotToElicit = next->name;
        say(next->prompts);
        turn.dialogAction = "ElicitSlot";
        turn.slotToElicit = next->name;
        turn.intentState = "InProgress";
    } else {
        if (intent) say(intent->closingResponse);
        turn.dialogAction = "Close";
        turn.intentState = failedElicitation ? "Failed" : "Fulfilled";
        session.intent = -1;
        session.slots.clear();
        session.slotToElicit.clear();
        session.retries = 0;
    }
    turn.sessionAttributes = session.attributes;
    return turn;
}

}  // namespace connect_local::lex
