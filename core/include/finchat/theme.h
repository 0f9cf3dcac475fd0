// finchat/theme.h: the brand theme designers write as JSON (themes/README.md lists every key).
//
// A theme is colours, radii, a font size, the partner's name and logo, and where the launcher sits.
// Every key is optional: what a theme leaves out keeps the default (a sober, accessible blue-grey), so a
// partner can start from {"colors": {"accent": "#0b6e4f"}}. Unknown keys are ignored (and reported, to
// catch typos); a key with the wrong type or an unreadable value is an Error naming it.
//
// Bank customers include people with low vision, and a brand colour is easily too light for white text.
// checkContrast() lists every text/background pair of the window under WCAG 2.x AA (4.5:1 for text,
// 3:1 for the focus ring, a non-text indicator); enforceContrast() moves each failing text colour
// towards black or white just far enough to pass, so a bad brand theme still renders readable. The
// widget logs the issues (designers see them in the console) and draws the enforced theme.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/result.h"

namespace finchat {

struct Color {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator==(const Color&) const = default;
};

// CSS colour syntax designers use: "#rgb", "#rgba", "#rrggbb", "#rrggbbaa", "rgb(11, 110, 79)",
// "rgba(11, 110, 79, 0.5)", "rgb(11 110 79 / 50%)", channels as 0-255 or percentages; also "white",
// "black" and "transparent". Case-insensitive; nullopt for anything else.
std::optional<Color> parseColor(std::string_view text);
std::string formatColor(Color c);                 // "#rrggbb", or "#rrggbbaa" when not opaque
// Dear ImGui's packed colour (IM_COL32: alpha in the high byte, red in the low byte).
inline std::uint32_t packAbgr(Color c) {
    return static_cast<std::uint32_t>(c.a) << 24 | static_cast<std::uint32_t>(c.b) << 16 |
           static_cast<std::uint32_t>(c.g) << 8 | c.r;
}

// WCAG 2.x relative luminance of the opaque colour (alpha ignored), 0 (black) to 1 (white).
double relativeLuminance(Color c);
// `top` drawn over `bottom` (source-over); opaque whenever `bottom` is.
Color compositeOver(Color top, Color bottom);
// WCAG contrast ratio (1 to 21) of `foreground` drawn over `background`; a translucent background is
// first composited over white, a translucent foreground over the background.
double contrastRatio(Color foreground, Color background);

enum class LauncherPosition { BottomRight, BottomLeft };

struct ThemeColors {
    Color accent{0x25, 0x57, 0xA7};           // launcher, send button, primary buttons, own bubbles
    Color onAccent{0xFF, 0xFF, 0xFF};         // text and icons on accent
    Color background{0xFF, 0xFF, 0xFF};       // the message list
    Color surface{0xF4, 0xF5, 0xF7};          // header, composer bar, banners
    Color text{0x1B, 0x1F, 0x24};             // header title, body text on background and surface
    Color mutedText{0x55, 0x5E, 0x6A};        // times, delivery states, date separators, subtitles
    Color border{0xD5, 0xD9, 0xDF};           // window outline, dividers (decorative: no contrast rule)
    Color customerBubble{0x25, 0x57, 0xA7};
    Color customerText{0xFF, 0xFF, 0xFF};
    Color agentBubble{0xEE, 0xF1, 0xF5};
    Color agentText{0x1B, 0x1F, 0x24};
    Color botBubble{0xF1, 0xF0, 0xF8};
    Color botText{0x1B, 0x1F, 0x24};
    Color systemText{0x55, 0x5E, 0x6A};       // "Sam joined the chat", handoff divider
    Color danger{0xB4, 0x23, 0x18};           // "Not sent", errors, the End button
    Color onDanger{0xFF, 0xFF, 0xFF};         // text on danger buttons
    Color focusRing{0x25, 0x57, 0xA7};        // keyboard focus outline (3:1 against what it surrounds)
    Color link{0x1A, 0x4F, 0xB8};             // links in agent and bot bubbles (own bubbles: their text colour)
    bool operator==(const ThemeColors&) const = default;
};

struct ThemeRadii {
    float window = 12;
    float bubble = 12;
    float button = 8;
    bool operator==(const ThemeRadii&) const = default;
};

struct Theme {
    ThemeColors colors;
    ThemeRadii radii;
    float fontSizePx = 15;                    // body text in CSS px (the widget scales by devicePixelRatio)
    std::string fontFamily;                   // CSS font families tried first (fonts the page has); "": system-ui
    std::string partnerName;                  // "Chat with {partner}" in the header
    std::string logoUrl;                      // header logo; empty: none
    LauncherPosition launcherPosition = LauncherPosition::BottomRight;
    bool operator==(const Theme&) const = default;
};

// Theme JSON on top of the defaults. `unknownKeys`, if given, receives the keys it ignored
// ("colors.acent"). Errors: MalformedJson, WrongType ("colors.accent: expected string"), InvalidValue
// ("colors.accent: not a colour", "fontSizePx: must be 10 to 32", unknown launcherPosition, a fontFamily
// that is not a plain list of family names).
Result<Theme> parseTheme(std::string_view json, std::vector<std::string>* unknownKeys = nullptr);
std::string encodeTheme(const Theme& theme);    // the same JSON shape, every key written

// Theme colour slots by their JSON name ("accent", "customerText"...), for tools and tests.
const std::vector<std::string_view>& themeColorNames();
const Color* themeColor(const Theme& theme, std::string_view name);
const char* toString(LauncherPosition p);      // "bottom-right" | "bottom-left"

struct ContrastRule {
    std::string_view foreground, background;   // colour names
    double required = 4.5;
};
// Every pair the window draws text (or the focus ring) with, and what it must reach.
const std::vector<ContrastRule>& contrastRules();

struct ContrastIssue {
    std::string foreground, background;
    double ratio = 0;
    double required = 0;
    bool operator==(const ContrastIssue&) const = default;
};
std::vector<ContrastIssue> checkContrast(const Theme& theme);
// Moves failing foreground colours towards black or white (whichever contrasts more with their
// background; fully opaque at the end of the way) by the smallest step that passes. Returns the issues
// it found, as checkContrast() reported them before. Afterwards checkContrast() is empty unless one
// colour must pass against two backgrounds that no single colour can satisfy (then the best is kept).
std::vector<ContrastIssue> enforceContrast(Theme& theme);

}  // namespace finchat
