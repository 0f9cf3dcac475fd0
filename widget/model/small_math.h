// small_math.h: sinf, cosf and an exp for the widget, without musl's (widget/app/link_trims.cpp puts
// the first two in their place at the link; the scroll inertia calls smallExp instead of std::pow).
//
// Why: musl's sinf/cosf reduce any float argument exactly (__rem_pio2f, up to 2^127), ~1.4 KB gzip of
// what every chat downloads. The widget's callers are ImGui's arcs (angles within a few turns) and two
// time-driven animations (typing dots, a template's loading pulse). Here: the argument reduced by pi/2
// in double precision, then the Taylor series of sin and cos on [-pi/4, pi/4] (9th/10th degree: the
// truncation error is below 2e-9, under a float's rounding). Within 1e-6 of the exact value for
// |x| < 2^30 (34 years of animation at 6 rad/s); NaN for larger, infinite or NaN arguments.
#pragma once

namespace finchat::widget {

float smallSin(float x);
float smallCos(float x);
// e^x within 1e-6 relative for x in [-87, 88] (a float's normal range); 0 below, +inf above, NaN for
// NaN. musl's powf/expf would bring their tables (~0.7 KB gzip) for the inertia's one decay.
float smallExp(float x);

}  // namespace finchat::widget
