// connect_local/flow.h: contact flows in Amazon Connect's flow language, as files.
//
// One file is one flow exactly as Connect exports and imports it: `Version` ("2019-10-30"),
// `StartAction`, `Metadata` (ignored), `Actions[]` with `Identifier`, `Type`, `Parameters` and
// `Transitions{NextAction, Conditions[{NextAction, Condition{Operator, Operands}}],
// Errors[{NextAction, ErrorType}]}`. Loading checks what Connect checks on import that matters for
// running the flow (supported action types, identifiers, references, the 250-action limit), so a
// flow that loads here is one the runner can execute to the end; a refused file names itself, the
// action's Identifier and the reason. The subset is listed in demo/connect-local/README.md.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace connect_local {

struct FlowCondition {
    std::string op;                      // Equals, NumberGreaterThan, ..., TextEndsWith
    std::vector<std::string> operands;   // as written (numbers are kept as their text)
    std::string next;
};

struct FlowErrorBranch {
    std::string type;   // NoMatchingError, NoMatchingCondition, QueueAtCapacity, InputTimeLimitExceeded
    std::string next;
};

struct FlowAction {
    std::string id, type;
    nlohmann::json parameters = nlohmann::json::object();
    std::string next;                       // Transitions.NextAction (may be empty)
    std::vector<FlowCondition> conditions;
    std::vector<FlowErrorBranch> errors;
    const std::string* errorBranch(std::string_view errorType) const;
};

struct Flow {
    std::string file;   // the file name inside the flows directory
    std::string startAction;
    std::vector<FlowAction> actions;
    std::unordered_map<std::string, std::size_t> index;   // Identifier -> position
    const FlowAction* action(std::string_view id) const;
};

// Why a file was refused: `file: action "Identifier": reason` (action empty for file-level faults).
struct FlowLoadError {
    std::string file, action, reason;
    std::string describe() const;
};

// The flow-language limits and names this runner knows.
constexpr std::size_t kMaxFlowActions = 250;
const std::vector<std::string>& supportedFlowActionTypes();
const std::vector<std::string>& supportedFlowOperators();

std::variant<Flow, FlowLoadError> parseFlow(std::string file, std::string_view text);

// Every flow of a directory (its *.json files), by file name; refused files are listed in errors and
// the others still load.
struct FlowLibrary {
    std::map<std::string, Flow> flows;
    std::vector<FlowLoadError> errors;
    const Flow* flow(std::string_view file) const;
    void add(std::string file, std::string_view text);
    static FlowLibrary loadDirectory(const std::string& dir);   // a missing directory is one error
    static FlowLibrary demo();   // demo/connect-local/flows, compiled in (like Config::demo())
};

}  // namespace connect_local
