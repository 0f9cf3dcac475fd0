// link_trims.cpp: what the widget puts in place of library code at the link (widget/CMakeLists.txt
// -Wl,--wrap=...; wasm-ld redirects every call, the LTO-compiled ones included), each for code the
// widget downloads but never needs. Measured in cmake/wasm_size.cmake.
#include "model/small_math.h"

// sinf, cosf (ImDrawList's arcs, the widget's animations): model/small_math.h instead of musl's, whose
// exact reduction of any float argument the widget has no use for.
extern "C" float __wrap_sinf(float x) { return finchat::widget::smallSin(x); }
extern "C" float __wrap_cosf(float x) { return finchat::widget::smallCos(x); }
