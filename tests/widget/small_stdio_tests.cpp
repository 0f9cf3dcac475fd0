// small_stdio (widget/model): the printf/scanf subset ImGui uses in the widget, checked against the C
// library's own snprintf/sscanf for every format ImGui 1.86 passes and their neighbours.
#include <catch2/catch.hpp>

#include <cmath>
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

TEST_CASE("formatText matches snprintf for integers, strings and chars") {
    SAME(64, "ProggyClean.ttf, %dpx", 13);
    SAME(64, "##Tooltip_%02d", 3);
    SAME(64, "##Popup_%08x", 0xBEEFu);
    SAME(64, "%s/%s_%08X", "Parent", "Child", 0x1234ABCDu);
    SAME(64, "%*s%.*s", 4, "", 3, "abcdef");
    SAME(64, "Column %-2d|", 7);
    SAME(64, "[%s][0x%08X,%d]\n", "Table", 0xFFu, 12);
    SAME(64, "%d %i %u %x %X %o %c %%", -42, 42, 4000000000u, 255u, 255u, 8u, 'z');
    SAME(64, "%+d % d %05d %-5d| %.3d %5.3d %#x %#o %#X", 5, 5, -42, -42, 7, 7, 255u, 8u, 0u);
    SAME(64, "%lld %llu %ld %zu %hhd %hd", -9000000000LL, 18000000000000000000ULL, -5L, std::size_t{77},
         300, 70000);
    SAME(64, "%-8s|%8s|%.2s|%c", "ab", "cd", "efgh", 'q');
    SAME(64, "%d %d", INT32_MIN, INT32_MAX);
}

TEST_CASE("formatText cuts to the buffer and counts the whole text") {
    SAME(8, "%s and %d", "something long", 12345);
    SAME(1, "abc");
    SAME(0, "%s/%s", "count", "only");
}

TEST_CASE("formatText prints floats as %f, %e and %g do for ImGui's precisions") {
    SAME(64, "RefScale=%g", 13.0);
    SAME(64, " Weight=%.4f", 0.5);
    SAME(64, "%.3f %.1f %.0f %f", 3.14159, -2.75, 7.25, 1.0 / 3);
    SAME(64, "%e %.2E %g %g %g %G", 12345.678, 0.000123, 0.0001, 1e-5, 123456789.0, 1e20);
    SAME(64, "%8.2f|%-8.2f|%08.2f|%+.1f", 3.14159, 3.14159, -3.14159, 2.0);
    SAME(64, "%f %f %g", INFINITY, -INFINITY, 0.0);
}

TEST_CASE("scanText reads ImGui's ini lines and the GL backend's version as sscanf does") {
    int x = 0, y = 0, n = 0, r = 0;
    unsigned id = 0;
    char c = 0;
    float f = 0;
    CHECK(scan("#version 300 es", "#version %d", &n) == 1);
    CHECK(n == 300);
    CHECK(scan("Pos=60,-12", "Pos=%i,%i", &x, &y) == 2);
    CHECK((x == 60 && y == -12));
    CHECK(scan("Size=1,2", "Pos=%i,%i", &x, &y) == 0);
    CHECK(scan("0x0000BEEF,3", "0x%08X,%d", &id, &n) == 2);
    CHECK((id == 0xBEEFu && n == 3));
    CHECK(scan("Sort=2^ rest", "Sort=%d%c%n", &n, &c, &r) == 2);
    CHECK((n == 2 && c == '^' && r == 7));
    CHECK(scan("Weight=0.25 next", "Weight=%f%n", &f, &r) == 1);
    CHECK((f == 0.25f && r == 11));
    CHECK(scan("", "%d", &n) == -1);
    CHECK(scan("   ", "%d", &n) == -1);
    CHECK(scan("abc", "%d", &n) == 0);
    CHECK(scan("0x1f 017 -9", "%i %i %i", &x, &y, &n) == 3);
    CHECK((x == 31 && y == 15 && n == -9));
    CHECK(scan("12345", "%3d%d", &x, &y) == 2);
    CHECK((x == 123 && y == 45));
    char word[16] = {};
    CHECK(scan("  hello world", "%*s %s", word) == 1);
    CHECK(std::strcmp(word, "world") == 0);
}

TEST_CASE("scanText agrees with sscanf on the same inputs") {
    const char* inputs[] = {"Pos=10,20", "Pos=-3,+4", "Pos=7", "Pos=,", "Collapsed=1", "Collapsed=x"};
    for (const char* in : inputs) {
        int a1 = -1, b1 = -1, a2 = -1, b2 = -1;
        INFO(in);
        CHECK(scan(in, "Pos=%i,%i", &a1, &b1) == std::sscanf(in, "Pos=%i,%i", &a2, &b2));
        CHECK((a1 == a2 && b1 == b2));
        CHECK(scan(in, "Collapsed=%d", &a1) == std::sscanf(in, "Collapsed=%d", &a2));
        CHECK(a1 == a2);
    }
}
