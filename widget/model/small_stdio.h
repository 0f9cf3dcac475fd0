// small_stdio.h: the printf/scanf subset Dear ImGui uses, without libc's printf and scanf.
//
// Why it exists: ImGui formats through vsnprintf (ImFormatString) and parses with sscanf (its ini
// readers, the GL3 backend's "#version %d"). libc's versions bring musl's complete printf and scanf,
// float conversions included, and the 128-bit long double arithmetic those use: about 20 KB of wasm,
// 12 KB gzip, in what every chat downloads. widget/app/imgui_stdio.cpp routes ImGui to these instead.
//
// What is supported (everything ImGui 1.86 passes in this widget, plus the usual neighbours):
//   formatText: flags - 0 + space #, width and precision (digits or *), length hh h l ll z j t,
//               conversions d i u x X o c s p %, and f F e E g G for doubles with at most 17
//               significant digits (printed by scaling, not correctly rounded in the last place:
//               ImGui only prints floats in ini lines, which the widget never writes).
//   scanText:   whitespace, literals, %% and conversions d i u x X o c s n f e g (with width,
//               * suppression and the same length modifiers); floats read to within an ulp.
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
