#include "canvas.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include <GLES3/gl3.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "imgui_internal.h"   // ImDrawListSharedData
#include "model/small_math.h"

namespace finchat::widget {

namespace {
constexpr const char* kCanvas = "!canvas";   // host.js: specialHTMLTargets["!canvas"] = this instance's canvas
constexpr float kTouchSlopPx = 8.f;          // a touch that moves further is a scroll, not a tap
constexpr float kInertiaStopPxPerMs = 0.02f;
constexpr float kInertiaLogDecayPer16Ms = -0.051293294f;   // ln 0.95: the velocity keeps 95 % per 16.7 ms
constexpr float kMaxFlingPxPerMs = 6.f;

// The draw list's vertices (ImDrawVert: position and texture coordinates in floats, colour as four
// bytes) in CSS px; `scale` maps them to clip space (y down). Every shape samples the white texture;
// images and text bitmaps are drawn with their own.
constexpr const char* kVertexShader = R"(#version 300 es
uniform vec2 scale;
layout(location = 0) in vec2 pos;
layout(location = 1) in vec2 uv;
layout(location = 2) in vec4 color;
out vec2 fUv;
out vec4 fColor;
void main() {
    fUv = uv;
    fColor = color;
    gl_Position = vec4(pos.x * scale.x - 1.0, 1.0 - pos.y * scale.y, 0.0, 1.0);
})";
constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D tex;
in vec2 fUv;
in vec4 fColor;
out vec4 outColor;
void main() { outColor = fColor * texture(tex, fUv); })";

unsigned compileShader(unsigned program, unsigned kind, const char* source) {
    const unsigned shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    glAttachShader(program, shader);
    glDeleteShader(shader);   // freed with the program
    return shader;
}
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

    // ImGui's style defaults for curves and circles.
    drawShared_ = std::make_unique<ImDrawListSharedData>();
    drawShared_->CurveTessellationTol = 1.25f;
    drawShared_->SetCircleTessellationMaxError(0.30f);
    drawShared_->TexUvWhitePixel = ImVec2(0.5f, 0.5f);   // the white texture's one texel
    drawShared_->InitialFlags = ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedFill;
    drawList_ = std::make_unique<ImDrawList>(drawShared_.get());
    createGlObjects();
    return true;
}

void Canvas::createGlObjects() {
    program_ = glCreateProgram();
    compileShader(program_, GL_VERTEX_SHADER, kVertexShader);
    compileShader(program_, GL_FRAGMENT_SHADER, kFragmentShader);
    glLinkProgram(program_);
    scaleUniform_ = glGetUniformLocation(program_, "scale");
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vertexBuffer_);
    glGenBuffers(1, &indexBuffer_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, indexBuffer_);   // part of the vertex array's state
    constexpr auto stride = static_cast<int>(sizeof(ImDrawVert));
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, col)));
    const unsigned char white[4] = {255, 255, 255, 255};
    glGenTextures(1, &white_);
    glBindTexture(GL_TEXTURE_2D, white_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, white);
}

void Canvas::resize(double cssWidth, double cssHeight, double dpr) {
    cssWidth_ = std::max(1.0, cssWidth);
    cssHeight_ = std::max(1.0, cssHeight);
    dpr_ = std::clamp(dpr, 0.5, 4.0);
    hooks_.wake(2);
}

bool Canvas::beginFrame(double nowMs) {
    FrameInput& in = input_;
    const double dt = lastFrameMs_ > 0 ? std::min(100.0, nowMs - lastFrameMs_) : 16.7;
    in.time += std::max(0.001, dt / 1000.0);
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
    in.size = ImVec2(static_cast<float>(cssWidth_), static_cast<float>(cssHeight_));
    in.dpr = static_cast<float>(dpr_);

    // The pointer on whole pixels, its movement since the last frame (none when it just appeared),
    // the button's press and release edges.
    const bool had = in.hasMouse();
    const ImVec2 last = in.mouse;
    const bool valid = mouseX_ > -1e8f && mouseY_ > -1e8f;   // -1e9: no pointer over the canvas
    in.mouse = valid ? ImVec2(std::floor(mouseX_), std::floor(mouseY_)) : ImVec2(-FLT_MAX, -FLT_MAX);
    in.mouseDelta = valid && had ? ImVec2(in.mouse.x - last.x, in.mouse.y - last.y) : ImVec2(0, 0);
    in.clicked = mouseDown_ && !in.down;
    in.released = !mouseDown_ && in.down;
    in.down = mouseDown_;
    in.wheel = wheelY_;
    wheelY_ = 0;
    in.hand = false;
    pressSeen_ = true;
    startDrawList();

    // Inertia: the list keeps moving after a flick, slowing down each frame.
    if (inertiaVelocity_ != 0.f && touchMode_ == TouchMode::None) {
        scrollDelta_ += inertiaVelocity_ * static_cast<float>(dt);
        inertiaVelocity_ *= smallExp(kInertiaLogDecayPer16Ms * static_cast<float>(dt / 16.7));   // 0.95^(dt/16.7)
        if (std::fabs(inertiaVelocity_) < kInertiaStopPxPerMs) inertiaVelocity_ = 0.f;
        else hooks_.wake(2);
    }
    glViewport(0, 0, w, h);
    return true;
}

void Canvas::startDrawList() {
    drawShared_->ClipRectFullscreen = ImVec4(0, 0, input_.size.x, input_.size.y);
    drawList_->_ResetForNewFrame();
    drawList_->PushTextureID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(white_)));
    drawList_->PushClipRect(ImVec2(0, 0), input_.size, false);
}

void Canvas::endFrame(std::uint32_t background) {
    glClearColor(static_cast<float>(background >> 24) / 255.f, static_cast<float>((background >> 16) & 0xFF) / 255.f,
                 static_cast<float>((background >> 8) & 0xFF) / 255.f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    render();
    if (releasePending_) {   // the press has now been seen by a frame: release it in the next
        releasePending_ = false;
        mouseDown_ = false;
        hooks_.wake(2);
    }
}

// The draw list in one upload: each command is its texture and clip rectangle (as a scissor box in
// device pixels) over a range of the indices. Alpha blending; nothing else of the GL state matters.
void Canvas::render() {
    const ImDrawList& dl = *drawList_;
    if (dl.IdxBuffer.Size == 0) return;
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(program_);
    glUniform2f(scaleUniform_, 2.f / input_.size.x, 2.f / input_.size.y);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(dl.VtxBuffer.Size * sizeof(ImDrawVert)), dl.VtxBuffer.Data,
                 GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(dl.IdxBuffer.Size * sizeof(ImDrawIdx)), dl.IdxBuffer.Data,
                 GL_STREAM_DRAW);
    const float scale = input_.dpr;
    for (const ImDrawCmd& cmd : dl.CmdBuffer) {
        const float x0 = cmd.ClipRect.x * scale, y0 = cmd.ClipRect.y * scale;
        const float x1 = cmd.ClipRect.z * scale, y1 = cmd.ClipRect.w * scale;
        if (cmd.ElemCount == 0 || x1 <= x0 || y1 <= y0) continue;
        glScissor(static_cast<int>(x0), static_cast<int>(static_cast<float>(backingHeight_) - y1), static_cast<int>(x1 - x0),
                  static_cast<int>(y1 - y0));
        glBindTexture(GL_TEXTURE_2D, static_cast<unsigned>(reinterpret_cast<std::intptr_t>(cmd.TextureId)));
        glDrawElements(GL_TRIANGLES, static_cast<int>(cmd.ElemCount), sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                       reinterpret_cast<void*>(static_cast<std::intptr_t>(cmd.IdxOffset * sizeof(ImDrawIdx))));
    }
    glDisable(GL_SCISSOR_TEST);   // the next frame's clear covers the whole canvas
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
    c->createGlObjects();
    if (c->hooks_.contextRestored) c->hooks_.contextRestored();
    c->hooks_.wake(3);
    return true;
}

}  // namespace finchat::widget
