// small_math (widget/model): the widget's sinf/cosf, checked against the C library's double sin/cos.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/small_math.h"

using finchat::widget::smallCos;
using finchat::widget::smallExp;
using finchat::widget::smallSin;

TEST_CASE("small_math: within 1e-6 of sin and cos over many turns, exact signs at the quarter turns", "[widget][trig]") {
    double worst = 0;
    for (double x = -2000.0; x <= 2000.0; x += 0.000937) {
        const float f = static_cast<float>(x);
        worst = std::max(worst, std::fabs(smallSin(f) - std::sin(static_cast<double>(f))));
        worst = std::max(worst, std::fabs(smallCos(f) - std::cos(static_cast<double>(f))));
    }
    CHECK(worst < 1e-6);
    // Large animation times and ImGui's arc angles.
    for (float x : {1.0e5f, 3.3e6f, -7.7e7f, 1.0e9f, 6.2831853f, 4.712389f, -3.1415927f}) {
        CHECK(std::fabs(smallSin(x) - std::sin(static_cast<double>(x))) < 1e-6);
        CHECK(std::fabs(smallCos(x) - std::cos(static_cast<double>(x))) < 1e-6);
    }
    CHECK(smallSin(0.f) == 0.f);
    CHECK(smallCos(0.f) == 1.f);
    CHECK(smallSin(1.5707964f) > 0.999999f);
    CHECK(smallCos(3.1415927f) < -0.999999f);
}

TEST_CASE("small_math: smallExp within 1e-6 relative over a float's range; 0, inf and NaN beyond", "[widget][trig]") {
    double worst = 0;
    for (double x = -87.0; x <= 88.0; x += 0.00731) {
        const float f = static_cast<float>(x);
        const double exact = std::exp(static_cast<double>(f));
        worst = std::max(worst, std::fabs(smallExp(f) - exact) / exact);
    }
    CHECK(worst < 1e-6);
    CHECK(smallExp(0.f) == 1.f);
    CHECK(smallExp(-100.f) == 0.f);
    CHECK(std::isinf(smallExp(100.f)));
    CHECK(std::isnan(smallExp(NAN)));
}

TEST_CASE("small_math: NaN beyond 2^30 and for infinities and NaN", "[widget][trig]") {
    for (float x : {1.1e9f, -3.0e20f, INFINITY, -INFINITY, NAN}) {
        CHECK(std::isnan(smallSin(x)));
        CHECK(std::isnan(smallCos(x)));
    }
}
