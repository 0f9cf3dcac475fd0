#include "model/small_math.h"

namespace finchat::widget {
namespace {

constexpr double kHalfPi = 1.57079632679489661923;
constexpr double kTwoOverPi = 0.63661977236758134308;
constexpr double kLimit = 1073741824.0;   // 2^30

double sinSeries(double x) {   // |x| <= pi/4
    const double z = x * x;
    return x * (1 + z * (-1 / 6. + z * (1 / 120. + z * (-1 / 5040. + z * (1 / 362880.)))));
}

double cosSeries(double x) {   // |x| <= pi/4
    const double z = x * x;
    return 1 + z * (-1 / 2. + z * (1 / 24. + z * (-1 / 720. + z * (1 / 40320. + z * (-1 / 3628800.)))));
}

// sin(x + quarter * pi/2): x reduced to [-pi/4, pi/4] and the quarter turns it was reduced by.
float turned(float value, int quarter) {
    const double x = value;
    if (!(x < kLimit && x > -kLimit)) return __builtin_nanf("");   // also NaN and infinities
    const double q = __builtin_floor(x * kTwoOverPi + 0.5);
    const double r = x - q * kHalfPi;
    switch ((static_cast<long long>(q) + quarter) & 3) {
        case 0: return static_cast<float>(sinSeries(r));
        case 1: return static_cast<float>(cosSeries(r));
        case 2: return static_cast<float>(-sinSeries(r));
        default: return static_cast<float>(-cosSeries(r));
    }
}

}  // namespace

float smallSin(float x) { return turned(x, 0); }

float smallExp(float value) {
    if (value != value) return value;
    if (value < -87.f) return 0.f;
    if (value > 88.f) return __builtin_inff();
    constexpr double kLn2 = 0.69314718055994530942;
    const double n = __builtin_floor(value / kLn2 + 0.5);
    const double r = value - n * kLn2;   // |r| <= ln2/2: the series to r^8/8! is exact to ~1e-9
    double e = 1 + r * (1 + r * (1 / 2. + r * (1 / 6. + r * (1 / 24. + r * (1 / 120. + r * (1 / 720. + r * (1 / 5040. + r / 40320.)))))));
    for (int k = static_cast<int>(n); k > 0; --k) e *= 2;
    for (int k = static_cast<int>(n); k < 0; ++k) e *= 0.5;
    return static_cast<float>(e);
}
float smallCos(float x) { return turned(x, 1); }

}  // namespace finchat::widget
