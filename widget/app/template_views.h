// widget/app/template_views.h: Amazon Connect's five interactive templates drawn in the bot's row.
//
// The Conversation owns the template (finchat/conversation.h templateOf: Loading / Ready / Failed,
// answered, picked); these views draw it with the kit (kit.h) and report every option as a Control in
// visual order, grouped per template (TEMPLATES-CONTRACT.md: group "tpl:<row key>", groupRole
// "listbox" for ListPicker and TimePicker, "group" for Panel, QuickReply and Carousel):
//   - ListPicker: rows with an image (loaded by the shim; a placeholder until then, its alt text in
//     the control's label), title and subtitle;
//   - Panel: the title and one button per option;
//   - TimePicker: slots grouped by day in the customer's time zone, one day per page;
//   - QuickReply: chips that wrap;
//   - Carousel: one card per page, arrows and "2 of 5".
// Loading shows a placeholder card (still under reduced motion); Failed is drawn by the window as the
// readable fallback with failedFooter() ("Try again" when retryable). Once answered, the picked option
// is marked and every option is disabled.
//
// Heights: measure() and draw() run the same code (draw with a null draw list measures), so the height
// RowLayout holds is the height drawn. Paged templates take the height of their tallest page: turning a
// page never changes a row's height.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <map>

#include "finchat/conversation.h"   // TemplateView, TemplateChoice
#include "finchat/interactive.h"
#include "kit.h"
#include "model/chat_view_model.h"
#include "model/strings.h"

namespace finchat::widget {

class TemplateViews {
public:
    // Returns the texture of an image once the shim delivered it (nullptr until then; asks for it).
    using ImageSource = std::function<ImTextureID(const std::string& url)>;

    TemplateViews(const Strings& strings, const Palette& palette, Kit& kit)
        : strings_(strings), pal_(palette), kit_(kit), utc_(strings) {}

    void setImageSource(ImageSource images) { images_ = std::move(images); }
    // TimePicker days and times: the model's formatter (borrowed until the next call) and clock.
    void setClock(const DateTimeFormat& dates, std::int64_t nowMs) {
        dates_ = &dates;
        nowMs_ = nowMs;
    }
    void setReducedMotion(bool reduced) { reducedMotion_ = reduced; }

    // The card's width in a message list `listWidth` px wide.
    static float cardWidth(float listWidth);
    // Loading and Ready: the card's height at `width`.
    float measure(const Row& row, const TemplateView& view, float width);
    // Loading and Ready: draws the card at `origin` and returns its height; `animating`: it moves (loading,
    // unless reduced motion) and wants more frames.
    float draw(ImDrawList* dl, const Row& row, const TemplateView& view, ImVec2 origin, float width, bool* animating);
    // Failed: what goes under the readable fallback's bubble (a note and "Try again").
    float failedFooter(ImDrawList* dl, const Row& row, const TemplateView& view, ImVec2 origin, float width);

    // A page arrow was activated (ControlKind::TemplatePage).
    void turnPage(const ControlId& id);
    // The rows were rebuilt: every template starts on its first page again.
    void forgetPages() { pages_.clear(); }

private:
    struct Ctx;
    float render(Ctx& c, const InteractiveTemplate& t, float y, int card);
    float header(Ctx& c, const InteractiveTemplate& t, float y);
    float listRows(Ctx& c, const InteractiveTemplate& t, float y, int card);
    float panelButtons(Ctx& c, const InteractiveTemplate& t, float y, int card);
    float chips(Ctx& c, const InteractiveTemplate& t, float y);
    float timeSlots(Ctx& c, const InteractiveTemplate& t, float y);
    float carousel(Ctx& c, const InteractiveTemplate& t, float y);
    float loading(Ctx& c, float y);
    float text(Ctx& c, TextStyle style, ImU32 ink, float x, float y, float wrap, const std::string& s);
    // An option's colours: picked (filled with the accent), unavailable (muted), else the accent outline.
    struct OptionColors {
        ImU32 fill, ink, border;
    };
    OptionColors optionColors(bool picked, bool unavailable) const;
    // Registers an option (hover fill, focus ring with the option's own rounding, group fields).
    Control* option(Ctx& c, ControlId id, std::string label, ImVec2 min, ImVec2 max, const char* kind = "option",
                    std::string href = {}, float rounding = -1);
    bool picked(const Ctx& c, TemplateChoice choice) const;
    std::string S(std::string_view key) const { return std::string(strings_.get(key)); }

    const Strings& strings_;
    const Palette& pal_;
    Kit& kit_;
    ImageSource images_;
    const PatternDateTimeFormat utc_;               // until setClock(): the string table's, in UTC
    const DateTimeFormat* dates_ = &utc_;
    std::int64_t nowMs_ = 0;
    bool reducedMotion_ = false;
    std::map<std::string, int> pages_;   // row key → the page shown (Carousel card, TimePicker day)
};

}  // namespace finchat::widget
