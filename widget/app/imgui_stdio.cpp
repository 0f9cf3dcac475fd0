// imgui_stdio.cpp: the C library's sscanf and fprintf, in this widget, go through model/small_stdio.h
// instead of musl's printf and scanf (with their float conversions and 128-bit long double arithmetic,
// ~20 KB of wasm). Their only callers are the GL3 backend's: "#version %d" and "%d.%d" read with
// sscanf, a failed shader reported with fprintf(stderr, ...). ImGui's own formatting (ImFormatString,
// IMGUI_DISABLE_DEFAULT_FORMAT_FUNCTIONS in widget/CMakeLists.txt) is not reached: the widget draws
// without ImGui's frame and text (canvas.h), so nothing here defines it.
#include <cstdarg>
#include <cstddef>
#include <cstdio>

#include <emscripten/console.h>

#include "model/small_stdio.h"

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
