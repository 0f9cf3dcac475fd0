// widget/app/fonts.cpp: the ImGui font atlas as the widget needs it: no font, one white pixel.
//
// No text is drawn with ImGui: labels and message text are shaped and rasterised by the browser in the
// page's fonts (kit.h Labels, text_runs.h), so the widget downloads no font file and carries none.
// What ImGui still needs of its atlas is the white pixel every shape samples; the GL3 backend uploads
// the atlas as the draw list's texture (ImGui_ImplOpenGL3_CreateFontsTexture).
#include "imgui.h"

// ImFontAtlas::Build, replaced at the link (widget/CMakeLists.txt: -Wl,--wrap=_ZN11ImFontAtlas5BuildEv).
// ImGui's own Build adds ProggyClean when no font was added and rasterises fonts with stb_truetype;
// both are referenced from it (and it from GetTexDataAsAlpha8), so they stay in the wasm whatever the
// widget calls: ~10 KB gzip of compressed font, mouse-cursor pixels and the rasteriser. This one builds
// a 1x1 white texture and no font. No mouse cursors (io.MouseDrawCursor stays off), no baked lines.
// The wrapper is called in place of the member function: `this` is the first argument.
extern "C" bool __wrap__ZN11ImFontAtlas5BuildEv(ImFontAtlas* atlas) {
    atlas->Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoBakedLines;
    atlas->ClearTexData();
    atlas->TexWidth = atlas->TexHeight = 1;
    atlas->TexUvScale = ImVec2(1.f, 1.f);
    atlas->TexUvWhitePixel = ImVec2(0.5f, 0.5f);
    atlas->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(1));
    atlas->TexPixelsAlpha8[0] = 0xFF;
    atlas->TexReady = true;
    return true;
}
