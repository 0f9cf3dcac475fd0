// small_stdio.h: the printf/scanf subset the widget's wasm still reaches, without libc's printf and scanf.
//
// Why it exists: the only callers left are Dear ImGui's GL3 backend (the widget draws without ImGui's
// frame, widget/app/canvas.h, so ImGui's own text formatting and ini readers are not linked): it
// reports a shader that fails to compile with fprintf(stderr, "...%s...") and reads "#version %d" and
// "%d.%d" with sscanf. libc's versions bring musl's complete printf and scanf, float conversions
// included, and the 128-bit long double arithmetic those use: about 20 KB of wasm. widget/app/
// imgui_stdio.cpp routes the backend to these instead.
//
// What is supported: formatText: conversions s, d and %% (no flags, width or precision; any other
//   conversion is written as it stands). scanText: whitespace (any amount, none included), literal
//   characters and %d.
// Results follow C: formatText returns the length the whole text needs (buf may be null to count)
// and writes at most size - 1 characters plus a terminator; scanText returns how many values it
// stored, or -1 when the input ends before the first conversion.
#pragma once

#include <cstdarg>
#include <cstddef>

namespace finchat::widget {

int formatText(char* buf, std::size_t size, const char* fmt, std::va_list args);
int scanText(const char* input, const char* fmt, std::va_list args);

}  // namespace finchat::widget
