#include "fonts.h"

#include "imgui.h"

namespace finchat::widget {
namespace {

constexpr float kFontPx = 13.f;     // ProggyClean's size: ImGui's frame heights and paddings stay as they were
constexpr float kAdvancePx = 7.f;   // and its (monospaced) advance, so measured widths do too

}  // namespace

// ImFontAtlas::Build, replaced at the link (widget/CMakeLists.txt: -Wl,--wrap=_ZN11ImFontAtlas5BuildEv).
// ImGui's own Build adds ProggyClean when no font was added and rasterises fonts with stb_truetype;
// both are referenced from it (and it from GetTexDataAsAlpha8), so they stay in the wasm whatever the
// widget calls: ~10 KB gzip of compressed font, mouse-cursor pixels and the rasteriser. No text of the
// widget is drawn with the atlas (fonts.h), so this builds what ImGui itself needs: one font with
// ProggyClean's metrics whose glyphs draw nothing, and a 1x1 white texture (the white pixel every
// shape samples). No mouse cursors (io.MouseDrawCursor stays off) and no baked lines.
// The wrapper is called in place of the member function: `this` is the first argument.
extern "C" bool __wrap__ZN11ImFontAtlas5BuildEv(ImFontAtlas* atlas) {
    atlas->Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoBakedLines;
    if (atlas->Fonts.empty()) {
        ImFont* font = IM_NEW(ImFont);
        atlas->Fonts.push_back(font);
        font->ContainerAtlas = atlas;
        font->FontSize = kFontPx;
        font->Ascent = 10.f;
        font->Descent = -3.f;
        for (ImWchar c = 0x20; c <= 0xFF; ++c) font->AddGlyph(nullptr, c, 0, 0, 0, 0, 0, 0, 0, 0, kAdvancePx);
        font->BuildLookupTable();
    }
    atlas->ClearTexData();
    atlas->TexWidth = atlas->TexHeight = 1;
    atlas->TexUvScale = ImVec2(1.f, 1.f);
    atlas->TexUvWhitePixel = ImVec2(0.5f, 0.5f);
    atlas->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(1));
    atlas->TexPixelsAlpha8[0] = 0xFF;
    atlas->TexReady = true;
    return true;
}

bool Fonts::rebuildIfNeeded() {
    if (built_) return false;
    built_ = true;
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas& atlas = *io.Fonts;
    atlas.Clear();
    atlas.Build();
    font = atlas.Fonts[0];
    io.FontDefault = font;
    io.FontGlobalScale = 1.f;
    return true;
}

}  // namespace finchat::widget
