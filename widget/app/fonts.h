// widget/app/fonts.h: the ImGui font atlas, kept for what ImGui needs of it internally (font metrics,
// the white pixel every shape is drawn with).
//
// No user-visible text comes from it: labels and message text are shaped and rasterised by the
// browser in the page's fonts (kit.h Labels, text_runs.h), so the widget downloads no font file and
// carries none: the atlas is built by fonts.cpp (ImFontAtlas::Build replaced at the link), one font
// with ProggyClean's 13 px metrics (7 px per character of Latin-1) whose glyphs draw nothing, and a
// 1x1 white texture. A stand-in host (no host.textLayout; none in this project: web/src/ui.js always
// provides it) therefore lays the window out but shows no text: dropped, for ~24 KB gzip of wasm.
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
