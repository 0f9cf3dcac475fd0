// widget/app/widget_bench.cpp: fc_bench (BRIDGE.md), the frame benchmark's hook: synthetic transcripts
// and timed frames, no network. Linked into finaptic_chat_widget_bench only (widget/CMakeLists.txt,
// build/wasm/dist-bench for tests/bench); the shipped widget (build/wasm/dist) has neither this code
// nor the export, and the shim offers handle._bench only when the loaded wasm exports fc_bench.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <emscripten/emscripten.h>

#include "finchat/interactive.h"
#include "finchat/json.h"
#include "finchat/transcript.h"
#include "finchat/util.h"
#include "widget_app.h"

namespace finchat::widget {

namespace {

// A synthetic chat: its transcript, and for template messages a view without a Conversation.
class SyntheticChat final : public DetachedTranscript {
public:
    struct Template {
        std::optional<InteractiveTemplate> ready;
        TemplateResolver::Failure failure;
        TemplateView view;
    };
    Transcript transcript{"bench-customer"};
    std::map<std::string, std::unique_ptr<Template>> templates;   // by item id

    TemplateView* templateOf(const Row& row) override {
        const TranscriptEntry* e = transcript.findLocal(row.localId);
        const auto it = e ? templates.find(e->item.id) : templates.end();
        return it == templates.end() ? nullptr : &it->second->view;
    }
};

constexpr std::int64_t kStart = 1'790'000'000'000;   // fixed: same rows every run

Item message(int i, bool customer, const char* other) {
    Item item;
    item.id = "bench-" + decimal(i);
    item.type = ItemType::Message;
    item.absoluteTime = formatIsoTime(kStart + static_cast<std::int64_t>(i) * 45'000);
    item.participantId = customer ? "bench-customer" : other;
    return item;
}

// kind 5: `n` messages, every fifth a template (types and states in turn); kind 6: the gallery of
// template type `n` (0-4) in each state: loading, ready, answered, failed. `templates`: one message
// content per type (ListPicker, Panel, TimePicker, QuickReply, Carousel), from the bench page.
std::unique_ptr<SyntheticChat> templateChat(int kind, int n, const Json::Array& templates) {
    auto chat = std::make_unique<SyntheticChat>();
    const int count = kind == 5 ? n : 5;
    for (int i = 0; i < count; ++i) {
        const bool customer = kind == 5 ? i % 5 == 3 : i == 0;
        const bool isTemplate = kind == 5 ? i % 5 == 4 : i > 0;
        Item item = message(i, customer, "bench-bot");
        item.displayName = customer ? "Dana" : "Acme Assistant";
        item.participantRole = customer ? ParticipantRole::Customer : ParticipantRole::System;
        if (isTemplate) {
            const int type = kind == 5 ? (i / 5) % 5 : std::clamp(n, 0, 4);
            const int state = kind == 5 ? (i / 25) % 4 : i - 1;   // 0 loading, 1 ready, 2 answered, 3 failed
            item.contentType = std::string(kInteractiveContentType);
            item.content = type < static_cast<int>(templates.size()) ? templates[type].dump() : "";
            auto t = std::make_unique<SyntheticChat::Template>();
            if (auto parsed = parseTemplateMessage(item.content)) {
                if (auto built = buildTemplate(*parsed, nullptr)) t->ready = std::move(*built);
            }
            if (state == 1 || state == 2) {
                t->view.state = TemplateResolver::State::Ready;
                t->view.ready = t->ready ? &*t->ready : nullptr;
            }
            if (state == 2) {
                t->view.answered = true;
                t->view.picked = type == 2 ? TemplateChoice{-1, -1, 1} : type == 4 ? TemplateChoice{0, 0, -1}
                                                                                  : TemplateChoice{-1, 1, -1};
            }
            if (state == 3) {
                t->view.state = TemplateResolver::State::Failed;
                t->failure.kind = TemplateResolver::FailureKind::Provider;
                t->failure.retryable = true;
                t->view.failure = &t->failure;
            }
            chat->templates[item.id] = std::move(t);
        } else {
            item.contentType = "text/plain";
            item.content = customer ? "Can you help me with my accounts?" : "Sure, here is what I can do.";
        }
        chat->transcript.ingest(item);
    }
    return chat;
}

// A synthetic chat of n messages through the real code paths (Transcript ingest, view model,
// layout): alternating customer/agent, a few lines of text each, some markdown. The texts are the
// bench page's (tests/bench/widget-page/samples.json), taken in turn: kind 1 Latin text with some
// markdown, kind 10 mixed scripts.
std::unique_ptr<SyntheticChat> textChat(int n, const Json::Array& texts) {
    auto chat = std::make_unique<SyntheticChat>();
    for (int i = 0; i < n; ++i) {
        const bool customer = i % 2 == 0;
        Item item = message(i, customer, "bench-agent");
        item.contentType = i % 2 ? "text/markdown" : "text/plain";
        item.content = texts[static_cast<std::size_t>(i) % texts.size()].asString();
        item.displayName = customer ? "Dana" : "Anna";
        item.participantRole = customer ? ParticipantRole::Customer : ParticipantRole::Agent;
        chat->transcript.ingest(item);
    }
    return chat;
}

}  // namespace

// The synthetic transcript replaces the view's rows (the window draws it alone), scrolled to the newest.
void WidgetApp::showDetached(std::unique_ptr<DetachedTranscript> view, const Transcript& transcript) {
    conv_.reset();
    detached_ = std::move(view);
    model_->clear();
    model_->sync(transcript);
    applyModelChanges();
    window_->scrollToBottom();
    loop_->wake(2);
}

double WidgetApp::bench(int kind, int n, const std::string& samples) {
    const Json sample = samples.empty() ? Json::array() : Json::parse(samples);
    if (kind == 5 || kind == 6 || kind == 1 || kind == 10) {
        if ((kind == 1 || kind == 10) && sample.items().empty()) return -1;
        auto chat = kind == 5 || kind == 6 ? templateChat(kind, n, sample.items()) : textChat(n, sample.items());
        const Transcript& transcript = chat->transcript;
        showDetached(std::move(chat), transcript);
        return static_cast<double>(model_->size());
    }
    if (kind == 2 || kind == 4) {
        // CPU µs per frame. 2: the whole frame (UI, vertices, GL submission); 4: the UI
        // and the draw list's vertex generation only (what grows with the transcript).
        const double start = emscripten_get_now();
        for (int i = 0; i < n; ++i) {
            if (kind == 2) {
                loop_->drawNow();
                continue;
            }
            canvas_->startDrawList();
            window_->draw(canvas_->drawList(), canvas_->input(), windowState(), 0.f, [](const ControlId&) {});
        }
        return (emscripten_get_now() - start) * 1000.0 / std::max(1, n);
    }
    if (kind == 3) return static_cast<double>(loop_->framesDrawn());
    // Browser-drawn message text: bitmap bytes held, their cap, tiles rasterised.
    if (kind == 11) return static_cast<double>(window_->browserText().cache().bytes());
    if (kind == 12) return static_cast<double>(window_->browserText().cache().capBytes());
    if (kind == 13) return static_cast<double>(window_->browserText().rastered());
    return -1;
}

}  // namespace finchat::widget

extern "C" double fc_bench(int kind, int n, const char* samples) {
    finchat::widget::WidgetApp* app = finchat::widget::WidgetApp::instance();
    return app ? app->bench(kind, n, samples ? samples : "") : -1;
}
