#include "fonts.h"

#include <cmath>
#include <cstdlib>

#include "finchat/util.h"
#include "imgui.h"

namespace finchat::widget {

namespace {
// Mirrors finchat_base_unicodes in widget/CMakeLists.txt (what the base files contain).
const ImWchar kBaseRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x2010, 0x2027, 0x2030, 0x203A, 0x20AC, 0x20AC, 0x2122, 0x2122,
    0x2190, 0x2193, 0x2212, 0x2212, 0x2713, 0x2713, 0x2715, 0x2715, 0};

}  // namespace

void Fonts::setData(int slot, unsigned char* data, int size) {
    if (slot < 0 || slot >= SlotCount || !data || size <= 0) {
        std::free(data);
        return;
    }
    data_[slot].assign(data, data + size);
    std::free(data);
    dirty_ = true;
}

void Fonts::setBaseSize(float px) {
    if (px == basePx_) return;
    basePx_ = px;
    dirty_ = true;
}

void Fonts::setDpr(double dpr) {
    if (std::fabs(dpr - dpr_) < 0.01) return;
    dpr_ = dpr;
    dirty_ = true;
}

bool Fonts::inBase(std::uint32_t cp) {
    for (int i = 0; kBaseRanges[i]; i += 2)
        if (cp >= kBaseRanges[i] && cp <= kBaseRanges[i + 1]) return true;
    return false;
}

bool Fonts::noteText(std::string_view utf8) {
    bool added = false;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        if (b < 0x80) { ++i; continue; }   // ASCII: always in the base files
        const std::int32_t decoded = nextCodePoint(utf8, i);   // -1: invalid UTF-8, skipped
        // 1.86 stores glyphs as 16-bit ImWchar: astral codepoints (emoji) cannot be baked.
        if (decoded < 0x20 || decoded > 0xFFFF) continue;
        const auto cp = static_cast<std::uint32_t>(decoded);
        if (inBase(cp)) continue;
        if (extra_.insert(cp).second) added = true;
    }
    if (!added) return false;
    if (hasData(Fallback)) dirty_ = true;
    if (fallbackRequested_ || hasData(Fallback)) return false;
    fallbackRequested_ = true;
    return true;
}

bool Fonts::rebuildIfNeeded() {
    if (!dirty_) return false;
    dirty_ = false;
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas& atlas = *io.Fonts;
    atlas.Clear();
    atlas.TexDesiredWidth = 1024;
    const float scale = static_cast<float>(dpr_);

    extraRanges_.clear();
    for (std::uint32_t cp : extra_) {
        extraRanges_.push_back(static_cast<ImWchar>(cp));
        extraRanges_.push_back(static_cast<ImWchar>(cp));
    }
    extraRanges_.push_back(0);

    auto add = [&](int slot, float px) -> ImFont* {
        const int src = hasData(slot) ? slot : Regular;
        if (!hasData(src)) {   // fonts not fetched (yet): ImGui's built-in bitmap font
            ImFontConfig cfg;
            cfg.SizePixels = std::round(13.f * scale);
            return atlas.AddFontDefault(&cfg);
        }
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;   // the bytes live in data_ and are reused by rebuilds
        cfg.OversampleH = 1;                // drawn at device pixels: 4× smaller atlas, no visible loss
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        auto& bytes = data_[src];
        ImFont* font = atlas.AddFontFromMemoryTTF(bytes.data(), static_cast<int>(bytes.size()), px * scale, &cfg,
                                                  kBaseRanges);
        if (hasData(Fallback) && extraRanges_.size() > 1) {
            ImFontConfig merge;
            merge.FontDataOwnedByAtlas = false;
            merge.MergeMode = true;
            merge.OversampleH = 1;
            merge.OversampleV = 1;
            merge.PixelSnapH = true;
            auto& fb = data_[Fallback];
            atlas.AddFontFromMemoryTTF(fb.data(), static_cast<int>(fb.size()), px * scale, &merge,
                                       extraRanges_.data());
        }
        return font;
    };
    body = add(Regular, basePx_);
    bold = add(SemiBold, basePx_);
    small = add(Regular, std::round(basePx_ * 0.8f));
    title = add(SemiBold, std::round(basePx_ * 1.07f));
    io.FontDefault = body;
    io.FontGlobalScale = 1.f / scale;
    atlas.Build();
    return true;
}

}  // namespace finchat::widget
