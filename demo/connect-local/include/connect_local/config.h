// connect_local/config.h: instances, flows, queues, partners and limits (config.json beside the binary).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/pii.h"
#include "finchat/result.h"

namespace connect_local {

struct QueueConfig { std::string id, name; };

struct FlowConfig {
    std::string id, name;
    std::string queue;      // where the contact waits for an agent
    std::string bot;        // "acme-demo-bot" or empty: the flow's bot answers before any queueing
    std::string greeting;   // SYSTEM message when the contact starts (empty: none)
};

struct InstanceConfig {
    std::string id, name;
    std::vector<FlowConfig> flows;
    std::vector<QueueConfig> queues;
    // Connect's InFlightChatRedactionConfiguration: what customer text loses before the bot, agents
    // and transcripts see it ("InFlightChatRedactionConfiguration" in config.json; absent: defaults).
    finchat::PiiRedaction redaction;
    const FlowConfig* flow(std::string_view id) const;
    bool hasQueue(std::string_view id) const;
};

struct PartnerConfig {
    std::string id, name;
    std::string apiKey;     // x-api-key for the Finaptic Support API
    std::string l1Instance, l1Flow;
};

struct Limits {
    int maxContacts = 20'000;               // concurrent active chats -> LimitExceededException
    int maxItemsPerContact = 5'000;         // bounded memory per contact
    int maxParticipantsPerContact = 6;
    int maxSocketsPerParticipant = 5;
    std::int64_t maxAttachmentBytes = 20 << 20;
    std::int64_t maxAttachmentBytesTotal = 200 << 20;
    int customerIdleMinutes = 10;           // participant.idle after this long without a message
    int chatDurationMinutes = 1'500;        // default ChatDurationInMinutes
};

struct Config {
    std::string region = "us-east-1";
    std::vector<InstanceConfig> instances;
    std::vector<PartnerConfig> partners;
    std::string finapticInstance = "finaptic", finapticFlow = "finaptic-l2";
    Limits limits;

    const InstanceConfig* instance(std::string_view id) const;
    const PartnerConfig* partnerByKey(std::string_view apiKey) const;
    const PartnerConfig* partner(std::string_view id) const;

    static finchat::Result<Config> parse(std::string_view json);
    static finchat::Result<Config> load(const std::string& path);
    static Config demo();   // the topology of system.md §6, used when no file is given
};

}  // namespace connect_local
