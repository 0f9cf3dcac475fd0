#include "finchat/theme.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

#include "finchat/json.h"
#include "finchat/util.h"

namespace finchat {

namespace {

// ---------------------------------------------------------------------------------------------
// Colour syntax
// ---------------------------------------------------------------------------------------------
std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

std::optional<Color> parseHex(std::string_view hex) {
    const std::size_t n = hex.size();
    if (n != 3 && n != 4 && n != 6 && n != 8) return std::nullopt;
    int v[8];
    for (std::size_t i = 0; i < n; ++i)
        if ((v[i] = hexDigit(hex[i])) < 0) return std::nullopt;
    auto channel = [&](std::size_t k) {   // k-th channel, short forms repeat the digit (#abc = #aabbcc)
        return static_cast<std::uint8_t>(n <= 4 ? v[k] * 17 : v[2 * k] * 16 + v[2 * k + 1]);
    };
    Color c{channel(0), channel(1), channel(2), 255};
    if (n == 4 || n == 8) c.a = channel(3);
    return c;
}

// A CSS number ("12", "0.5", ".5", "50%"): the value, and whether it was a percentage. No exponents.
bool parseNumber(std::string_view& s, double& value, bool& percent) {
    std::size_t i = 0;
    double whole = 0, scale = 1;
    bool digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') { whole = whole * 10 + (s[i++] - '0'); digits = true; }
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') { scale /= 10; whole += (s[i++] - '0') * scale; digits = true; }
    }
    if (!digits || whole > 1e6) return false;
    percent = i < s.size() && s[i] == '%';
    if (percent) ++i;
    value = whole;
    s.remove_prefix(i);
    return true;
}

std::uint8_t toByte(double v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 255.0))); }

// rgb(r, g, b) rgba(r, g, b, a) rgb(r g b / a): the part between the parentheses.
std::optional<Color> parseRgbArgs(std::string_view s) {
    double values[4];
    bool percents[4];
    int n = 0;
    for (;;) {
        while (!s.empty() && (s.front() == ' ' || s.front() == ',' || s.front() == '/')) s.remove_prefix(1);
        if (s.empty()) break;
        if (n == 4 || !parseNumber(s, values[n], percents[n])) return std::nullopt;
        ++n;
    }
    if (n != 3 && n != 4) return std::nullopt;
    Color c;
    std::uint8_t* channels[3] = {&c.r, &c.g, &c.b};
    for (int k = 0; k < 3; ++k) *channels[k] = toByte(percents[k] ? values[k] * 255 / 100 : values[k]);
    if (n == 4) c.a = toByte((percents[3] ? values[3] / 100 : values[3]) * 255);
    return c;
}

// x^2.4 for x in (0.04, 1]: x^2 times the fifth root of x^2, by Newton's method from above (y only
// falls toward the root; from 1, 12 steps reach it to the last bits of a double for every x here, >= 0.09).
// std::pow would bring musl's pow and its tables into the widget's wasm (0.75 KB gzip) for this one call.
double pow24(double x) {
    const double a = x * x;
    double y = 1;
    for (int i = 0; i < 12; ++i) y = (4 * y + a / (y * y * y * y)) / 5;
    return a * y;
}

double channelLinear(std::uint8_t v) {   // sRGB to linear, as WCAG 2.1's relative luminance
    const double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow24((c + 0.055) / 1.055);
}

Color mix(Color from, Color to, int step) {   // step/255 of the way from `from` to `to`
    auto m = [&](std::uint8_t a, std::uint8_t b) {
        return static_cast<std::uint8_t>((a * (255 - step) + b * step + 127) / 255);
    };
    return Color{m(from.r, to.r), m(from.g, to.g), m(from.b, to.b), m(from.a, to.a)};
}

// ---------------------------------------------------------------------------------------------
// Theme keys: one table drives parsing, encoding, lookup by name and the docs test.
// ---------------------------------------------------------------------------------------------
struct ColorSlot {
    std::string_view name;
    Color ThemeColors::*member;
};
const ColorSlot kColorSlots[] = {
    {"accent", &ThemeColors::accent},
    {"onAccent", &ThemeColors::onAccent},
    {"background", &ThemeColors::background},
    {"surface", &ThemeColors::surface},
    {"text", &ThemeColors::text},
    {"mutedText", &ThemeColors::mutedText},
    {"border", &ThemeColors::border},
    {"customerBubble", &ThemeColors::customerBubble},
    {"customerText", &ThemeColors::customerText},
    {"agentBubble", &ThemeColors::agentBubble},
    {"agentText", &ThemeColors::agentText},
    {"botBubble", &ThemeColors::botBubble},
    {"botText", &ThemeColors::botText},
    {"systemText", &ThemeColors::systemText},
    {"danger", &ThemeColors::danger},
    {"onDanger", &ThemeColors::onDanger},
    {"focusRing", &ThemeColors::focusRing},
    {"link", &ThemeColors::link},
};

struct RadiusSlot {
    std::string_view name;
    float ThemeRadii::*member;
};
const RadiusSlot kRadiusSlots[] = {
    {"window", &ThemeRadii::window},
    {"bubble", &ThemeRadii::bubble},
    {"button", &ThemeRadii::button},
};

constexpr int kMinFontPx = 10, kMaxFontPx = 32, kMaxRadiusPx = 64;

Color* slot(Theme& t, std::string_view name) {
    for (const auto& s : kColorSlots)
        if (s.name == name) return &(t.colors.*s.member);
    return nullptr;
}

// Reads theme JSON into a Theme, remembering the first error (later keys are still read, so all
// unknown keys get reported in one go).
class ThemeReader {
public:
    ThemeReader(Theme& theme, std::vector<std::string>* unknown) : theme_(theme), unknown_(unknown) {}

    void read(const Json& root) {
        if (!root.isObject()) return fail(ErrorCode::WrongType, "(root)", "expected object");
        for (const Json::Member& m : root.members()) {
            const std::string& key = m.key;
            const Json& v = m.value;
            if (key == "colors") colors(v);
            else if (key == "radii") radii(v);
            else if (key == "fontSizePx") number(v, key, kMinFontPx, kMaxFontPx, theme_.fontSizePx);
            else if (key == "fontFamily") fontFamily(v);
            else if (key == "partnerName") string(v, key, theme_.partnerName);
            else if (key == "logoUrl") string(v, key, theme_.logoUrl);
            else if (key == "launcherPosition") launcher(v);
            else if (key == "name" || key == "$schema" || key == "description") continue;   // for people
            else ignored(key);
        }
    }
    const std::optional<Error>& error() const { return error_; }

private:
    void colors(const Json& v) {
        if (!v.isObject()) return fail(ErrorCode::WrongType, "colors", "expected object");
        for (const Json::Member& m : v.members()) {
            const std::string path = "colors." + m.key;
            Color* c = slot(theme_, m.key);
            if (!c) { ignored(path); continue; }
            if (!m.value.isString()) { fail(ErrorCode::WrongType, path, "expected string"); continue; }
            if (auto parsed = parseColor(m.value.asString())) *c = *parsed;
            else fail(ErrorCode::InvalidValue, path, "not a colour (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba())");
        }
    }
    void radii(const Json& v) {
        if (!v.isObject()) return fail(ErrorCode::WrongType, "radii", "expected object");
        for (const Json::Member& m : v.members()) {
            const std::string path = "radii." + m.key;
            const auto s = std::find_if(std::begin(kRadiusSlots), std::end(kRadiusSlots),
                                        [&](const RadiusSlot& r) { return r.name == m.key; });
            if (s == std::end(kRadiusSlots)) ignored(path);
            else number(m.value, path, 0, kMaxRadiusPx, theme_.radii.*(s->member));
        }
    }
    void launcher(const Json& v) {
        if (!v.isString()) return fail(ErrorCode::WrongType, "launcherPosition", "expected string");
        const std::string& s = v.asString();
        if (s == "bottom-right") theme_.launcherPosition = LauncherPosition::BottomRight;
        else if (s == "bottom-left") theme_.launcherPosition = LauncherPosition::BottomLeft;
        else fail(ErrorCode::InvalidValue, "launcherPosition", "must be \"bottom-right\" or \"bottom-left\"");
    }
    // A CSS font-family list ("Acme Sans", Arial): names, quotes, commas; nothing that could end the
    // declaration it goes into (the shim's CSS, the browser's canvas font).
    void fontFamily(const Json& v) {
        std::string s;
        string(v, "fontFamily", s);
        if (!v.isString()) return;
        const bool plain = s.size() <= 200 && std::all_of(s.begin(), s.end(), [](char ch) {
            const auto c = static_cast<unsigned char>(ch);   // UTF-8 names ("メイリオ") too
            return std::isalnum(c) || c >= 0x80 || (c != 0 && std::strchr(" ,-_'\"", ch) != nullptr);
        });
        if (!plain)
            return fail(ErrorCode::InvalidValue, "fontFamily",
                        "a list of font names (letters, digits, spaces, quotes, commas, - and _; at most 200)");
        theme_.fontFamily = s;
    }
    void number(const Json& v, const std::string& path, int min, int max, float& out) {
        if (!v.isNumber()) return fail(ErrorCode::WrongType, path, "expected number");
        const double d = v.asNearDouble();
        if (!(d >= min && d <= max)) {
            const std::string what = "must be " + decimal(min) + " to " + decimal(max);
            return fail(ErrorCode::InvalidValue, path, what.c_str());
        }
        out = static_cast<float>(d);
    }
    void string(const Json& v, const std::string& path, std::string& out) {
        if (!v.isString()) return fail(ErrorCode::WrongType, path, "expected string");
        out = v.asString();
    }
    void ignored(const std::string& path) {
        if (unknown_) unknown_->push_back(path);
    }
    void fail(ErrorCode code, const std::string& path, const char* what) {
        if (!error_) error_ = Error{code, path + ": " + what};
    }

    Theme& theme_;
    std::vector<std::string>* unknown_;
    std::optional<Error> error_;
};

}  // namespace

std::optional<Color> parseColor(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (!text.empty() && text.front() == '#') return parseHex(text.substr(1));
    const std::string s = lowered(text);
    if (s == "white") return Color{255, 255, 255, 255};
    if (s == "black") return Color{0, 0, 0, 255};
    if (s == "transparent") return Color{0, 0, 0, 0};
    for (std::string_view fn : {"rgba(", "rgb("}) {
        if (s.size() > fn.size() && s.compare(0, fn.size(), fn) == 0 && s.back() == ')')
            return parseRgbArgs(std::string_view(s).substr(fn.size(), s.size() - fn.size() - 1));
    }
    return std::nullopt;
}

std::string formatColor(Color c) {
    // By hand: snprintf would link printf's float formatting into the wasm for this.
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "#";
    for (std::uint8_t v : {c.r, c.g, c.b, c.a}) {
        out += kHex[v >> 4];
        out += kHex[v & 15];
    }
    if (c.a == 255) out.resize(7);   // opaque: "#rrggbb"
    return out;
}

double relativeLuminance(Color c) {
    return 0.2126 * channelLinear(c.r) + 0.7152 * channelLinear(c.g) + 0.0722 * channelLinear(c.b);
}

Color compositeOver(Color top, Color bottom) {
    const double ta = top.a / 255.0, ba = bottom.a / 255.0;
    const double a = ta + ba * (1 - ta);
    if (a <= 0) return Color{0, 0, 0, 0};
    auto ch = [&](std::uint8_t t, std::uint8_t b) { return toByte((t * ta + b * ba * (1 - ta)) / a); };
    return Color{ch(top.r, bottom.r), ch(top.g, bottom.g), ch(top.b, bottom.b), toByte(a * 255)};
}

double contrastRatio(Color foreground, Color background) {
    const Color bg = compositeOver(background, Color{255, 255, 255, 255});
    const double l1 = relativeLuminance(compositeOver(foreground, bg));
    const double l2 = relativeLuminance(bg);
    return (std::max(l1, l2) + 0.05) / (std::min(l1, l2) + 0.05);
}

const char* toString(LauncherPosition p) {
    return p == LauncherPosition::BottomLeft ? "bottom-left" : "bottom-right";
}

Result<Theme> parseTheme(std::string_view text, std::vector<std::string>* unknownKeys) {
    const Json root = Json::parse(text);
    if (!root.valid()) return makeError(ErrorCode::MalformedJson, "theme: not valid JSON (or nested too deeply)");
    Theme theme;
    ThemeReader reader(theme, unknownKeys);
    reader.read(root);
    if (reader.error()) return *reader.error();
    return theme;
}

std::string encodeTheme(const Theme& t) {
    Json colors = Json::object();
    for (const auto& s : kColorSlots) colors.set(std::string(s.name), formatColor(t.colors.*s.member));
    Json radii = Json::object();
    for (const auto& s : kRadiusSlots) radii.set(std::string(s.name), t.radii.*s.member);
    Json j = Json::object();
    j.set("colors", std::move(colors));
    j.set("radii", std::move(radii));
    j.set("fontSizePx", t.fontSizePx);
    j.set("fontFamily", t.fontFamily);
    j.set("partnerName", t.partnerName);
    j.set("logoUrl", t.logoUrl);
    j.set("launcherPosition", toString(t.launcherPosition));
    return j.dump();
}

const std::vector<std::string_view>& themeColorNames() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> v;
        for (const auto& s : kColorSlots) v.push_back(s.name);
        return v;
    }();
    return names;
}

const Color* themeColor(const Theme& theme, std::string_view name) {
    return slot(const_cast<Theme&>(theme), name);
}

const std::vector<ContrastRule>& contrastRules() {
    // Where each text colour is drawn. Links in own bubbles use the bubble's text colour (underlined),
    // so `link` is checked against the bubbles it appears in only.
    static const std::vector<ContrastRule> rules = {
        {"text", "background", 4.5},         {"text", "surface", 4.5},
        {"mutedText", "background", 4.5},    {"mutedText", "surface", 4.5},
        {"onAccent", "accent", 4.5},         {"customerText", "customerBubble", 4.5},
        {"agentText", "agentBubble", 4.5},   {"botText", "botBubble", 4.5},
        {"systemText", "background", 4.5},   {"danger", "background", 4.5},
        {"onDanger", "danger", 4.5},         {"link", "agentBubble", 4.5},
        {"link", "botBubble", 4.5},          {"focusRing", "background", 3.0},
        {"focusRing", "surface", 3.0},
    };
    return rules;
}

namespace {
// Bubbles may be translucent: they are seen over the window background.
Color seenBackground(const Theme& t, std::string_view name) {
    const Color bg = compositeOver(t.colors.background, Color{255, 255, 255, 255});
    return name == "background" ? bg : compositeOver(*themeColor(t, name), bg);
}
}  // namespace

std::vector<ContrastIssue> checkContrast(const Theme& theme) {
    std::vector<ContrastIssue> issues;
    for (const ContrastRule& r : contrastRules()) {
        const double ratio = contrastRatio(*themeColor(theme, r.foreground), seenBackground(theme, r.background));
        if (ratio < r.required)
            issues.push_back({std::string(r.foreground), std::string(r.background), ratio, r.required});
    }
    return issues;
}

std::vector<ContrastIssue> enforceContrast(Theme& theme) {
    std::vector<ContrastIssue> found = checkContrast(theme);
    // A colour checked against two backgrounds may need a second look after the other one moved it.
    for (int round = 0; round < 3; ++round) {
        bool changed = false;
        for (const ContrastRule& r : contrastRules()) {
            Color& fg = *slot(theme, r.foreground);
            const Color bg = seenBackground(theme, r.background);
            if (contrastRatio(fg, bg) >= r.required) continue;
            const Color white{255, 255, 255, 255}, black{0, 0, 0, 255};
            const Color target = contrastRatio(white, bg) >= contrastRatio(black, bg) ? white : black;
            // Smallest step that passes. Contrast falls then rises along the way (when the colour has to
            // cross the background's luminance), so "passes" is false up to some step and true after it.
            int lo = 1, hi = 255;
            while (lo < hi) {
                const int mid = (lo + hi) / 2;
                if (contrastRatio(mix(fg, target, mid), bg) >= r.required) hi = mid;
                else lo = mid + 1;
            }
            while (lo < 255 && contrastRatio(mix(fg, target, lo), bg) < r.required) ++lo;   // rounding
            fg = mix(fg, target, lo);
            changed = true;
        }
        if (!changed) break;
    }
    return found;
}

}  // namespace finchat
