// widget/app/main.cpp: one chat widget instance (one emscripten module instance per widget) and
// the exports of widget/BRIDGE.md.
//
// The instance wires the pieces: the core's Conversation over the browser platform (the rules of
// the conversation: token, resume, handoff), the view model that turns its timeline into rows, the
// chat window that draws them into an ImDrawList, and the bridge to the shim (token requests, the accessibility
// mirror, status announcements, public events).
//
// The export list lives in one place, widget/CMakeLists.txt (`widget_exports`, -sEXPORTED_FUNCTIONS);
// these functions are plain extern "C" (no repeating it). fc_bench is widget_bench.cpp's, in the
// bench build of the widget only.
#include <cstdlib>
#include <string>

#include "widget_app.h"

namespace {
finchat::widget::WidgetApp* app = nullptr;
}

finchat::widget::WidgetApp* finchat::widget::WidgetApp::instance() { return app; }

extern "C" {

int fc_init(const char* configJson) {
    if (app) return 1;
    app = new finchat::widget::WidgetApp();   // lives as long as the module instance
    return app->init(configJson ? configJson : "{}");
}
void fc_open(int open) { if (app) app->setOpen(open != 0); }
void fc_token(int requestId, const char* json) { if (app) app->tokenAnswer(requestId, json ? json : ""); }
void fc_data(int id, int ok, const char* text) { if (app) app->dataAnswer(id, ok != 0, text ? text : ""); }
int fc_send(const char* text) { return app ? app->send(text ? text : "") : 2; }
void fc_typing() { if (app) app->typing(); }
void fc_action(const char* id) { if (app && id) app->action(id); }
void fc_focus(const char* id) { if (app) app->focus(id ? id : ""); }
void fc_resize(double w, double h, double dpr) { if (app) app->resize(w, h, dpr); }
void fc_theme(const char* json) { if (app && json) app->setTheme(json); }
// The PII detector (its own wasm, with the name table) is set on the module by the shim after
// host.pii(): what waited for it goes now. Or it could not be loaded (message: why).
void fc_pii_ready() { if (app) app->piiReady(); }
void fc_pii_failed(const char* message) { if (app) app->piiFailed(message ? message : ""); }
void fc_logo(unsigned char* rgba, int w, int h) {
    if (app) app->setLogo(rgba, w, h);
    else std::free(rgba);
}
void fc_composer_height(double px) { if (app) app->setComposerHeight(static_cast<float>(px)); }
void fc_visibility(int hidden) { if (app) app->setPageHidden(hidden != 0); }
void fc_network(int online) { if (app) app->setNetwork(online != 0); }
void fc_end() { if (app) app->end(); }
void fc_escalate(const char* reasonJson) { if (app) app->escalate(reasonJson ? reasonJson : ""); }
void fc_destroy() { if (app) app->destroy(); }
int fc_unread() { return app ? app->unread() : 0; }
void fc_frame_now() { if (app) app->frameNow(); }
void fc_image(int id, unsigned char* rgba, int w, int h) {
    if (app) app->setImage(id, rgba, w, h);
    else std::free(rgba);
}
// The file's bytes are _malloc'd by the shim; C++ takes ownership.
int fc_attach(const char* name, const char* type, unsigned char* data, int len) {
    std::string bytes(reinterpret_cast<const char*>(data), data && len > 0 ? static_cast<std::size_t>(len) : 0);
    std::free(data);
    return app ? app->attach(name ? name : "", type ? type : "", std::move(bytes)) : 2;
}
void fc_upload(const char* uploadId, int op) { if (app && uploadId) app->uploadAction(uploadId, op); }

}  // extern "C"
