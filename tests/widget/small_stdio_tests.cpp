// small_stdio (widget/model): the printf/scanf subset the widget's GL3 backend uses, checked against the
// C library's own snprintf/sscanf for the formats it passes and their neighbours.
#include <catch2/catch.hpp>

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>

#include "model/small_stdio.h"

using namespace finchat::widget;

namespace {

std::string ours(std::size_t size, const char* fmt, ...) {
    std::string buf(size + 1, '#');
    va_list args;
    va_start(args, fmt);
    const int n = formatText(size ? buf.data() : nullptr, size, fmt, args);
    va_end(args);
    return std::to_string(n) + ":" + (size ? std::string(buf.c_str()) : std::string());
}

std::string libc(std::size_t size, const char* fmt, ...) {
    std::string buf(size + 1, '#');
    va_list args;
    va_start(args, fmt);
    const int n = std::vsnprintf(size ? buf.data() : nullptr, size, fmt, args);
    va_end(args);
    return std::to_string(n) + ":" + (size ? std::string(buf.c_str()) : std::string());
}

int scan(const char* input, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    const int n = scanText(input, fmt, args);
    va_end(args);
    return n;
}

}  // namespace

#define SAME(size, ...) CHECK(ours(size, __VA_ARGS__) == libc(size, __VA_ARGS__))

TEST_CASE("formatText matches snprintf for strings and integers") {
    SAME(128, "ERROR: ImGui_ImplOpenGL3_CreateDeviceObjects: failed to compile %s! With GLSL: %s\n", "vertex shader",
         "#version 300 es\n");
    SAME(64, "%s\n", "0:3(1): error: syntax error");
    SAME(64, "%d %d %d %d%%", 0, -42, INT32_MIN, INT32_MAX);
    SAME(64, "no conversion at all");
    SAME(64, "%s|%s", "", "x");
}

TEST_CASE("formatText cuts to the buffer and counts the whole text") {
    SAME(8, "%s and %d", "something long", 12345);
    SAME(1, "abc");
    SAME(0, "%s/%s", "count", "only");
}

TEST_CASE("formatText writes a conversion it does not know as it stands") {
    CHECK(ours(64, "%x %s", "left") == "7:%x left");
}

TEST_CASE("scanText reads the GL backend's versions as sscanf does") {
    int n = 0, major = 0, minor = 0;
    CHECK(scan("#version 300 es", "#version %d", &n) == 1);
    CHECK(n == 300);
    CHECK(scan("3.0 WebGL 2.0", "%d.%d", &major, &minor) == 2);
    CHECK((major == 3 && minor == 0));
    const char* inputs[] = {"#version 300", "#version  -7", "#version +12x", "#version", "#ver", "", "   ", "abc",
                            "3.", "3.1", ".5", "OpenGL ES 3.0"};
    for (const char* in : inputs) {
        int a1 = -1, b1 = -1, a2 = -1, b2 = -1;
        INFO(in);
        CHECK(scan(in, "#version %d", &a1) == std::sscanf(in, "#version %d", &a2));
        CHECK(a1 == a2);
        a1 = a2 = -1;
        CHECK(scan(in, "%d.%d", &a1, &b1) == std::sscanf(in, "%d.%d", &a2, &b2));
        CHECK((a1 == a2 && b1 == b2));
    }
}
