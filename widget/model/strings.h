// strings.h: every text the chat window shows, per locale.
//
// The shim passes a table {key: text} (web/locales/en.json is the English one and the single source;
// web/locales/README.md documents each key and its placeholders). Texts may contain {name}-style
// placeholders that format() fills. A key missing from the table shows as the key itself
// ("banner.reconnecting"), so a forgotten translation is visible in tests and on screen instead of a
// blank label.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <map>
#include <utility>
#include <vector>

#include "finchat/result.h"

namespace finchat::widget {

// The keys the C++ side uses, so a typo is a compile error rather than a label showing its key.
namespace key {
inline constexpr std::string_view kHeaderTitle = "header.title";                 // {partner}
inline constexpr std::string_view kHeaderTitleNoPartner = "header.titleNoPartner";  // the whole title
inline constexpr std::string_view kHeaderAgentTitle = "header.agentTitle";       // {name} (agent view)
inline constexpr std::string_view kHeaderSubtitle = "header.subtitle";
inline constexpr std::string_view kHeaderMinimize = "header.minimize";
inline constexpr std::string_view kLauncherOpen = "launcher.open";
inline constexpr std::string_view kLauncherClose = "launcher.close";
inline constexpr std::string_view kLauncherUnread = "launcher.unread";           // {count}
inline constexpr std::string_view kBannerConnecting = "banner.connecting";
inline constexpr std::string_view kBannerReconnecting = "banner.reconnecting";
inline constexpr std::string_view kBannerOffline = "banner.offline";
inline constexpr std::string_view kBannerEnded = "banner.ended";
inline constexpr std::string_view kBannerFailed = "banner.failed";
inline constexpr std::string_view kBannerTryAgain = "banner.tryAgain";
inline constexpr std::string_view kEndButton = "end.button";
inline constexpr std::string_view kEndConfirmTitle = "end.confirmTitle";
inline constexpr std::string_view kEndConfirmBody = "end.confirmBody";
inline constexpr std::string_view kEndConfirm = "end.confirm";
inline constexpr std::string_view kEndCancel = "end.cancel";
inline constexpr std::string_view kNewChat = "end.newChat";
inline constexpr std::string_view kDeliverySending = "delivery.sending";
inline constexpr std::string_view kDeliverySent = "delivery.sent";
inline constexpr std::string_view kDeliveryDelivered = "delivery.delivered";
inline constexpr std::string_view kDeliveryRead = "delivery.read";
inline constexpr std::string_view kDeliveryFailed = "delivery.failed";
inline constexpr std::string_view kDeliveryRetry = "delivery.retry";
inline constexpr std::string_view kTypingOne = "typing.one";                     // {name}
inline constexpr std::string_view kTypingSomeone = "typing.someone";
inline constexpr std::string_view kDateToday = "date.today";
inline constexpr std::string_view kDateYesterday = "date.yesterday";
inline constexpr std::string_view kDateThisYear = "date.thisYear";               // {weekday} {month} {day}
inline constexpr std::string_view kDateOtherYear = "date.otherYear";             // {month} {day} {year}
inline constexpr std::string_view kTimeFormat = "time.format";                   // {hours} {hours12} {minutes} {ampm}
inline constexpr std::string_view kTimeAm = "time.am";
inline constexpr std::string_view kTimePm = "time.pm";
// "month.1" .. "month.12" (short month names), "weekday.0" (Sunday) .. "weekday.6": see monthKey().
inline constexpr std::string_view kMessageCopy = "message.copy";
inline constexpr std::string_view kMessageCopied = "copy.done";
inline constexpr std::string_view kMessageAttachment = "message.attachment";     // {name}
inline constexpr std::string_view kMessageUnsupported = "message.unsupported";
inline constexpr std::string_view kMessageOptionsUnavailable = "message.optionsUnavailable";
inline constexpr std::string_view kTemplateLoading = "template.loading";
inline constexpr std::string_view kTemplateFailed = "template.failed";
inline constexpr std::string_view kTemplatePage = "template.page";               // {page} {count}
inline constexpr std::string_view kTemplatePreviousCard = "template.previousCard";
inline constexpr std::string_view kTemplateNextCard = "template.nextCard";
inline constexpr std::string_view kTemplatePreviousDay = "template.previousDay";
inline constexpr std::string_view kTemplateNextDay = "template.nextDay";
inline constexpr std::string_view kTemplateDuration = "template.duration";       // {minutes}
inline constexpr std::string_view kTemplatePickedTime = "template.pickedTime";   // {day} {time}: a TimePicker reply
inline constexpr std::string_view kHistoryLoadEarlier = "history.loadEarlier";
inline constexpr std::string_view kHistoryLoading = "history.loading";
inline constexpr std::string_view kScrollNewMessages = "scroll.newMessages";
inline constexpr std::string_view kLogLabel = "mirror.messages";
inline constexpr std::string_view kPiiMasked = "pii.masked";
inline constexpr std::string_view kPiiAskTitle = "pii.askTitle";
inline constexpr std::string_view kPiiAskBody = "pii.askBody";
inline constexpr std::string_view kPiiSendMasked = "pii.sendMasked";
inline constexpr std::string_view kPiiSendAsTyped = "pii.sendAsTyped";
inline constexpr std::string_view kPiiEdit = "pii.edit";
inline constexpr std::string_view kPiiLoadFailed = "pii.loadFailed";   // the PII detector could not be loaded
inline constexpr std::string_view kHandoffDivider = "handoff.divider";
inline constexpr std::string_view kHandoffConnecting = "handoff.connecting";
inline constexpr std::string_view kHandoffFailed = "handoff.failed";
inline constexpr std::string_view kRoleYou = "role.you";
inline constexpr std::string_view kRoleCustomer = "role.customer";
inline constexpr std::string_view kRoleAgent = "role.agent";
inline constexpr std::string_view kRoleBot = "role.bot";
inline constexpr std::string_view kRoleFlow = "role.flow";
inline constexpr std::string_view kRoleSystem = "role.system";
inline constexpr std::string_view kSystemJoined = "system.joined";               // {name}
inline constexpr std::string_view kSystemLeft = "system.left";                   // {name}
inline constexpr std::string_view kSystemEnded = "system.ended";
inline constexpr std::string_view kSystemTransferred = "system.transferred";
inline constexpr std::string_view kSystemTransferFailed = "system.transferFailed";
inline constexpr std::string_view kErrorGeneric = "error.generic";
inline constexpr std::string_view kErrorTooLong = "error.tooLong";               // {max}
inline constexpr std::string_view kErrorEmpty = "error.empty";
inline constexpr std::string_view kErrorEnded = "error.ended";
inline constexpr std::string_view kErrorStartFailed = "error.startFailed";
inline constexpr std::string_view kErrorSendFailed = "error.sendFailed";
inline constexpr std::string_view kComposerLabel = "composer.label";
inline constexpr std::string_view kComposerPlaceholder = "composer.placeholder";
inline constexpr std::string_view kComposerSend = "composer.send";
inline constexpr std::string_view kComposerDisabled = "composer.disabled";
// Attachments. The refusal texts are "attachment.error.<problem>", see finchat::attachmentProblemKey().
inline constexpr std::string_view kAttachmentAttach = "attachment.attach";
inline constexpr std::string_view kAttachmentDownload = "attachment.download";        // {name}
inline constexpr std::string_view kAttachmentScanning = "attachment.scanning";        // {name}
inline constexpr std::string_view kAttachmentRejected = "attachment.rejected";        // {name}
inline constexpr std::string_view kAttachmentProgress = "attachment.progress";        // {count} (percent)
inline constexpr std::string_view kAttachmentSending = "attachment.sending";
inline constexpr std::string_view kAttachmentChecking = "attachment.checking";
inline constexpr std::string_view kAttachmentDetails = "attachment.details";        // {type} {size}
inline constexpr std::string_view kAttachmentSizeBytes = "attachment.size.bytes";   // {count}
inline constexpr std::string_view kAttachmentSizeKb = "attachment.size.kb";         // {count}
inline constexpr std::string_view kAttachmentSizeMb = "attachment.size.mb";         // {count}
inline constexpr std::string_view kAttachmentSizeDecimal = "attachment.size.decimal";
inline constexpr std::string_view kAttachmentCancel = "attachment.cancel";
inline constexpr std::string_view kAttachmentRetry = "attachment.retry";
inline constexpr std::string_view kAttachmentRemove = "attachment.remove";
inline constexpr std::string_view kAttachmentDownloadFailed = "attachment.error.download";
}  // namespace key

// "month.5", "weekday.0": the keys of month (1-12) and weekday (0 = Sunday) names.
std::string monthKey(int month);
std::string weekdayKey(int weekday);
// Every key the window uses (the constants above plus the month and weekday names), for tests that
// check a locale table is complete.
const std::vector<std::string>& allStringKeys();

class Strings {
public:
    Strings() = default;

    // A flat JSON object of strings. Errors: MalformedJson, WrongType (a value that is not a string;
    // the error names its key).
    static Result<Strings> fromJson(std::string_view json);

    void set(std::string key, std::string text);
    // Entries of `overrides` replace ours (a partner's wording over the built-in English).
    void merge(const Strings& overrides);

    bool has(std::string_view key) const;
    // The text, or the key itself when missing. The view points into this table (or at `key` when
    // missing), so it lives as long as the table is not changed.
    std::string_view get(std::string_view key) const;
    // get() with {name} placeholders replaced by their values; unknown placeholders stay as written.
    using Args = std::initializer_list<std::pair<std::string_view, std::string_view>>;
    std::string format(std::string_view key, Args args) const;
    std::size_t size() const { return texts_.size(); }

private:
    std::map<std::string, std::string, std::less<>> texts_;   // transparent: lookups by string_view
};

// Fills {name} placeholders in any text (exposed for tests and for texts that are not in a table).
std::string fillPlaceholders(std::string_view text, Strings::Args args);

}  // namespace finchat::widget
