// Theme JSON, colours, WCAG contrast checks and enforcement; the shipped themes and their docs.
#include <catch2/catch.hpp>

#include <algorithm>

#include "finchat/theme.h"
#include "source_files.h"

using namespace finchat;

namespace {

Color rgb(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) { return Color{r, g, b, a}; }

}  // namespace

TEST_CASE("colour syntax", "[theme]") {
    CHECK(parseColor("#0b6e4f") == rgb(0x0b, 0x6e, 0x4f));
    CHECK(parseColor("#0B6E4F") == rgb(0x0b, 0x6e, 0x4f));
    CHECK(parseColor("#abc") == rgb(0xaa, 0xbb, 0xcc));
    CHECK(parseColor("#abcd") == rgb(0xaa, 0xbb, 0xcc, 0xdd));
    CHECK(parseColor("#0b6e4f80") == rgb(0x0b, 0x6e, 0x4f, 0x80));
    CHECK(parseColor("  #fff  ") == rgb(255, 255, 255));
    CHECK(parseColor("rgb(11, 110, 79)") == rgb(11, 110, 79));
    CHECK(parseColor("RGB(11,110,79)") == rgb(11, 110, 79));
    CHECK(parseColor("rgba(11, 110, 79, 0.5)") == rgb(11, 110, 79, 128));
    CHECK(parseColor("rgba(11, 110, 79, .25)") == rgb(11, 110, 79, 64));
    CHECK(parseColor("rgb(11 110 79 / 50%)") == rgb(11, 110, 79, 128));
    CHECK(parseColor("rgb(100%, 0%, 50%)") == rgb(255, 0, 128));
    CHECK(parseColor("rgb(300, -1, 0)") == std::nullopt);   // a minus sign is not a CSS number here
    CHECK(parseColor("rgb(300, 0, 0)") == rgb(255, 0, 0));  // clamped, as CSS does
    CHECK(parseColor("white") == rgb(255, 255, 255));
    CHECK(parseColor("transparent") == rgb(0, 0, 0, 0));
    for (const char* bad : {"", "#", "#12", "#12345", "#1234567", "#ggg", "0b6e4f", "rgb(1,2)", "rgb(1,2,3,4,5)",
                            "rgb(1,2,3", "rgb()", "hsl(1,2%,3%)", "red", "rgb(a,b,c)", "#0b6e4f;"}) {
        INFO(bad);
        CHECK_FALSE(parseColor(bad));
    }
    CHECK(formatColor(rgb(0x0b, 0x6e, 0x4f)) == "#0b6e4f");
    CHECK(formatColor(rgb(0x0b, 0x6e, 0x4f, 0x80)) == "#0b6e4f80");
    CHECK(packAbgr(rgb(0x11, 0x22, 0x33, 0x44)) == 0x44332211u);
}

TEST_CASE("WCAG relative luminance and contrast ratios", "[theme]") {
    CHECK(relativeLuminance(rgb(0, 0, 0)) == Approx(0.0));
    CHECK(relativeLuminance(rgb(255, 255, 255)) == Approx(1.0));
    CHECK(contrastRatio(rgb(0, 0, 0), rgb(255, 255, 255)) == Approx(21.0));
    CHECK(contrastRatio(rgb(255, 255, 255), rgb(255, 255, 255)) == Approx(1.0));
    // Known values (WebAIM's checker): #767676 on white is the lightest grey that passes AA.
    CHECK(contrastRatio(rgb(0x76, 0x76, 0x76), rgb(255, 255, 255)) == Approx(4.54).margin(0.01));
    CHECK(contrastRatio(rgb(0x77, 0x77, 0x77), rgb(255, 255, 255)) == Approx(4.48).margin(0.01));
    CHECK(contrastRatio(rgb(255, 255, 255), rgb(0x0b, 0x6e, 0x4f)) == Approx(6.25).margin(0.01));
    // Symmetric; translucent text is blended into its background first.
    CHECK(contrastRatio(rgb(255, 255, 255), rgb(0, 0, 0)) == Approx(21.0));
    CHECK(contrastRatio(rgb(0, 0, 0, 0), rgb(255, 255, 255)) == Approx(1.0));
    CHECK(contrastRatio(rgb(0, 0, 0, 128), rgb(255, 255, 255)) < 5.0);
}

TEST_CASE("a theme overrides the defaults key by key; unknown keys are reported, not fatal", "[theme]") {
    std::vector<std::string> unknown;
    auto t = parseTheme(R"({"name":"Test","colors":{"accent":"#0b6e4f","acent":"#fff"},"radii":{"bubble":20,"corner":3},
                           "fontSizePx":16.5,"fontFamily":"'Acme Sans', Arial","partnerName":"Acme Bank","logoUrl":"https://acme.example/logo.svg",
                           "launcherPosition":"bottom-left","extra":{"deep":[1,2,3]}})",
                        &unknown);
    REQUIRE(t);
    CHECK(t->colors.accent == rgb(0x0b, 0x6e, 0x4f));
    CHECK(t->colors.text == ThemeColors{}.text);
    CHECK(t->radii.bubble == 20.f);
    CHECK(t->radii.window == ThemeRadii{}.window);
    CHECK(t->fontSizePx == 16.5f);
    CHECK(t->fontFamily == "'Acme Sans', Arial");
    CHECK(t->partnerName == "Acme Bank");
    CHECK(t->logoUrl == "https://acme.example/logo.svg");
    CHECK(t->launcherPosition == LauncherPosition::BottomLeft);
    std::sort(unknown.begin(), unknown.end());
    CHECK(unknown == std::vector<std::string>{"colors.acent", "extra", "radii.corner"});

    auto empty = parseTheme("{}");
    REQUIRE(empty);
    CHECK(*empty == Theme{});
}

TEST_CASE("theme errors name the key and the problem", "[theme]") {
    struct Case { const char* json; ErrorCode code; const char* detail; };
    for (const Case& c : std::vector<Case>{
             {"not json", ErrorCode::MalformedJson, "theme: not valid JSON"},
             {"[1]", ErrorCode::WrongType, "(root): expected object"},
             {R"({"colors":"green"})", ErrorCode::WrongType, "colors: expected object"},
             {R"({"colors":{"accent":12}})", ErrorCode::WrongType, "colors.accent: expected string"},
             {R"({"colors":{"accent":"greenish"}})", ErrorCode::InvalidValue, "colors.accent: not a colour"},
             {R"({"radii":{"bubble":"8px"}})", ErrorCode::WrongType, "radii.bubble: expected number"},
             {R"({"radii":{"bubble":-1}})", ErrorCode::InvalidValue, "radii.bubble: must be 0 to 64"},
             {R"({"fontSizePx":"15"})", ErrorCode::WrongType, "fontSizePx: expected number"},
             {R"({"fontSizePx":100})", ErrorCode::InvalidValue, "fontSizePx: must be 10 to 32"},
             {R"({"partnerName":null})", ErrorCode::WrongType, "partnerName: expected string"},
             {R"({"fontFamily":3})", ErrorCode::WrongType, "fontFamily: expected string"},
             {R"({"fontFamily":"Inter; color: red"})", ErrorCode::InvalidValue, "fontFamily: a list of font names"},
             {R"({"fontFamily":"Inter}<style>"})", ErrorCode::InvalidValue, "fontFamily: a list of font names"},
             {R"({"launcherPosition":"top-left"})", ErrorCode::InvalidValue, "launcherPosition: must be"},
             {R"({"launcherPosition":true})", ErrorCode::WrongType, "launcherPosition: expected string"},
         }) {
        INFO(c.json);
        auto t = parseTheme(c.json);
        REQUIRE_FALSE(t);
        CHECK(t.error().code == c.code);
        CHECK(t.error().detail.rfind(c.detail, 0) == 0);
    }
    std::string deep(10'000, '[');
    CHECK(parseTheme(deep).error().code == ErrorCode::MalformedJson);
}

TEST_CASE("encodeTheme writes what parseTheme reads back", "[theme]") {
    Theme t;
    t.colors.accent = rgb(1, 2, 3, 4);
    t.radii.button = 3.5f;
    t.fontSizePx = 17;
    t.fontFamily = "\"Acme Sans\", sans-serif";
    t.partnerName = "Acme \"Bank\"";
    t.launcherPosition = LauncherPosition::BottomLeft;
    auto back = parseTheme(encodeTheme(t));
    REQUIRE(back);
    CHECK(*back == t);
}

TEST_CASE("the default theme passes every contrast rule", "[theme][contrast]") {
    CHECK(checkContrast(Theme{}).empty());
    for (const ContrastRule& r : contrastRules()) {
        CHECK(themeColor(Theme{}, r.foreground) != nullptr);
        CHECK(themeColor(Theme{}, r.background) != nullptr);
    }
}

TEST_CASE("contrast failures are listed per pair with their ratio", "[theme][contrast]") {
    Theme t;
    t.colors.accent = *parseColor("#7fd1ae");        // a light brand green: white text fails on it
    t.colors.customerBubble = t.colors.accent;
    t.colors.mutedText = *parseColor("#aaaaaa");     // fails on background and surface
    t.colors.focusRing = *parseColor("#dddddd");     // fails 3:1
    const auto issues = checkContrast(t);
    auto has = [&](const char* fg, const char* bg) {
        return std::any_of(issues.begin(), issues.end(),
                           [&](const ContrastIssue& i) { return i.foreground == fg && i.background == bg; });
    };
    CHECK(issues.size() == 6);
    CHECK(has("onAccent", "accent"));
    CHECK(has("customerText", "customerBubble"));
    CHECK(has("mutedText", "background"));
    CHECK(has("mutedText", "surface"));
    CHECK(has("focusRing", "background"));
    CHECK(has("focusRing", "surface"));
    for (const ContrastIssue& i : issues) {
        CHECK(i.ratio < i.required);
        CHECK(i.ratio >= 1.0);
    }
    const auto ring = std::find_if(issues.begin(), issues.end(), [](const ContrastIssue& i) { return i.foreground == "focusRing"; });
    CHECK(ring->required == 3.0);
}

TEST_CASE("translucent bubbles are checked as seen over the window background", "[theme][contrast]") {
    Theme t;
    t.colors.background = rgb(0, 0, 0);
    t.colors.text = rgb(255, 255, 255);
    t.colors.mutedText = rgb(200, 200, 200);
    t.colors.systemText = rgb(200, 200, 200);
    t.colors.surface = rgb(30, 30, 30);
    t.colors.danger = rgb(255, 120, 120);
    t.colors.focusRing = rgb(255, 255, 255);
    t.colors.agentBubble = rgb(255, 255, 255, 20);   // nearly transparent white over black: dark
    t.colors.agentText = rgb(20, 20, 20);            // dark text on a dark bubble: fails
    const auto issues = checkContrast(t);
    CHECK(std::any_of(issues.begin(), issues.end(), [](const ContrastIssue& i) { return i.foreground == "agentText"; }));
    t.colors.agentText = rgb(255, 255, 255);
    t.colors.link = rgb(120, 180, 255);
    const auto after = checkContrast(t);
    CHECK_FALSE(std::any_of(after.begin(), after.end(), [](const ContrastIssue& i) { return i.foreground == "agentText"; }));
}

TEST_CASE("enforceContrast nudges failing text just far enough", "[theme][contrast]") {
    Theme t;
    t.colors.accent = *parseColor("#7fd1ae");
    t.colors.customerBubble = t.colors.accent;
    t.colors.mutedText = *parseColor("#aaaaaa");
    t.colors.focusRing = *parseColor("#dddddd");
    t.colors.agentText = rgb(0xee, 0xf1, 0xf5, 128);   // translucent and invisible on its bubble
    const Theme before = t;
    const auto fixed = enforceContrast(t);
    CHECK(fixed == checkContrast(before));
    CHECK(checkContrast(t).empty());
    // Colours that passed are untouched; backgrounds are never changed.
    CHECK(t.colors.text == before.colors.text);
    CHECK(t.colors.accent == before.colors.accent);
    CHECK(t.colors.customerBubble == before.colors.customerBubble);
    // White on a light green goes dark; grey on white goes darker, and not all the way to black.
    CHECK(relativeLuminance(t.colors.onAccent) < relativeLuminance(before.colors.onAccent));
    CHECK(relativeLuminance(t.colors.mutedText) < relativeLuminance(before.colors.mutedText));
    CHECK(t.colors.mutedText != rgb(0, 0, 0));
    CHECK(contrastRatio(t.colors.mutedText, t.colors.background) < 5.0);   // the smallest step, not a jump
    CHECK(t.colors.agentText.a > before.colors.agentText.a);   // translucency is part of the problem
    // Idempotent.
    const Theme once = t;
    CHECK(enforceContrast(t).empty());
    CHECK(t == once);
}

TEST_CASE("enforceContrast on a dark theme moves text towards white", "[theme][contrast]") {
    Theme t;
    t.colors.background = rgb(0x12, 0x14, 0x18);
    t.colors.surface = rgb(0x1c, 0x1f, 0x25);
    t.colors.agentBubble = rgb(0x26, 0x2a, 0x31);
    t.colors.botBubble = rgb(0x26, 0x2a, 0x31);
    const Theme before = t;
    enforceContrast(t);
    CHECK(checkContrast(t).empty());
    CHECK(relativeLuminance(t.colors.text) > relativeLuminance(before.colors.text));
    CHECK(relativeLuminance(t.colors.agentText) > relativeLuminance(before.colors.agentText));
}

TEST_CASE("enforceContrast reaches every rule for arbitrary colours", "[theme][contrast]") {
    // A deterministic sweep of foreground/background pairs, including translucent text.
    std::uint32_t seed = 12345;
    auto next = [&] { seed = seed * 1664525u + 1013904223u; return static_cast<std::uint8_t>(seed >> 24); };
    for (int i = 0; i < 300; ++i) {
        Theme t;
        t.colors.accent = rgb(next(), next(), next());
        t.colors.onAccent = rgb(next(), next(), next(), next());
        t.colors.customerBubble = rgb(next(), next(), next());
        t.colors.customerText = rgb(next(), next(), next());
        t.colors.danger = rgb(next(), next(), next());
        t.colors.onDanger = rgb(next(), next(), next());
        enforceContrast(t);
        for (const ContrastIssue& issue : checkContrast(t)) {
            // Only rules whose background itself changed may still fail (danger is both text and a
            // background): everything else must pass.
            INFO(issue.foreground << " on " << issue.background << ": " << issue.ratio);
            CHECK((issue.foreground == "danger" || issue.background == "danger"));
        }
        CHECK(contrastRatio(t.colors.onAccent, t.colors.accent) >= 4.5);
        CHECK(contrastRatio(t.colors.customerText, t.colors.customerBubble) >= 4.5);
    }
}

TEST_CASE("themes/default.json and themes/acme.json load and pass as shipped", "[theme][files]") {
    for (const char* file : {"themes/default.json", "themes/acme.json"}) {
        INFO(file);
        std::vector<std::string> unknown;
        const std::string text = fake::readSourceFile(file);
        REQUIRE_FALSE(text.empty());
        auto t = parseTheme(text, &unknown);
        REQUIRE(t);
        CHECK(unknown.empty());
        CHECK(checkContrast(*t).empty());
    }
    CHECK(*parseTheme(fake::readSourceFile("themes/default.json")) == Theme{});
    auto acme = parseTheme(fake::readSourceFile("themes/acme.json"));
    CHECK(acme->partnerName == "Acme Bank");
    CHECK(acme->colors.accent == rgb(0x0b, 0x6e, 0x4f));
}

TEST_CASE("themes/README.md documents every key", "[theme][files]") {
    const std::string readme = fake::readSourceFile("themes/README.md");
    REQUIRE_FALSE(readme.empty());
    for (std::string_view name : themeColorNames()) CHECK(readme.find("`" + std::string(name) + "`") != std::string::npos);
    for (const char* key : {"`colors`", "`radii`", "`radii.window`", "`radii.bubble`", "`radii.button`", "`fontSizePx`", "`partnerName`",
                            "`logoUrl`", "`launcherPosition`"})
        CHECK(readme.find(key) != std::string::npos);
}
