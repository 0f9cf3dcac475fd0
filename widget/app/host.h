// widget/app/host.h: C++ side of the host callbacks (implemented in host.js; see BRIDGE.md).
#pragma once

extern "C" {
void fc_js_bind_canvas();
void fc_js_request_token(int id, const char* level, const char* reason, const char* transcriptJson);
void fc_js_call_data(int id, const char* name, const char* argsJson);
void fc_js_messages(const char* json);
void fc_js_controls(const char* json);
void fc_js_status(const char* text, const char* kind);
void fc_js_event(const char* name, const char* json);
void fc_js_open_url(const char* url);
void fc_js_copy(const char* text);
void fc_js_cursor(const char* name);
void fc_js_load_image(int id, const char* url);   // answer: fc_image(id, rgba, w, h)
int fc_js_timezone_offset(double ms);   // minutes east of UTC at that instant
double fc_js_local_day(double ms);      // days since 1970-01-01 of that instant's local date
// host.formatDate(what, value) into buf: what 0 the time of instant `value`, 1 the heading of day
// `value` (days since 1970-01-01), 2 the same with the year. Returns its length; 0: cannot format.
int fc_js_format_date(int what, double value, char* buf, int cap);
void fc_js_uploads(const char* json);
void fc_js_download(const char* url, const char* name);
void fc_js_thumbnail(int id, const char* url, int maxW, int maxH);   // answer: fc_image(id, rgba, w, h)
void fc_js_pii();   // the PII detector is needed (Conversation's PiiWanted): answer fc_pii_ready / fc_pii_failed
}
