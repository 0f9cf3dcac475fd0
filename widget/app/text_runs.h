// widget/app/text_runs.h: message text shaped, laid out and rasterised by the browser.
//
// ImGui 1.86 draws only the glyphs baked into its atlas (16-bit code points, no shaping, no bidi),
// so "thanks 👍", Arabic, Hebrew, Hindi, Thai or Chinese would come out as "?". Message bodies (and
// every label of the window, kit.h Labels) go through the browser instead: the shim's text-raster.js (host.textLayout / host.textRaster, see
// widget/BRIDGE.md) breaks lines with Intl.Segmenter, orders mixed-direction text, measures with
// Canvas2D and draws with fillText (colour emoji, Arabic joining, Devanagari, Thai, CJK, the system's
// fallback fonts) into device-pixel bitmaps. The window keeps everything else: the row's place in the
// virtual list (heights come from the browser's layout), clipping, hover, the link controls (from
// the link rectangles the browser reports), and its ImDrawList draws the bitmaps as images.
//
// Bitmaps are tiles of at most kTilePx device rows, cached in a TextTextureCache bounded by
// kCacheBytes; only tiles in view are rasterised, for at most kRasterBudgetMs per frame (at least one
// tile; the rest on the next frames, so a fast scroll never stalls one frame).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"

#include "finchat/markdown.h"
#include "model/text_texture_cache.h"

namespace finchat::widget {

struct TextColors {
    std::uint32_t ink = 0, link = 0, codeBackground = 0;   // 0xRRGGBBAA
};

// The JSON text-raster.js lays out: blocks of styled runs, font size, line height, colours, and the
// theme's font families ("" = the browser's stack only).
std::string browserTextSpec(const RichText& rich, float fontPx, float lineH, const TextColors& colors,
                            const std::string& fontFamily);

struct BrowserTextLayout {
    std::string spec;
    float maxWidth = 0;
    float width = 0, height = 0;    // the text box, CSS px
    struct LinkRect {
        int link = -1;              // index into RichText::links
        ImVec2 min, max;            // relative to the text origin, CSS px
    };
    std::vector<LinkRect> links;    // one per piece of a link (a link may wrap or be split by bidi)
};

class BrowserText {
public:
    static constexpr std::size_t kCacheBytes = 16u << 20;   // 16 MiB of RGBA tiles on the GPU
    static constexpr int kTilePx = 512;                      // device rows per tile
    static constexpr double kRasterBudgetMs = 4.0;
    static constexpr float kPad = 3.f;                       // PAD in web/src/text-raster.js

    BrowserText();

    // The shim lays text out (false with a host that cannot: fc_init refuses it, BRIDGE.md).
    bool available() const { return available_; }
    bool layout(std::string spec, float maxWidth, BrowserTextLayout& out);

    // Draws laid-out text with the text box's top-left at `origin` (CSS px): the tiles that meet the
    // draw list's clip rect. Returns false if a tile had to wait for the next frame.
    bool draw(ImDrawList* dl, const std::string& key, const BrowserTextLayout& layout, ImVec2 origin, ImU32 tint);

    void beginFrame(float dpr);   // the frame's device pixel ratio
    void endFrame() { cache_.endFrame(); }
    void clear() { cache_.clear(); }     // fonts, colours, the device pixel ratio or the GL context changed
    const TextTextureCache& cache() const { return cache_; }
    std::size_t rastered() const { return rastered_; }   // tiles rasterised so far

private:
    bool available_ = false;
    TextTextureCache cache_;
    double frameStartMs_ = 0;
    float dpr_ = 1;
    bool rasteredThisFrame_ = false;
    std::size_t rastered_ = 0;
};

}  // namespace finchat::widget
