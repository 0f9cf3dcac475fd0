#include "render_loop.h"

#include <algorithm>

#include <emscripten/html5.h>

namespace finchat::widget {

void RenderLoop::wake(int frames) {
    framesLeft_ = std::max(framesLeft_, std::min(frames, 8));
    arm();
}

void RenderLoop::arm() {
    if (armed_ || !visible_ || framesLeft_ <= 0) return;
    armed_ = true;
    emscripten_request_animation_frame(&RenderLoop::onAnimationFrame, this);
}

int RenderLoop::onAnimationFrame(double, void* self) {
    auto* loop = static_cast<RenderLoop*>(self);
    loop->armed_ = false;
    if (!loop->visible_ || loop->framesLeft_ <= 0) return 0;
    --loop->framesLeft_;
    loop->drawNow();
    loop->arm();
    return 0;   // one-shot: never let html5.h re-arm on its own
}

void RenderLoop::drawNow() {
    if (drawing_ || !visible_) return;   // a draw that wakes the loop must not recurse
    drawing_ = true;
    draw_();
    ++framesDrawn_;
    drawing_ = false;
}

void RenderLoop::setVisible(bool visible) {
    if (visible_ == visible) return;
    visible_ = visible;
    if (visible) wake(3);
}

}  // namespace finchat::widget
