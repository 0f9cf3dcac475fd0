// widget/app/canvas.h: the widget's own platform layer over emscripten/html5.h (no SDL, no GLFW).
//
// It owns the WebGL2 context of the instance's canvas, the frame's ImDrawList and its rendering, and
// turns browser input into the frame's FrameInput. Of Dear ImGui the widget uses the draw list only
// (shapes, clipping, textured quads; no ImGui context, windows, widgets, fonts or GL backend), drawn
// here with one small shader program: ImGui's frame, navigation, settings, font atlas and the GL3
// backend's state juggling stay out of the wasm.
//   - the canvas is addressed as "!canvas" (host.js maps it to this instance's element), so
//     several widgets, each in its own shadow root, never look each other up by selector;
//   - size and devicePixelRatio come from the shim's ResizeObserver (resize()); the backing store
//     is CSS size × DPR, resized inside the frame right before drawing (resizing clears it);
//   - frames see the button's state, not an event queue: a press and release between two on-demand
//     frames would be lost, so releases are latched until a frame has seen the press;
//   - touch: a tap is a click; a drag on the message list scrolls it, and a flick keeps scrolling
//     with decaying velocity (inertia) unless the user prefers reduced motion;
//   - webglcontextlost/restored: GL objects are recreated after a restore.
// Keyboard input does not come here: every control has a real DOM twin (BRIDGE.md), so the page's
// own keyboard handling and Tab order are never captured by the canvas.
#pragma once
#include <cfloat>
#include <cstdint>
#include <functional>
#include <memory>

#include "imgui.h"

struct EmscriptenMouseEvent;
struct EmscriptenWheelEvent;
struct EmscriptenTouchEvent;

namespace finchat::widget {

// What one frame sees of the screen, the clock and the pointer (Canvas::beginFrame fills it), and the
// cursor the drawing asks for.
struct FrameInput {
    ImVec2 size{0, 0};                  // CSS px
    float dpr = 1;                      // device pixels per CSS px
    double time = 0;                    // seconds since the first frame (animations)
    ImVec2 mouse{-FLT_MAX, -FLT_MAX};   // CSS px, on whole pixels; -FLT_MAX: no pointer over the canvas
    ImVec2 mouseDelta{0, 0};            // since the last frame (0 when it just appeared)
    bool down = false;                  // the primary button, and its edges in this frame
    bool clicked = false, released = false;
    float wheel = 0;                    // CSS px in this frame (positive: towards older messages)
    bool hand = false;                  // out: something under the pointer asked for the hand cursor

    bool hasMouse() const { return mouse.x > -FLT_MAX && mouse.y > -FLT_MAX; }
    bool over(ImVec2 min, ImVec2 max) const {
        return mouse.x >= min.x && mouse.y >= min.y && mouse.x < max.x && mouse.y < max.y;
    }
};

class Canvas {
public:
    struct Hooks {
        std::function<void(int)> wake;          // ask for frames
        std::function<void()> contextRestored;  // the app's textures are gone (images, text bitmaps)
    };

    explicit Canvas(Hooks hooks);
    ~Canvas();
    bool init();                                       // GL context + input callbacks
    void resize(double cssWidth, double cssHeight, double dpr);
    void setReducedMotion(bool reduced) { reducedMotion_ = reduced; }

    // Frame bracket: beginFrame sizes the backing store, fills input() and empties the draw list;
    // returns false while the GL context is lost (draw nothing). endFrame clears to `background`
    // (0xRRGGBBAA), renders the list and applies latched releases.
    bool beginFrame(double nowMs);
    FrameInput& input() { return input_; }
    ImDrawList* drawList() { return drawList_.get(); }
    void endFrame(std::uint32_t background);
    // The draw list alone, emptied for a new frame (benchmarks: UI and vertex generation only).
    void startDrawList();

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
    void createGlObjects();   // the shader program, buffers and the white texture (again after a restore)
    void render();
    void pointerDown(float x, float y);
    void pointerUp();

    Hooks hooks_;
    std::unique_ptr<ImDrawListSharedData> drawShared_;
    std::unique_ptr<ImDrawList> drawList_;
    FrameInput input_;
    unsigned program_ = 0, vao_ = 0, vertexBuffer_ = 0, indexBuffer_ = 0, white_ = 0;
    int scaleUniform_ = -1;
    std::intptr_t context_ = 0;
    bool contextLost_ = false;
    double cssWidth_ = 360, cssHeight_ = 560, dpr_ = 1;
    int backingWidth_ = 0, backingHeight_ = 0;

    float mouseX_ = -1e9f, mouseY_ = -1e9f;
    bool mouseDown_ = false;        // what the frame sees
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
