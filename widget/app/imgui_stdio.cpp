// imgui_stdio.cpp: Dear ImGui's text formatting and the C library's sscanf and fprintf, in this widget,
// go through model/small_stdio.h instead of musl's printf and scanf (with their float conversions and 128-bit
// long double arithmetic, ~20 KB of wasm). ImGui is built with IMGUI_DISABLE_DEFAULT_FORMAT_FUNCTIONS
// (widget/CMakeLists.txt), so these are its ImFormatString/ImFormatStringV; sscanf replaces libc's in
// this executable only (ImGui's ini readers and the GL3 backend's "#version %d" are its callers).
#include <cstdarg>
#include <cstddef>
#include <cstdio>

#include <emscripten/console.h>

#include "imgui.h"
#include "imgui_internal.h"
#include "model/small_stdio.h"

int ImFormatStringV(char* buf, std::size_t buf_size, const char* fmt, va_list args) {
    const int w = finchat::widget::formatText(buf, buf_size, fmt, args);
    if (buf == nullptr || buf_size == 0) return w;
    // ImGui's contract (imgui.cpp's own version): the length written, the text cut to fit.
    return w >= static_cast<int>(buf_size) ? static_cast<int>(buf_size) - 1 : w;
}

int ImFormatString(char* buf, std::size_t buf_size, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    const int w = ImFormatStringV(buf, buf_size, fmt, args);
    va_end(args);
    return w;
}

extern "C" int sscanf(const char* input, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    const int n = finchat::widget::scanText(input, fmt, args);
    va_end(args);
    return n;
}

// The GL3 backend's only other stdio use: fprintf(stderr, ...) when a shader fails to compile or
// link (clang calls the integer-only fiprintf when nothing printed is a float). Formatted here and
// sent to the browser console, so musl's printf_core and stdio stay out of the wasm (2.6 KB gzip).
namespace {
int consoleError(const char* fmt, va_list args) {
    char buf[1024];
    const int n = finchat::widget::formatText(buf, sizeof buf, fmt, args);
    emscripten_console_error(buf);
    return n;
}
}  // namespace

extern "C" int fprintf(FILE*, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    const int n = consoleError(fmt, args);
    va_end(args);
    return n;
}

extern "C" int fiprintf(FILE*, const char* fmt, ...) __attribute__((alias("fprintf")));
