// link_trims.cpp: what the widget puts in place of library code at the link (widget/CMakeLists.txt
// -Wl,--wrap=...; wasm-ld redirects every call, the LTO-compiled ones included), each for code the
// widget downloads but never needs. Measured in cmake/wasm_size.cmake.
#include <cstddef>

#include "imgui.h"
#include "imgui_internal.h"
#include "model/id_hash.h"
#include "model/small_math.h"

// sinf, cosf (ImGui's arcs, the widget's animations): model/small_math.h instead of musl's, whose exact
// reduction of any float argument the widget has no use for.
extern "C" float __wrap_sinf(float x) { return finchat::widget::smallSin(x); }
extern "C" float __wrap_cosf(float x) { return finchat::widget::smallCos(x); }

// ImHashData, ImHashStr (every ImGui ID): model/id_hash.h's FNV-1a instead of ImGui's CRC-32, whose
// 1 KB lookup table does not compress.
extern "C" ImGuiID __wrap__Z10ImHashDataPKvmj(const void* data, std::size_t size, ImU32 seed) {
    return finchat::widget::idHashData(data, size, seed);
}
extern "C" ImGuiID __wrap__Z9ImHashStrPKcmj(const char* text, std::size_t size, ImU32 seed) {
    return finchat::widget::idHashText(text, size, seed);
}

// ImGui::TableSettingsInstallHandler: the .ini handler of ImGui tables, installed by CreateContext. The
// widget draws no table and keeps no .ini (io.IniFilename is null), so the handler's readers and
// writers (and their sscanf formats) would only be downloaded.
extern "C" void __wrap__ZN5ImGui27TableSettingsInstallHandlerEP12ImGuiContext(ImGuiContext*) {}
