// finchat/template_text.h: interactive messages and Finaptic templates read for a text fallback.
//
// Bots send Amazon Connect interactive messages (content type
// application/vnd.amazonaws.connect.message.interactive: ListPicker, QuickReply, Panel, TimePicker,
// Carousel) and Finaptic's data-bound templates (system.md §4), all JSON of the shape
//   {"templateType": "...", "version": "1.0", "data": {"content": {"title", "subtitle", "elements": [...]}}}
// The typed model is finchat/interactive.h (and template_data.h for placeholders). Until the template
// views exist, and whenever a template cannot be shown as such (parseTemplateMessage's error: unknown
// type, ViewResource, malformed; a failed data provider: TemplateResolver::Failure::fallbackText), the
// window shows what is readable in it: the title, the subtitle and the options. A bubble is never
// blank and never shows "$API:" placeholders or raw JSON.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/markdown.h"

namespace finchat {

struct TemplateSummary {
    std::string templateType;            // "ListPicker", "QuickReply", "ListAccounts"...
    std::string title;
    std::string subtitle;
    std::vector<std::string> options;    // element titles, Carousel panel titles, TimePicker slots
    bool dataBound = false;              // some content is a $API: placeholder the browser resolves
};

// nullopt when `json` is not a JSON object with a string templateType.
std::optional<TemplateSummary> summarizeTemplate(std::string_view json);
// Title (bold), subtitle, then one bullet per option; links in them are detected as in plain text.
RichText templateFallback(const TemplateSummary& summary);
// plainText(templateFallback(summary)), without the text parser: link detection never changes the
// text, so this is the normalised lines as the parser groups them. What the headless SDK shows
// (fallbackText); computing it this way keeps markdown.cpp's parser out of that wasm (~5 KB gzip).
std::string templateFallbackText(const TemplateSummary& summary);

}  // namespace finchat
