#include "text_runs.h"

#include <algorithm>
#include <cmath>

#include <emscripten.h>

#include "finchat/json.h"
#include "finchat/theme.h"
#include "finchat/util.h"

extern "C" {
// widget/app/text_runs.js (emscripten --js-library), over host.textLayout / host.textRaster.
int fc_js_text_available();
int fc_js_text_layout(const char* spec, float maxWidth, float* out, int capacity);
int fc_js_text_raster(const char* spec, float maxWidth, float dpr, int top, int height, int* width);
void fc_js_text_release(int texture);
}

namespace finchat::widget {

namespace {
// "#rrggbb" or "#rrggbbaa" (core's formatColor): snprintf would link musl's printf into the wasm.
std::string cssColor(std::uint32_t rgba) {
    return formatColor(Color{static_cast<std::uint8_t>(rgba >> 24), static_cast<std::uint8_t>(rgba >> 16),
                             static_cast<std::uint8_t>(rgba >> 8), static_cast<std::uint8_t>(rgba)});
}
}  // namespace

std::string browserTextSpec(const RichText& rich, float fontPx, float lineH, const TextColors& colors,
                            const std::string& fontFamily) {
    Json blocks = Json::array();
    for (const auto& block : rich.blocks) {
        Json runs = Json::array();
        for (const auto& run : block.runs) {
            Json r = Json::object({{"t", run.text}, {"l", run.link}});
            if (run.bold) r.set("b", 1);
            if (run.italic) r.set("i", 1);
            if (run.code) r.set("c", 1);
            runs.push(std::move(r));
        }
        const int kind = block.kind == BlockKind::Bullet ? 1 : block.kind == BlockKind::Numbered ? 2 : 0;
        Json b = Json::object({{"k", kind}, {"r", std::move(runs)}});
        if (kind == 2) b.set("n", static_cast<std::int64_t>(block.number));
        if (block.gapBefore) b.set("g", true);
        blocks.push(std::move(b));
    }
    Json spec = Json::object({{"px", Json::fixed(fontPx, 3)}, {"lh", Json::fixed(lineH, 3)},
                              {"ink", cssColor(colors.ink)}, {"link", cssColor(colors.link)},
                              {"code", cssColor(colors.codeBackground)}, {"blocks", std::move(blocks)}});
    if (!fontFamily.empty()) spec.set("ff", fontFamily);
    return spec.dump();
}

BrowserText::BrowserText()
    : available_(fc_js_text_available() != 0),
      cache_(kCacheBytes, [](std::uint32_t texture) { fc_js_text_release(static_cast<int>(texture)); }) {}

bool BrowserText::layout(std::string spec, float maxWidth, BrowserTextLayout& out) {
    if (!available_) return false;
    std::vector<float> buf(3 + 5 * 16);
    int n = fc_js_text_layout(spec.c_str(), maxWidth, buf.data(), static_cast<int>(buf.size()));
    if (n > static_cast<int>(buf.size())) {   // many link pieces: ask again with room for all
        buf.resize(static_cast<std::size_t>(n));
        n = fc_js_text_layout(spec.c_str(), maxWidth, buf.data(), n);
    }
    if (n < 3) return false;
    out.spec = std::move(spec);
    out.maxWidth = maxWidth;
    out.width = buf[0];
    out.height = buf[1];
    out.links.clear();
    const int count = static_cast<int>(buf[2]);
    for (int i = 0; i < count && 3 + 5 * i + 4 < n; ++i) {
        const float* r = &buf[static_cast<std::size_t>(3 + 5 * i)];
        out.links.push_back({static_cast<int>(r[0]), ImVec2(r[1], r[2]), ImVec2(r[1] + r[3], r[2] + r[4])});
    }
    return true;
}

void BrowserText::beginFrame(float dpr) {
    dpr_ = std::max(0.5f, dpr);
    frameStartMs_ = emscripten_get_now();
    rasteredThisFrame_ = false;
}

bool BrowserText::draw(ImDrawList* dl, const std::string& key, const BrowserTextLayout& layout, ImVec2 origin,
                       ImU32 tint) {
    const float dpr = dpr_;
    // The bitmap's top-left on a device pixel, so its pixels map one to one onto the screen's.
    const float left = std::round((origin.x - kPad) * dpr) / dpr;
    const float top = std::round((origin.y - kPad) * dpr) / dpr;
    const int heightPx = static_cast<int>(std::ceil((layout.height + 2 * kPad) * dpr));
    const ImVec2 clipMin = dl->GetClipRectMin(), clipMax = dl->GetClipRectMax();
    bool complete = true;
    // Integers in the key (no float formatting pulled into the wasm): 1/64 px, 1/1000 of the ratio.
    const std::string sizes = decimal(std::lround(layout.maxWidth * 64)) + '\n' + decimal(std::lround(dpr * 1000));
    std::string hashText;   // unsigned, as std::to_string wrote it
    appendDecimal(hashText, std::hash<std::string>{}(layout.spec));
    for (int tileTop = 0; tileTop < heightPx; tileTop += kTilePx) {
        const int tileH = std::min(kTilePx, heightPx - tileTop);
        const float y0 = top + static_cast<float>(tileTop) / dpr, y1 = y0 + static_cast<float>(tileH) / dpr;
        if (y1 < clipMin.y || y0 > clipMax.y) continue;
        const std::string tileKey = key + '\n' + hashText + '\n' + sizes +
                                    '\n' + decimal(tileTop);
        const TextTextureCache::Entry* e = cache_.find(tileKey);
        if (!e) {
            if (rasteredThisFrame_ && emscripten_get_now() - frameStartMs_ > kRasterBudgetMs) {
                complete = false;
                continue;
            }
            rasteredThisFrame_ = true;
            int widthPx = 0;
            const int texture = fc_js_text_raster(layout.spec.c_str(), layout.maxWidth, dpr, tileTop, tileH, &widthPx);
            if (texture <= 0 || widthPx <= 0) continue;
            ++rastered_;
            e = cache_.insert(tileKey, {static_cast<std::uint32_t>(texture), widthPx, tileH});
        }
        dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(e->texture)), ImVec2(left, y0),
                     ImVec2(left + static_cast<float>(e->width) / dpr, y1), ImVec2(0, 0), ImVec2(1, 1), tint);
    }
    return complete;
}

}  // namespace finchat::widget
