#include "canvas.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include <GLES3/gl3.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"

namespace finchat::widget {

namespace {
constexpr const char* kCanvas = "!canvas";   // host.js: specialHTMLTargets["!canvas"] = this instance's canvas
constexpr float kTouchSlopPx = 8.f;          // a touch that moves further is a scroll, not a tap
constexpr float kInertiaStopPxPerMs = 0.02f;
constexpr float kInertiaDecayPer16Ms = 0.95f;
constexpr float kMaxFlingPxPerMs = 6.f;
}  // namespace

Canvas::Canvas(Hooks hooks) : hooks_(std::move(hooks)) {}
Canvas::~Canvas() = default;

bool Canvas::init() {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = false;             // the window is opaque; cheaper compositing
    attrs.antialias = false;         // ImGui anti-aliases its own geometry
    attrs.depth = false;
    attrs.stencil = false;
    attrs.preserveDrawingBuffer = false;   // the last frame stays on screen anyway
    attrs.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
    context_ = emscripten_webgl_create_context(kCanvas, &attrs);
    if (context_ <= 0) return false;
    emscripten_webgl_make_context_current(context_);

    emscripten_set_mousedown_callback(kCanvas, this, false, onMouse);
    emscripten_set_mousemove_callback(kCanvas, this, false, onMouse);
    emscripten_set_mouseleave_callback(kCanvas, this, false, onMouse);
    // Releases outside the canvas still end a press (a drag that leaves the widget).
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, this, false, onMouse);
    emscripten_set_wheel_callback(kCanvas, this, false, onWheel);
    emscripten_set_touchstart_callback(kCanvas, this, false, onTouch);
    emscripten_set_touchmove_callback(kCanvas, this, false, onTouch);
    emscripten_set_touchend_callback(kCanvas, this, false, onTouch);
    emscripten_set_touchcancel_callback(kCanvas, this, false, onTouch);
    emscripten_set_webglcontextlost_callback(kCanvas, this, false, onContext);
    emscripten_set_webglcontextrestored_callback(kCanvas, this, false, onContext);

    // ImGui's context without ImGui::Initialize (its ini handlers and viewport serve windows the
    // widget never opens): the GL3 backend keeps its state in the context's IO.
    if (!ImGui::GetCurrentContext()) ImGui::SetCurrentContext(IM_NEW(ImGuiContext)(nullptr));
    const ImGuiStyle& style = ImGui::GetStyle();
    drawShared_ = std::make_unique<ImDrawListSharedData>();
    drawShared_->CurveTessellationTol = style.CurveTessellationTol;
    drawShared_->SetCircleTessellationMaxError(style.CircleTessellationMaxError);
    drawList_ = std::make_unique<ImDrawList>(drawShared_.get());
    return true;
}

void Canvas::resize(double cssWidth, double cssHeight, double dpr) {
    cssWidth_ = std::max(1.0, cssWidth);
    cssHeight_ = std::max(1.0, cssHeight);
    dpr_ = std::clamp(dpr, 0.5, 4.0);
    hooks_.wake(2);
}

bool Canvas::beginFrame(double nowMs) {
    ImGuiIO& io = ImGui::GetIO();
    const double dt = lastFrameMs_ > 0 ? std::min(100.0, nowMs - lastFrameMs_) : 16.7;
    io.DeltaTime = static_cast<float>(std::max(0.001, dt / 1000.0));
    lastFrameMs_ = nowMs;
    if (contextLost_) return false;

    // Backing store = CSS size × DPR, set right before drawing because a resize clears it.
    const int w = static_cast<int>(std::lround(cssWidth_ * dpr_));
    const int h = static_cast<int>(std::lround(cssHeight_ * dpr_));
    if (w != backingWidth_ || h != backingHeight_) {
        emscripten_set_canvas_element_size(kCanvas, w, h);
        backingWidth_ = w;
        backingHeight_ = h;
    }
    io.DisplaySize = ImVec2(static_cast<float>(cssWidth_), static_cast<float>(cssHeight_));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(dpr_), static_cast<float>(dpr_));

    // The mouse as ImGui::NewFrame leaves it: on whole pixels, its movement since the last frame
    // (none when it just appeared), the button's press and release edges.
    const bool valid = mouseX_ > -1e8f && mouseY_ > -1e8f;   // -1e9: no pointer over the canvas
    io.MousePos = valid ? ImVec2(std::floor(mouseX_), std::floor(mouseY_)) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDelta = valid && ImGui::IsMousePosValid(&io.MousePosPrev) ? ImVec2(io.MousePos.x - io.MousePosPrev.x, io.MousePos.y - io.MousePosPrev.y)
                                                                          : ImVec2(0, 0);
    io.MousePosPrev = io.MousePos;
    const bool wasDown = io.MouseDown[0];
    io.MouseDown[0] = mouseDown_;
    io.MouseClicked[0] = mouseDown_ && !wasDown;
    io.MouseReleased[0] = !mouseDown_ && wasDown;
    io.MouseWheel = wheelY_;
    wheelY_ = 0;
    pressSeen_ = true;
    GImGui->Time += io.DeltaTime;
    ImGui::SetMouseCursor(ImGuiMouseCursor_Arrow);

    // Inertia: the list keeps moving after a flick, slowing down each frame.
    if (inertiaVelocity_ != 0.f && touchMode_ == TouchMode::None) {
        scrollDelta_ += inertiaVelocity_ * static_cast<float>(dt);
        inertiaVelocity_ *= std::pow(kInertiaDecayPer16Ms, static_cast<float>(dt / 16.7));
        if (std::fabs(inertiaVelocity_) < kInertiaStopPxPerMs) inertiaVelocity_ = 0.f;
        else hooks_.wake(2);
    }
    glViewport(0, 0, w, h);
    return true;
}

void Canvas::startDrawList() {
    const ImGuiIO& io = ImGui::GetIO();
    ImDrawListSharedData& shared = *drawShared_;
    shared.ClipRectFullscreen = ImVec4(0, 0, io.DisplaySize.x, io.DisplaySize.y);
    shared.TexUvWhitePixel = io.Fonts->TexUvWhitePixel;
    shared.InitialFlags = ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedFill |
                          (io.BackendFlags & ImGuiBackendFlags_RendererHasVtxOffset ? ImDrawListFlags_AllowVtxOffset : 0);
    drawList_->_ResetForNewFrame();
    drawList_->PushTextureID(io.Fonts->TexID);
    drawList_->PushClipRect(ImVec2(0, 0), io.DisplaySize, false);
}

void Canvas::endFrame(std::uint32_t background) {
    const ImGuiIO& io = ImGui::GetIO();
    glClearColor(static_cast<float>(background >> 24) / 255.f, static_cast<float>((background >> 16) & 0xFF) / 255.f,
                 static_cast<float>((background >> 8) & 0xFF) / 255.f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    drawList_->_PopUnusedDrawCmd();
    ImDrawList* lists[] = {drawList_.get()};
    ImDrawData data;
    data.Valid = true;
    data.CmdLists = lists;
    data.CmdListsCount = drawList_->CmdBuffer.Size > 0 ? 1 : 0;
    data.TotalVtxCount = drawList_->VtxBuffer.Size;
    data.TotalIdxCount = drawList_->IdxBuffer.Size;
    data.DisplayPos = ImVec2(0, 0);
    data.DisplaySize = io.DisplaySize;
    data.FramebufferScale = io.DisplayFramebufferScale;
    ImGui_ImplOpenGL3_RenderDrawData(&data);
    if (releasePending_) {   // the press has now been seen by a frame: release it in the next
        releasePending_ = false;
        mouseDown_ = false;
        hooks_.wake(2);
    }
}

float Canvas::takeScrollDelta() {
    const float d = scrollDelta_;
    scrollDelta_ = 0;
    return d;
}

void Canvas::pointerDown(float x, float y) {
    mouseX_ = x;
    mouseY_ = y;
    mouseDown_ = true;
    pressSeen_ = false;
    releasePending_ = false;
    inertiaVelocity_ = 0.f;   // a touch stops a running fling, as on every phone
    hooks_.wake(2);
}

void Canvas::pointerUp() {
    if (!mouseDown_) return;
    if (pressSeen_) mouseDown_ = false;
    else releasePending_ = true;   // 1.86 has no input queue: keep it down for one frame
    hooks_.wake(2);
}

int Canvas::onMouse(int type, const EmscriptenMouseEvent* e, void* self) {
    auto* c = static_cast<Canvas*>(self);
    switch (type) {
    case EMSCRIPTEN_EVENT_MOUSEDOWN:
        if (e->button != 0) return false;
        c->pointerDown(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
        return false;   // let the page move focus normally
    case EMSCRIPTEN_EVENT_MOUSEMOVE:
        c->mouseX_ = static_cast<float>(e->targetX);
        c->mouseY_ = static_cast<float>(e->targetY);
        c->hooks_.wake(2);
        return false;
    case EMSCRIPTEN_EVENT_MOUSELEAVE:
        if (!c->mouseDown_) {
            c->mouseX_ = c->mouseY_ = -1e9f;
            c->hooks_.wake(2);
        }
        return false;
    case EMSCRIPTEN_EVENT_MOUSEUP:
        if (e->button == 0) c->pointerUp();
        return false;
    }
    return false;
}

int Canvas::onWheel(int, const EmscriptenWheelEvent* e, void* self) {
    auto* c = static_cast<Canvas*>(self);
    // Pixels, so a trackpad moves the list by exactly the pixels the user swiped.
    float dy = static_cast<float>(e->deltaY);
    if (e->deltaMode == DOM_DELTA_LINE) dy *= 20.f;
    else if (e->deltaMode == DOM_DELTA_PAGE) dy *= 400.f;
    c->wheelY_ -= dy;
    c->mouseX_ = static_cast<float>(e->mouse.targetX);
    c->mouseY_ = static_cast<float>(e->mouse.targetY);
    c->hooks_.wake(2);
    return true;   // the chat scrolls, not the page behind it
}

int Canvas::onTouch(int type, const EmscriptenTouchEvent* e, void* self) {
    auto* c = static_cast<Canvas*>(self);
    const EmscriptenTouchPoint* t = nullptr;
    for (int i = 0; i < e->numTouches; ++i) {
        if (!e->touches[i].isChanged) continue;
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART ? c->touchId_ < 0 : e->touches[i].identifier == c->touchId_) {
            t = &e->touches[i];
            break;
        }
    }
    if (!t) return true;
    const float x = static_cast<float>(t->targetX), y = static_cast<float>(t->targetY);
    switch (type) {
    case EMSCRIPTEN_EVENT_TOUCHSTART:
        c->touchId_ = t->identifier;
        c->touchMode_ = TouchMode::Pending;
        c->touchStartX_ = x;
        c->touchStartY_ = y;
        c->touchLastY_ = y;
        c->touchLastMs_ = e->timestamp;
        c->touchVelocity_ = 0;
        c->pointerDown(x, y);
        break;
    case EMSCRIPTEN_EVENT_TOUCHMOVE: {
        if (c->touchMode_ == TouchMode::Pending &&
            std::hypot(x - c->touchStartX_, y - c->touchStartY_) > kTouchSlopPx) {
            // It is a scroll: take the press away from whatever was under the finger so no
            // button fires on release.
            c->touchMode_ = TouchMode::Scrolling;
            c->mouseX_ = c->mouseY_ = -1e9f;
            c->mouseDown_ = false;
            c->releasePending_ = false;
        }
        if (c->touchMode_ == TouchMode::Scrolling) {
            const float dy = y - c->touchLastY_;
            c->scrollDelta_ -= dy;   // finger down → content down → towards older messages
            const double dt = std::max(1.0, e->timestamp - c->touchLastMs_);
            const float v = static_cast<float>(-dy / dt);
            c->touchVelocity_ = 0.8f * v + 0.2f * c->touchVelocity_;
        } else {
            c->mouseX_ = x;
            c->mouseY_ = y;
        }
        c->touchLastY_ = y;
        c->touchLastMs_ = e->timestamp;
        c->hooks_.wake(2);
        break;
    }
    case EMSCRIPTEN_EVENT_TOUCHEND:
    case EMSCRIPTEN_EVENT_TOUCHCANCEL:
        if (c->touchMode_ == TouchMode::Scrolling) {
            if (!c->reducedMotion_ && type == EMSCRIPTEN_EVENT_TOUCHEND &&
                e->timestamp - c->touchLastMs_ < 100)   // still moving when lifted: a flick
                c->inertiaVelocity_ = std::clamp(c->touchVelocity_, -kMaxFlingPxPerMs, kMaxFlingPxPerMs);
        } else if (type == EMSCRIPTEN_EVENT_TOUCHEND) {
            c->pointerUp();
        } else {
            c->mouseDown_ = false;
        }
        c->touchMode_ = TouchMode::None;
        c->touchId_ = -1;
        c->hooks_.wake(2);
        // After the tap has been seen the pointer leaves, so nothing stays hovered on a phone.
        break;
    }
    return true;   // no emulated mouse events, no page scroll while dragging the chat
}

int Canvas::onContext(int type, const void*, void* self) {
    auto* c = static_cast<Canvas*>(self);
    if (type == EMSCRIPTEN_EVENT_WEBGLCONTEXTLOST) {
        c->contextLost_ = true;
        return true;   // preventDefault: we want it back
    }
    c->contextLost_ = false;
    emscripten_webgl_make_context_current(c->context_);
    c->backingWidth_ = c->backingHeight_ = 0;
    if (c->hooks_.contextRestored) c->hooks_.contextRestored();
    c->hooks_.wake(3);
    return true;
}

}  // namespace finchat::widget
