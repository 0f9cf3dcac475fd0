// BANKING77 benchmark of connect-local's Lex intent classifier (prints figures; asserts nothing).
//
// Trains on banking77/train.csv, reports accuracy on test.csv, the training time, the model's
// memory and the process's peak RSS, and the fallback rate of a bot that knows only a subset of
// the intents: with 20 of the 77 intents, how often nluConfidenceThreshold (0.4 unless --threshold)
// sends a query to AMAZON.FallbackIntent, for queries of the 20 intents (should be rare) and of
// the other 57 (should be common).
//
// Data: ../shared/data/banking77 relative to the repository root (CI keeps shared/ beside the
// clone), or --data DIR. Tuning is honest: --folds K cross-validates on train.csv (query i held out
// in fold i % K) and prints accuracy and balanced accuracy (mean per-intent recall: test.csv asks
// every intent 40 times while train.csv has 35..187 utterances per intent, so that is the figure
// test accuracy follows); --validate trains on 90 % of train.csv and scores the held-out 10 %
// (every 10th query) with the fallback figures. Options are chosen so, without looking at test.csv.
//
// Usage: banking77_bench [--data DIR] [--validate | --folds K] [--c C] [--balance P] [--word W] [--char W]
//                        [--word-grams N] [--char-grams MIN-MAX] [--rerank N] [--pair-c C]
//                        [--pair-tolerance T] [--nb W] [--nb-alpha A] [--prior P] [--tolerance T]
//                        [--epochs N] [--threads N] [--threshold T] [--subset N]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "connect_local/lex/intent_classifier.h"

#ifndef FINCHAT_SOURCE_DIR
#define FINCHAT_SOURCE_DIR "."
#endif

namespace {

struct Query {
    std::string text;
    std::string category;
};

// RFC 4180 CSV with a header "text,category"; quoted fields may hold commas and "" quotes.
bool readCsv(const std::string& path, std::vector<Query>& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string data = buffer.str();
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false, header = true;
    auto endRecord = [&] {
        fields.push_back(std::move(field));
        field.clear();
        if (!header && fields.size() == 2) out.push_back({fields[0], fields[1]});
        header = false;
        fields.clear();
    };
    for (std::size_t i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (quoted) {
            if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') field += data[++i];
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            endRecord();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !fields.empty()) endRecord();
    return true;
}

// Accuracy and balanced accuracy (the mean of the per-intent recalls: what accuracy would be if every
// intent were asked equally often, as in test.csv, whatever the training shares).
struct Score {
    double accuracy = 0, balanced = 0;
};

Score score(const connect_local::lex::IntentClassifier& model, const std::vector<std::string>& texts,
            const std::vector<int>& labels, std::size_t classCount) {
    std::vector<std::size_t> seen(classCount, 0), right(classCount, 0);
    std::size_t correct = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const bool ok = model.classify(texts[i]).front().label == labels[i];
        correct += ok;
        ++seen[static_cast<std::size_t>(labels[i])];
        right[static_cast<std::size_t>(labels[i])] += ok;
    }
    Score s;
    s.accuracy = texts.empty() ? 0 : 100.0 * static_cast<double>(correct) / static_cast<double>(texts.size());
    std::size_t present = 0;
    for (std::size_t c = 0; c < classCount; ++c)
        if (seen[c] > 0) {
            s.balanced += 100.0 * static_cast<double>(right[c]) / static_cast<double>(seen[c]);
            ++present;
        }
    if (present > 0) s.balanced /= static_cast<double>(present);
    return s;
}

double seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

// CPU seconds of the whole process (all threads): on a shared machine wall time overstates the cost.
double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    std::string dir = std::string(FINCHAT_SOURCE_DIR) + "/../shared/data/banking77";
    bool validate = false;
    int folds = 0;
    double threshold = 0.4;
    int subsetSize = 20;
    connect_local::lex::ClassifierOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool more = i + 1 < argc;
        if (a == "--data" && more) dir = argv[++i];
        else if (a == "--validate") validate = true;
        else if (a == "--folds" && more) folds = std::atoi(argv[++i]);
        else if (a == "--balance" && more) options.classBalance = std::atof(argv[++i]);
        else if (a == "--rerank" && more) options.rerankTop = std::atoi(argv[++i]);
        else if (a == "--pair-c" && more) options.pairC = std::atof(argv[++i]);
        else if (a == "--nb" && more) options.nbWeight = std::atof(argv[++i]);
        else if (a == "--nb-alpha" && more) options.nbAlpha = std::atof(argv[++i]);
        else if (a == "--prior" && more) options.priorCorrection = std::atof(argv[++i]);
        else if (a == "--pair-tolerance" && more) options.pairTolerance = std::atof(argv[++i]);
        else if (a == "--tolerance" && more) options.tolerance = std::atof(argv[++i]);
        else if (a == "--epochs" && more) options.maxEpochs = std::atoi(argv[++i]);
        else if (a == "--c" && more) options.c = std::atof(argv[++i]);
        else if (a == "--word" && more) options.wordWeight = std::atof(argv[++i]);
        else if (a == "--char" && more) options.charWeight = std::atof(argv[++i]);
        else if (a == "--word-grams" && more) options.maxWordGram = std::atoi(argv[++i]);
        else if (a == "--char-grams" && more) {
            const std::string range = argv[++i];   // MIN-MAX
            options.minCharGram = std::atoi(range.c_str());
            options.maxCharGram = std::atoi(range.substr(range.find('-') + 1).c_str());
        } else if (a == "--threads" && more) options.threads = static_cast<unsigned>(std::atoi(argv[++i]));
        else if (a == "--threshold" && more) threshold = std::atof(argv[++i]);
        else if (a == "--subset" && more) subsetSize = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: banking77_bench [--data DIR] [--validate | --folds K] [--c C] [--balance P] "
                                 "[--word W] [--char W] [--word-grams N] [--char-grams MIN-MAX] [--rerank N] [--pair-c C] "
                                 "[--pair-tolerance T] [--nb W] [--nb-alpha A] [--prior P] [--tolerance T] [--epochs N] [--threads N] "
                                 "[--threshold T] "
                                 "[--subset N]\n");
            return 2;
        }
    }
    std::vector<Query> train, test;
    if (!readCsv(dir + "/train.csv", train) || !readCsv(dir + "/test.csv", test)) {
        std::printf("banking77_bench: BANKING77 not found in %s (expected train.csv and test.csv; the data lives in\n"
                    "../shared/data/banking77 beside the repository, or pass --data DIR). Nothing measured.\n",
                    dir.c_str());
        return 0;
    }
    if (validate && folds > 1) {
        std::fprintf(stderr, "banking77_bench: --validate and --folds exclude each other\n");
        return 2;
    }
    if (validate) {   // every 10th training query is held out; test.csv stays unseen
        std::vector<Query> fit, held;
        for (std::size_t i = 0; i < train.size(); ++i) (i % 10 == 9 ? held : fit).push_back(train[i]);
        train = std::move(fit);
        test = std::move(held);
    }
    std::map<std::string, int> ids;
    for (const auto& q : train) ids.emplace(q.category, 0);
    std::vector<std::string> names;
    for (auto& [name, id] : ids) {
        id = static_cast<int>(names.size());
        names.push_back(name);
    }
    auto split = [&](const std::vector<Query>& qs, std::vector<std::string>& texts, std::vector<int>& labels) {
        for (const auto& q : qs) {
            auto it = ids.find(q.category);
            if (it == ids.end()) continue;
            texts.push_back(q.text);
            labels.push_back(it->second);
        }
    };
    std::vector<std::string> trainTexts, testTexts;
    std::vector<int> trainLabels, testLabels;
    split(train, trainTexts, trainLabels);
    split(test, testTexts, testLabels);

    if (folds > 1) {   // K-fold cross-validation on train.csv (query i in fold i % K); test.csv stays unseen
        const std::vector<std::string>& all = trainTexts;
        const std::vector<int>& allLabels = trainLabels;
        double sum[2] = {0, 0}, sq[2] = {0, 0};
        double cpu = 0;
        std::printf("BANKING77 %d-fold cross-validation on train.csv (%zu queries); C=%.3g balance=%.3g word=%.3g char=%.3g\n",
                    folds, all.size(), options.c, options.classBalance, options.wordWeight, options.charWeight);
        for (int f = 0; f < folds; ++f) {
            std::vector<std::string> fitT, heldT;
            std::vector<int> fitL, heldL;
            for (std::size_t i = 0; i < all.size(); ++i) {
                const bool held = static_cast<int>(i % static_cast<std::size_t>(folds)) == f;
                (held ? heldT : fitT).push_back(all[i]);
                (held ? heldL : fitL).push_back(allLabels[i]);
            }
            const double c0 = cpuSeconds();
            const auto m = connect_local::lex::IntentClassifier::train(fitT, fitL, static_cast<int>(names.size()), options);
            cpu += cpuSeconds() - c0;
            const Score s = score(m, heldT, heldL, names.size());
            std::printf("  fold %d  accuracy %.2f %%  balanced %.2f %%\n", f, s.accuracy, s.balanced);
            sum[0] += s.accuracy, sum[1] += s.balanced;
            sq[0] += s.accuracy * s.accuracy, sq[1] += s.balanced * s.balanced;
        }
        auto sd = [&](int j) { return std::sqrt(std::max(0.0, sq[j] / folds - (sum[j] / folds) * (sum[j] / folds))); };
        std::printf("mean    accuracy %.2f %% (sd %.2f)  balanced %.2f %% (sd %.2f); training %.2f s CPU per fold\n",
                    sum[0] / folds, sd(0), sum[1] / folds, sd(1), cpu / folds);
        return 0;
    }

    std::printf("BANKING77 (%s): %zu training queries, %zu %s queries, %zu intents; C=%.3g word=%.3g char=%.3g, %u thread(s)\n",
                validate ? "validation: 90/10 split of train.csv" : "train.csv -> test.csv", trainTexts.size(),
                testTexts.size(), validate ? "held-out" : "test", names.size(), options.c, options.wordWeight,
                options.charWeight, options.threads);

    const auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = cpuSeconds();
    const auto model = connect_local::lex::IntentClassifier::train(trainTexts, trainLabels, static_cast<int>(names.size()), options);
    const double trainSeconds = seconds(std::chrono::steady_clock::now() - t0);
    const double trainCpu = cpuSeconds() - cpu0;

    std::size_t correct = 0, below = 0, wrongBelow = 0;
    const auto t1 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < testTexts.size(); ++i) {
        const auto ranked = model.classify(testTexts[i]);
        const bool right = ranked.front().label == testLabels[i];
        correct += right;
        if (ranked.front().confidence < threshold) {
            ++below;
            wrongBelow += !right;
        }
    }
    const double classifySeconds = seconds(std::chrono::steady_clock::now() - t1);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("accuracy          %.2f %% (%zu / %zu)\n", 100.0 * static_cast<double>(correct) / testTexts.size(), correct,
                testTexts.size());
    std::printf("training          %.2f s wall, %.2f s CPU over %u thread(s) (%zu features)\n", trainSeconds, trainCpu,
                options.threads, model.featureCount());
    std::printf("classification    %.1f us per query\n", 1e6 * classifySeconds / testTexts.size());
    std::printf("memory            model %.1f MiB, process peak RSS %.1f MiB\n", model.memoryBytes() / 1048576.0,
                usage.ru_maxrss / 1024.0);
    std::printf("all 77 intents    %.1f %% of queries below threshold %.2f (%zu of them misclassified)\n",
                100.0 * below / testTexts.size(), threshold, wrongBelow);

    // A bot of Lex's usual size: the first 1,500 training queries (every intent has some).
    {
        const std::size_t m = std::min<std::size_t>(1500, trainTexts.size());
        const std::vector<std::string> smallTexts(trainTexts.begin(), trainTexts.begin() + static_cast<std::ptrdiff_t>(m));
        const std::vector<int> smallLabels(trainLabels.begin(), trainLabels.begin() + static_cast<std::ptrdiff_t>(m));
        const auto t3 = std::chrono::steady_clock::now();
        const double cpu3 = cpuSeconds();
        const auto small = connect_local::lex::IntentClassifier::train(smallTexts, smallLabels, static_cast<int>(names.size()), options);
        std::printf("%zu-utterance bot  trained in %.2f s wall, %.2f s CPU (%zu features)\n", m,
                    seconds(std::chrono::steady_clock::now() - t3), cpuSeconds() - cpu3, small.featureCount());
    }

    // A bot with only some of the intents: every (77/subset)-th category in name order.
    if (subsetSize > 0 && subsetSize < static_cast<int>(names.size())) {
        std::vector<int> subsetId(names.size(), -1);
        int next = 0;
        for (std::size_t c = 0; c < names.size() && next < subsetSize; c += names.size() / subsetSize) subsetId[c] = next++;
        std::vector<std::string> subTexts;
        std::vector<int> subLabels;
        for (std::size_t i = 0; i < trainTexts.size(); ++i)
            if (subsetId[trainLabels[i]] >= 0) {
                subTexts.push_back(trainTexts[i]);
                subLabels.push_back(subsetId[trainLabels[i]]);
            }
        const auto t2 = std::chrono::steady_clock::now();
        const auto sub = connect_local::lex::IntentClassifier::train(subTexts, subLabels, next, options);
        const double subSeconds = seconds(std::chrono::steady_clock::now() - t2);
        std::vector<connect_local::lex::ScoredClass> bestOf(testTexts.size());
        for (std::size_t i = 0; i < testTexts.size(); ++i) bestOf[i] = sub.classify(testTexts[i]).front();
        if (validate) {   // where the margin -> confidence mapping puts the threshold
            for (double margin : {-0.5, -0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2}) {
                std::size_t in = 0, inF = 0, out = 0, outF = 0;
                for (std::size_t i = 0; i < testTexts.size(); ++i) {
                    const bool f = bestOf[i].margin < margin;
                    if (subsetId[testLabels[i]] >= 0) { ++in; inF += f; } else { ++out; outF += f; }
                }
                std::printf("  fallback below margin %+.1f: in-subset %5.1f %%, out-of-subset %5.1f %%\n", margin,
                            100.0 * inF / in, 100.0 * outF / out);
            }
        }
        std::size_t inN = 0, inFallback = 0, inCorrect = 0, outN = 0, outFallback = 0;
        for (std::size_t i = 0; i < testTexts.size(); ++i) {
            const auto best = bestOf[i];
            const bool fallback = best.confidence < threshold;
            if (subsetId[testLabels[i]] >= 0) {
                ++inN;
                inFallback += fallback;
                inCorrect += !fallback && best.label == subsetId[testLabels[i]];
            } else {
                ++outN;
                outFallback += fallback;
            }
        }
        std::printf("bot with %d of %zu intents (%zu utterances, trained in %.2f s), threshold %.2f:\n", next, names.size(),
                    subTexts.size(), subSeconds, threshold);
        std::printf("  in-subset queries      %5.1f %% to fallback, %5.1f %% answered with the right intent (%zu queries)\n",
                    100.0 * inFallback / inN, 100.0 * inCorrect / inN, inN);
        std::printf("  out-of-subset queries  %5.1f %% to fallback (%zu queries)\n", 100.0 * outFallback / outN, outN);
    }
    return 0;
}
