// widget/app/fonts.h: the ImGui font atlas, kept for what ImGui needs of it internally (font metrics,
// the white pixel every shape is drawn with).
//
// No user-visible text comes from it: labels and message text are shaped and rasterised by the
// browser in the page's fonts (kit.h Labels, text_runs.h), so the widget downloads no font file. The
// atlas holds ImGui's built-in ProggyClean (compiled into imgui_draw.cpp), Basic Latin and Latin-1 at
// 13 px; only with a stand-in host (no browser text) does it draw the window's text, plainly.
#pragma once

struct ImFont;

namespace finchat::widget {

class Fonts {
public:
    // Builds the atlas the first time (call between frames). Returns true if it did (the caller
    // uploads the texture).
    bool rebuildIfNeeded();

    ImFont* font = nullptr;

private:
    bool built_ = false;
};

}  // namespace finchat::widget
