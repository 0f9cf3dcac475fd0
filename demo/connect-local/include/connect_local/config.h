// connect_local/config.h: instances, flows, queues, hours, bots, partners and limits (config.json
// beside the binary). Flow files name queues, hours and bots by their AWS ARNs or ids; this is where
// those names map to local things (see demo/connect-local/README.md, "ARN mapping").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/pii.h"
#include "finchat/result.h"

namespace connect_local {

struct QueueConfig {
    std::string id, name;
    std::string arn;        // what flow files put in QueueId (the id itself works too)
    std::string hours;      // hours-of-operation id; empty: open around the clock
    int staffedAgents = 0;  // agents the local instance pretends are staffed (CheckMetricData)
    int maxContacts = 0;    // waiting contacts before TransferContactToQueue answers QueueAtCapacity; 0: no limit
};

// Weekly opening hours, as Connect's HoursOfOperation: per day zero or more [start, end) minute ranges.
struct HoursConfig {
    struct Range { int day = 0; int startMinute = 0, endMinute = 0; };   // day 0 = SUNDAY .. 6 = SATURDAY
    std::string id, name, arn;
    int utcOffsetMinutes = 0;   // a fixed offset: the local stand-in has no time-zone database
    std::vector<Range> ranges;
    bool openAt(std::int64_t epochMs) const;
};

struct FlowConfig {
    std::string id, name;   // id: StartChatContact's ContactFlowId
    std::string arn;
    std::string file;       // the flow-language file in the flows directory (default: <id>.json)
};

struct InstanceConfig {
    std::string id, name;
    std::vector<FlowConfig> flows;
    std::vector<QueueConfig> queues;
    // Connect's InFlightChatRedactionConfiguration: what customer text loses before the bot, agents
    // and transcripts see it ("InFlightChatRedactionConfiguration" in config.json; absent: defaults).
    finchat::PiiRedaction redaction;
        std::vector<HoursConfig> hours;
    // By id or ARN; queues and hours also by an ARN whose last segment is the local id.
    const FlowConfig* flow(std::string_view idOrArn) const;
    const QueueConfig* queue(std::string_view idOrArn) const;
    const HoursConfig* hoursOfOperation(std::string_view idOrArn) const;
    bool hasQueue(std::string_view id) const { return queue(id) != nullptr; }
};

// A Lex bot alias ARN (what ConnectParticipantWithLexBot names) -> a bot loaded with --bots.
struct BotAliasConfig { std::string aliasArn, bot; };

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
    // Attachments are kept in memory: per file (Connect's 20 MB default), per contact, and in all
    // (uploads past either bound: ServiceQuotaExceededException). A contact's files go with it.
    std::int64_t maxAttachmentBytes = 20 << 20;
    std::int64_t maxAttachmentBytesPerContact = 60 << 20;
    std::int64_t maxAttachmentBytesTotal = 200 << 20;
    int customerIdleMinutes = 10;           // participant.idle after this long without a message
    int chatDurationMinutes = 1'500;        // default ChatDurationInMinutes
    // Finaptic Support API: what one escalation may carry, and how many ended ones are remembered.
    int maxEscalationTranscriptItems = 1'000;   // the core sends at most ~770 (50,000 characters, 64 per row)
    std::int64_t maxEscalationTranscriptBytes = 65'536;   // sum of the entries' text, UTF-8 bytes
    int maxEscalationRecords = 2'000;       // records of ended L2 chats kept (active ones: all)
};

struct Config {
    std::string region = "us-east-1";
    std::vector<InstanceConfig> instances;
    std::vector<PartnerConfig> partners;
    std::vector<BotAliasConfig> bots;
    std::string finapticInstance = "finaptic", finapticFlow = "finaptic-l2";
    Limits limits;

    const InstanceConfig* instance(std::string_view id) const;
    const PartnerConfig* partnerByKey(std::string_view apiKey) const;
    const PartnerConfig* partner(std::string_view id) const;
    // The local bot an alias ARN names: the configured one, else the bot id inside the ARN
    // (arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID), else the text itself (a bot name).
    std::string botForAlias(std::string_view aliasArn) const;

    static finchat::Result<Config> parse(std::string_view json);
    static finchat::Result<Config> load(const std::string& path);
    static Config demo();   // the topology of system.md §6 (config.json's), used when no file is given
};

}  // namespace connect_local
