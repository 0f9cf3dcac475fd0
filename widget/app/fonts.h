// widget/app/fonts.h: the ImGui font atlas built from the subset font files the shim fetched.
//
// ImGui 1.86 bakes one static atlas from glyph ranges chosen up front. The base files (Inter
// Regular and SemiBold, subset at build time in widget/CMakeLists.txt) cover what the English UI
// and Western European text need. When a message brings codepoints outside that, they are noted,
// the fallback file (wider Latin, Greek, Cyrillic) is requested once, and the atlas is rebuilt
// between frames with those codepoints merged in. Glyphs are rasterised at size × devicePixelRatio
// and drawn at 1/DPR (FontGlobalScale), so text is as crisp as the geometry on HiDPI screens.
#pragma once
#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

struct ImFont;

namespace finchat::widget {

class Fonts {
public:
    enum Slot { Regular = 0, SemiBold = 1, Fallback = 2, SlotCount = 3 };

    // Takes ownership of a malloc'd buffer.
    void setData(int slot, unsigned char* data, int size);
    bool hasData(int slot) const { return slot >= 0 && slot < SlotCount && !data_[slot].empty(); }
    void setBaseSize(float px);
    void setDpr(double dpr);

    // Note the codepoints of text about to be shown. Returns true when the fallback file is needed
    // and has not been asked for yet (the caller asks the host once).
    bool noteText(std::string_view utf8);

    // Rebuilds the atlas if anything changed (call between frames, with the GL context current).
    // Returns true if it did (the caller re-uploads the texture).
    bool rebuildIfNeeded();

    ImFont* body = nullptr;       // message text
    ImFont* bold = nullptr;       // names, **bold** runs, buttons
    ImFont* small = nullptr;      // timestamps, delivery state
    ImFont* title = nullptr;      // header

private:
    static bool inBase(std::uint32_t cp);

    std::vector<unsigned char> data_[SlotCount];
    std::set<std::uint32_t> extra_;          // codepoints outside the base ranges seen so far
    std::vector<unsigned short> extraRanges_;
    float basePx_ = 15.f;
    double dpr_ = 1.0;
    bool dirty_ = true;
    bool fallbackRequested_ = false;
};

}  // namespace finchat::widget
