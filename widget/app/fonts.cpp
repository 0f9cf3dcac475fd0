#include "fonts.h"

#include "imgui.h"

namespace finchat::widget {

bool Fonts::rebuildIfNeeded() {
    if (built_) return false;
    built_ = true;
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas& atlas = *io.Fonts;
    atlas.Clear();
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    font = atlas.AddFontDefault(&cfg);
    io.FontDefault = font;
    io.FontGlobalScale = 1.f;
    atlas.Build();
    return true;
}

}  // namespace finchat::widget
