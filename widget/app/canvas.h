// widget/app/canvas.h: the widget's own platform layer over emscripten/html5.h (no SDL, no GLFW).
//
// It owns the WebGL2 context of the instance's canvas, the frame's draw list and its rendering, and
// turns browser input into ImGui IO. The window draws into one ImDrawList and nothing else of ImGui's
// frame is used (no ImGui windows, widgets, navigation or settings): beginFrame does the part of
// ImGui::NewFrame the widget reads (mouse clicks, releases and movement, the clock, the cursor, a fresh
// draw list) and endFrame hands the list to the GL3 backend as ImGui::Render would, so NewFrame, Begin,
// Render and everything only they reach stay out of the wasm.
//   - the canvas is addressed as "!canvas" (host.js maps it to this instance's element), so
//     several widgets, each in its own shadow root, never look each other up by selector;
//   - size and devicePixelRatio come from the shim's ResizeObserver (resize()); the backing store
//     is CSS size × DPR, resized inside the frame right before drawing (resizing clears it);
//   - 1.86 has no input queue: a press and release between two on-demand frames would be lost, so
//     releases are latched until a frame has seen the press;
//   - touch: a tap is a click; a drag on the message list scrolls it, and a flick keeps scrolling
//     with decaying velocity (inertia) unless the user prefers reduced motion;
//   - webglcontextlost/restored: GL objects are recreated after a restore.
// Keyboard input does not come here: every control has a real DOM twin (BRIDGE.md), so the page's
// own keyboard handling and Tab order are never captured by the canvas.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>

#include "imgui.h"

struct EmscriptenMouseEvent;
struct EmscriptenWheelEvent;
struct EmscriptenTouchEvent;

namespace finchat::widget {

class Canvas {
public:
    struct Hooks {
        std::function<void(int)> wake;          // ask for frames
        std::function<void()> contextRestored;  // recreate GL objects (fonts texture, buffers)
    };

    explicit Canvas(Hooks hooks);
    ~Canvas();
    bool init();                                       // GL context + input callbacks
    void resize(double cssWidth, double cssHeight, double dpr);
    void setReducedMotion(bool reduced) { reducedMotion_ = reduced; }

    // Frame bracket: beginFrame sizes the backing store and feeds ImGui IO; returns false while
    // the GL context is lost (draw nothing). startDrawList empties the draw list for the frame (after
    // the GL3 backend's NewFrame: it reads the atlas texture). endFrame clears to `background`
    // (0xRRGGBBAA), renders the list and applies latched releases.
    bool beginFrame(double nowMs);
    void startDrawList();
    ImDrawList* drawList() { return drawList_.get(); }
    void endFrame(std::uint32_t background);

    // Touch scrolling for the message list: pixels to add to its scroll offset (positive: towards
    // newer messages), drained by the window each frame.
    float takeScrollDelta();

private:
    enum class TouchMode { None, Pending, Scrolling };

    // html5.h callbacks (EM_BOOL is int): true = preventDefault.
    static int onMouse(int type, const EmscriptenMouseEvent* e, void* self);
    static int onWheel(int type, const EmscriptenWheelEvent* e, void* self);
    static int onTouch(int type, const EmscriptenTouchEvent* e, void* self);
    static int onContext(int type, const void* reserved, void* self);
    void pointerDown(float x, float y);
    void pointerUp();

    Hooks hooks_;
    std::unique_ptr<ImDrawListSharedData> drawShared_;
    std::unique_ptr<ImDrawList> drawList_;
    std::intptr_t context_ = 0;
    bool contextLost_ = false;
    double cssWidth_ = 360, cssHeight_ = 560, dpr_ = 1;
    int backingWidth_ = 0, backingHeight_ = 0;

    float mouseX_ = -1e9f, mouseY_ = -1e9f;
    bool mouseDown_ = false;        // what ImGui sees
    bool pressSeen_ = true;         // a frame has seen the current press
    bool releasePending_ = false;   // released before any frame saw the press
    float wheelY_ = 0;              // CSS px since the last frame (positive: towards older messages)

    TouchMode touchMode_ = TouchMode::None;
    long touchId_ = -1;
    float touchStartX_ = 0, touchStartY_ = 0, touchLastY_ = 0;
    double touchLastMs_ = 0;
    float scrollDelta_ = 0;
    float touchVelocity_ = 0;       // px per ms, same sign as the scroll delta
    float inertiaVelocity_ = 0;
    double lastFrameMs_ = 0;
    bool reducedMotion_ = false;
};

}  // namespace finchat::widget
