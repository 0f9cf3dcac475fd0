#include "strings.h"

#include <algorithm>

#include "finchat/attachments.h"
#include "finchat/json.h"
#include "finchat/util.h"

namespace finchat::widget {

std::string monthKey(int month) { return "month." + decimal(month); }
std::string weekdayKey(int weekday) { return "weekday." + decimal(weekday); }

const std::vector<std::string>& allStringKeys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (std::string_view s : {
                 key::kHeaderTitle, key::kHeaderTitleNoPartner, key::kHeaderAgentTitle, key::kHeaderSubtitle, key::kHeaderMinimize, key::kLauncherOpen,
                 key::kLauncherClose, key::kLauncherUnread, key::kBannerConnecting,
                 key::kBannerReconnecting, key::kBannerOffline, key::kBannerEnded, key::kBannerFailed,
                 key::kBannerTryAgain, key::kEndButton, key::kEndConfirmTitle, key::kEndConfirmBody,
                 key::kEndConfirm, key::kEndCancel, key::kNewChat, key::kDeliverySending, key::kDeliverySent,
                 key::kDeliveryDelivered, key::kDeliveryRead, key::kDeliveryFailed, key::kDeliveryRetry,
                 key::kTypingOne, key::kTypingSomeone, key::kDateToday, key::kDateYesterday, key::kDateThisYear,
                 key::kDateOtherYear, key::kTimeFormat, key::kTimeAm, key::kTimePm, key::kMessageCopy,
                 key::kMessageCopied, key::kMessageAttachment, key::kMessageUnsupported,
                 key::kMessageOptionsUnavailable, key::kTemplateLoading, key::kTemplateFailed, key::kTemplatePage,
                 key::kTemplatePreviousCard, key::kTemplateNextCard, key::kTemplatePreviousDay, key::kTemplateNextDay,
                 key::kTemplateDuration, key::kTemplatePickedTime, key::kHistoryLoadEarlier, key::kHistoryLoading,
                 key::kScrollNewMessages, key::kLogLabel, key::kPiiMasked, key::kPiiAskTitle, key::kPiiAskBody,
                 key::kPiiSendMasked, key::kPiiSendAsTyped, key::kPiiEdit, key::kPiiLoadFailed, key::kHandoffDivider,
                 key::kHandoffConnecting, key::kHandoffFailed, key::kRoleYou, key::kRoleCustomer, key::kRoleAgent,
                 key::kRoleBot, key::kRoleFlow, key::kRoleSystem, key::kSystemJoined, key::kSystemLeft, key::kSystemEnded,
                 key::kSystemTransferred, key::kSystemTransferFailed, key::kErrorGeneric, key::kErrorTooLong,
                 key::kErrorEmpty, key::kErrorEnded, key::kErrorStartFailed, key::kErrorSendFailed,
                 key::kComposerLabel, key::kComposerPlaceholder, key::kComposerSend, key::kComposerDisabled,
                 key::kAttachmentAttach, key::kAttachmentDownload, key::kAttachmentScanning, key::kAttachmentRejected,
                 key::kAttachmentProgress, key::kAttachmentSending, key::kAttachmentChecking, key::kAttachmentCancel,
                 key::kAttachmentRetry, key::kAttachmentRemove, key::kAttachmentDownloadFailed, key::kAttachmentDetails,
                 key::kAttachmentSizeBytes, key::kAttachmentSizeKb, key::kAttachmentSizeMb, key::kAttachmentSizeDecimal})
            k.emplace_back(s);
        for (AttachmentProblem p : {AttachmentProblem::TypeNotAllowed, AttachmentProblem::TooLarge, AttachmentProblem::Empty,
                                    AttachmentProblem::BadName, AttachmentProblem::NotConnected, AttachmentProblem::Ended,
                                    AttachmentProblem::Refused, AttachmentProblem::ScannerRejected, AttachmentProblem::UploadFailed})
            k.emplace_back(attachmentProblemKey(p));
        for (int m = 1; m <= 12; ++m) k.push_back(monthKey(m));
        for (int d = 0; d < 7; ++d) k.push_back(weekdayKey(d));
        return k;
    }();
    return keys;
}

Result<Strings> Strings::fromJson(std::string_view json) {
    const Json root = Json::parse(json);
    if (!root.valid()) return Error{ErrorCode::MalformedJson, "strings: not valid JSON"};
    if (!root.isObject()) return Error{ErrorCode::WrongType, "strings: expected object"};
    Strings out;
    for (const Json::Member& m : root.members()) {
        if (!m.value.isString()) return Error{ErrorCode::WrongType, "strings." + m.key + ": expected string"};
        out.texts_.emplace(m.key, m.value.asString());
    }
    return out;
}

void Strings::set(std::string key, std::string text) { texts_[std::move(key)] = std::move(text); }

void Strings::merge(const Strings& overrides) {
    for (const auto& [k, v] : overrides.texts_) texts_[k] = v;
}

bool Strings::has(std::string_view key) const { return texts_.find(key) != texts_.end(); }

std::string_view Strings::get(std::string_view key) const {
    auto it = texts_.find(key);
    return it == texts_.end() ? key : std::string_view(it->second);
}

std::string Strings::format(std::string_view key, Args args) const { return fillPlaceholders(get(key), args); }

std::string fillPlaceholders(std::string_view text, Strings::Args args) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto open = text.find('{', i);
        if (open == std::string_view::npos) break;
        const auto close = text.find('}', open + 1);
        if (close == std::string_view::npos) break;
        out.append(text.substr(i, open - i));
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const auto* arg = std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
        if (arg != args.end()) {
            out.append(arg->second);
            i = close + 1;
        } else {
            out.push_back('{');   // not ours: keep it, and look for a placeholder right after the brace
            i = open + 1;
        }
    }
    out.append(text.substr(i));
    return out;
}

}  // namespace finchat::widget
