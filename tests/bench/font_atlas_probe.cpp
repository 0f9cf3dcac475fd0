// Font atlas probe (prints figures; not a test): how many bytes ImGui 1.86's atlas takes on the GPU
// (RGBA32, as imgui_impl_opengl3 uploads it) for the widget's configuration and for smaller ones,
// now that message bodies are drawn by the browser (widget/app/text_runs.h) and the atlas only
// serves UI chrome. Configurations mirror widget/app/fonts.cpp (OversampleH/V 1, PixelSnapH,
// TexDesiredWidth 1024, sizes × devicePixelRatio).
//   g++ -std=c++20 -O1 -I.deps/imgui tests/bench/font_atlas_probe.cpp .deps/imgui/imgui{,_draw,_tables,_widgets}.cpp \
//       -o /tmp/font_atlas_probe && /tmp/font_atlas_probe build/wasm/widget/fonts
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "imgui.h"

namespace {
const ImWchar kBase[] = {0x0020, 0x007E, 0x00A0, 0x00FF, 0x2010, 0x2027, 0x2030, 0x203A, 0x20AC, 0x20AC, 0x2122, 0x2122,
                         0x2190, 0x2193, 0x2212, 0x2212, 0x2713, 0x2713, 0x2715, 0x2715, 0};
const ImWchar kAscii[] = {0x0020, 0x007E, 0x2026, 0x2026, 0x00B7, 0x00B7, 0};

std::vector<unsigned char> readFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

struct Face {
    const std::vector<unsigned char>* data;
    float px;
};

long atlasBytes(const std::vector<Face>& faces, const ImWchar* ranges, float dpr, bool exactHeight, int* w, int* h) {
    ImFontAtlas atlas;
    atlas.TexDesiredWidth = 1024;
    if (exactHeight) atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    for (const auto& f : faces) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;
        cfg.OversampleH = cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(f.data->data()), static_cast<int>(f.data->size()),
                                   f.px * dpr, &cfg, ranges);
    }
    atlas.Build();
    *w = atlas.TexWidth;
    *h = atlas.TexHeight;
    return static_cast<long>(atlas.TexWidth) * atlas.TexHeight * 4;
}
}  // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : "build/wasm/widget/fonts";
    const auto regular = readFile(dir + "/inter-regular.otf"), semibold = readFile(dir + "/inter-semibold.otf");
    if (regular.empty() || semibold.empty()) {
        std::fprintf(stderr, "no fonts in %s (build finchat_fonts first)\n", dir.c_str());
        return 1;
    }
    ImGui::CreateContext();
    struct Config {
        const char* name;
        std::vector<Face> faces;
        const ImWchar* ranges;
        bool exactHeight = false;
    };
    const std::vector<Config> configs = {
        {"today: body+bold 15, small 12, title 16; Latin-1", {{&regular, 15}, {&semibold, 15}, {&regular, 12}, {&semibold, 16}}, kBase},
        {"one weight: regular 15+12 (bold drawn regular)", {{&regular, 15}, {&regular, 12}}, kBase},
        {"two faces, one size: regular 15 + semibold 15 (small/title scaled)", {{&regular, 15}, {&semibold, 15}}, kBase},
        {"today's faces, ASCII only (English chrome)", {{&regular, 15}, {&semibold, 15}, {&regular, 12}, {&semibold, 16}}, kAscii},
        {"one face, one size, ASCII only", {{&regular, 15}}, kAscii},
        {"today + NoPowerOfTwoHeight", {{&regular, 15}, {&semibold, 15}, {&regular, 12}, {&semibold, 16}}, kBase, true},
        {"one weight 15+12, Latin-1, NoPowerOfTwoHeight", {{&regular, 15}, {&regular, 12}}, kBase, true},
    };
    std::printf("ImGui 1.86 font atlas, RGBA32 bytes on the GPU (what imgui_impl_opengl3 uploads)\n");
    std::printf("%-70s %16s %16s %16s\n", "configuration", "dpr 1", "dpr 2", "dpr 3");
    for (const auto& c : configs) {
        std::printf("%-70s", c.name);
        for (float dpr : {1.f, 2.f, 3.f}) {
            int w = 0, h = 0;
            const long bytes = atlasBytes(c.faces, c.ranges, dpr, c.exactHeight, &w, &h);
            char cell[40];
            std::snprintf(cell, sizeof cell, "%dx%d %.2fMiB", w, h, bytes / 1048576.0);
            std::printf(" %16s", cell);
        }
        std::printf("\n");
    }
    ImGui::DestroyContext();
    return 0;
}
