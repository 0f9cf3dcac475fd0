// widget/app/render_loop.h: render on demand.
//
// Nothing is drawn while nothing changes: a bank page with the chat open must cost no CPU and no
// battery. Whoever changes what the window shows calls wake(n): one requestAnimationFrame is armed
// (never more than one), and frames continue until n frames have been drawn. Two or three frames
// are the usual ask because ImGui settles over a frame or two (hover states, popups opening,
// scrolling to the bottom after a layout change). Animations (typing dots, inertia, a caret) keep
// asking while they run. rAF does not fire in hidden tabs; the chat keeps updating its model there
// and the next visible frame shows the result.
#pragma once
#include <cstdint>
#include <functional>

namespace finchat::widget {

class RenderLoop {
public:
    // A pending rAF cannot be cancelled (html5.h one-shot), so the loop must live as long as the
    // module instance, as the widget that owns it does (main.cpp).
    explicit RenderLoop(std::function<void()> drawFrame) : draw_(std::move(drawFrame)) {}

    // Ask for at least `frames` more frames (clamped to a small number).
    void wake(int frames = 2);
    // Draw one frame now, inside the caller's event handler (copy and link opening need the user
    // gesture to still be active). Pending frames still follow.
    void drawNow();
    // Hidden widgets (panel closed, tab hidden) draw nothing; showing again draws at once.
    void setVisible(bool visible);
    bool visible() const { return visible_; }

    std::uint64_t framesDrawn() const { return framesDrawn_; }

private:
    static int onAnimationFrame(double timeMs, void* self);
    void arm();

    std::function<void()> draw_;
    int framesLeft_ = 0;
    bool armed_ = false;
    bool visible_ = false;
    bool drawing_ = false;
    std::uint64_t framesDrawn_ = 0;
};

}  // namespace finchat::widget
