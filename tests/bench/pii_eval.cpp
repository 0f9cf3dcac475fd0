// pii_eval: runs the core's PII detector over labelled JSONL (the format of
// ../shared/data/pii/banking_chat_pii_dev.jsonl) and prints predictions as JSONL for score_pii.py:
//   finchat_pii_eval gold.jsonl > pred.jsonl && python3 score_pii.py gold.jsonl pred.jsonl
// Offsets are printed in code points, as the gold files (and Comprehend) count them.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "finchat/pii.h"

int main(int argc, char** argv) {
    std::ifstream file;
    if (argc > 1) {
        file.open(argv[1]);
        if (!file) {
            std::fprintf(stderr, "pii_eval: cannot open %s\n", argv[1]);
            return 2;
        }
    }
    std::istream& in = argc > 1 ? static_cast<std::istream&>(file) : std::cin;
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
        if (record.is_discarded() || !record.contains("text")) continue;
        const std::string text = record["text"].get<std::string>();
        nlohmann::json entities = nlohmann::json::array();
        const auto matches = finchat::detectPii(text);
        const auto offsets = finchat::codePointOffsets(text, matches);
        for (std::size_t i = 0; i < matches.size(); ++i)
            entities.push_back({{"type", finchat::comprehendName(matches[i].type)},
                                {"begin", offsets[i].first},
                                {"end", offsets[i].second},
                                {"score", matches[i].score}});
        nlohmann::json out = {{"id", record.value("id", "")}, {"entities", entities}};
        std::cout << out.dump() << '\n';
    }
    return 0;
}
