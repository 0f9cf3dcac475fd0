// The intent model: see intent_classifier.h for the method and why it is shaped so.
#include "connect_local/lex/intent_classifier.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

namespace connect_local::lex {
namespace {

constexpr std::uint64_t kWordBlockSeed = 0xcbf29ce484222325ull;   // FNV-1a offset basis
constexpr std::uint64_t kCharBlockSeed = 0x84222325cbf29ce4ull;   // another basis: the blocks never share a hash

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

// One text's n-grams: hash -> count, per block.
struct RawGrams {
    std::unordered_map<std::uint64_t, int> word, chars;
};

RawGrams rawGrams(std::string_view text, const ClassifierOptions& opt) {
    RawGrams g;
    const auto tokens = tokenizeUtterance(text);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        std::uint64_t h = kWordBlockSeed;
        for (std::size_t n = 0; n < static_cast<std::size_t>(opt.maxWordGram) && i + n < tokens.size(); ++n) {
            if (n > 0) h = fnv1a(h, "\x01");
            h = fnv1a(h, tokens[i + n]);
            ++g.word[h];
        }
        const std::string padded = " " + tokens[i] + " ";
        for (int n = opt.minCharGram; n <= opt.maxCharGram; ++n) {
            if (static_cast<std::size_t>(n) > padded.size()) break;
            for (std::size_t at = 0; at + n <= padded.size(); ++at)
                ++g.chars[fnv1a(kCharBlockSeed, std::string_view(padded).substr(at, n))];
        }
    }
    return g;
}

double sublinear(int count) { return 1.0 + std::log(static_cast<double>(count)); }

}  // namespace

std::vector<std::string> tokenizeUtterance(std::string_view text) {
    std::vector<std::string> tokens;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) tokens.push_back(std::move(current));
        current.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') {
            current += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || c >= 0x80) {
            // U+2019 (right single quotation mark, E2 80 99) is an apostrophe too.
            if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                static_cast<unsigned char>(text[i + 2]) == 0x99) {
                i += 2;
                continue;
            }
            current += static_cast<char>(c);
        } else if (c >= '0' && c <= '9') {
            current += '0';
        } else if (c == '\'') {
            // folded away: "hasn't" and "hasnt" are one word
        } else {
            flush();
        }
    }
    flush();
    return tokens;
}

// The raw (sublinear tf) features of a text; with `grow`, unseen n-grams get new ids and `df` counts
// documents per id (training); without, unseen n-grams are dropped (scoring).
std::vector<IntentClassifier::Feature> IntentClassifier::rawFeatures(std::string_view text, Vocabulary* grow,
                                                                     double* unknownMass) const {
    const RawGrams g = rawGrams(text, options_);
    std::vector<Feature> out;
    auto addBlock = [&](const std::unordered_map<std::uint64_t, int>& block, bool word) {
        for (const auto& [hash, count] : block) {
            std::uint32_t id;
            if (auto it = featureIds_.find(hash); it != featureIds_.end()) {
                id = it->second;
            } else if (grow) {
                id = static_cast<std::uint32_t>(featureIds_.size() + grow->ids.size());
                grow->ids.emplace(hash, id);
                grow->isWord.push_back(word ? 1 : 0);
                grow->df.push_back(0);
            } else {
                if (unknownMass) *unknownMass += std::pow(sublinear(count) * unknownIdf_, 2);
                continue;
            }
            if (grow) ++grow->df[id];
            out.push_back({id, static_cast<float>(sublinear(count))});
        }
    };
    addBlock(g.word, true);
    addBlock(g.chars, false);
    return out;
}

void IntentClassifier::weigh(std::vector<Feature>& row) const {
    double norm[2] = {0, 0};   // [0] characters, [1] words
    for (auto& f : row) {
        f.value *= idf_[f.id];
        norm[isWordFeature_[f.id]] += static_cast<double>(f.value) * f.value;
    }
    const double scale[2] = {norm[0] > 0 ? options_.charWeight / std::sqrt(norm[0]) : 0,
                             norm[1] > 0 ? options_.wordWeight / std::sqrt(norm[1]) : 0};
    for (auto& f : row) f.value = static_cast<float>(f.value * scale[isWordFeature_[f.id]]);
    std::sort(row.begin(), row.end(), [](const Feature& a, const Feature& b) { return a.id < b.id; });
}

std::vector<IntentClassifier::Feature> IntentClassifier::features(std::string_view text) const {
    auto row = rawFeatures(text, nullptr, nullptr);
    weigh(row);
    return row;
}

namespace {

// Dual coordinate descent for one binary L2-regularised squared-hinge SVM (liblinear's solver 1,
// with its shrinking) over the training rows `members`, member j on side y[j] (+1/-1) with the
// diagonal diag[j] = 1 / (2 C_j); the bias is an extra constant-1 feature (squares[i]: row i's
// squared norm plus the bias's 1). `w` (dims + 1, last: the
// bias) must come in all zero and leaves holding the primal weights; returns the duals alpha.
std::vector<double> trainBinary(const std::vector<std::vector<IntentClassifier::Feature>>& rows,
                                const std::vector<double>& squares, const std::vector<std::uint32_t>& members, const std::vector<signed char>& y,
                                const std::vector<double>& diag, std::size_t dims, const ClassifierOptions& opt,
                                double tolerance, std::uint32_t seed, std::vector<double>& w) {
    const std::size_t n = members.size();
    std::vector<double> alpha(n, 0.0), qd(n);
    std::vector<std::size_t> index(n);
    for (std::size_t j = 0; j < n; ++j) {
        qd[j] = squares[members[j]] + diag[j];
        index[j] = j;
    }
    std::mt19937 rng(seed);
    std::size_t active = n;
    // Squared hinge has no upper bound on alpha, so only the lower bound is shrunk (liblinear's PGmax_old).
    double pgMaxOld = std::numeric_limits<double>::infinity();
    for (int epoch = 0; epoch < opt.maxEpochs; ++epoch) {
        for (std::size_t i = 0; i < active; ++i) std::swap(index[i], index[i + rng() % (active - i)]);
        double pgMax = -std::numeric_limits<double>::infinity(), pgMin = -pgMax;
        for (std::size_t s = 0; s < active; ++s) {
            const std::size_t i = index[s];
            const auto& row = rows[members[i]];
            double dot = w[dims];
            for (const auto& f : row) dot += w[f.id] * f.value;
            const double g = y[i] * dot - 1.0 + alpha[i] * diag[i];
            double pg = 0;
            if (alpha[i] == 0) {
                if (g > pgMaxOld) {   // shrink: stays at the bound
                    --active;
                    std::swap(index[s], index[active]);
                    --s;
                    continue;
                }
                if (g < 0) pg = g;
            } else {
                pg = g;
            }
            pgMax = std::max(pgMax, pg);
            pgMin = std::min(pgMin, pg);
            if (std::fabs(pg) > 1e-12) {
                const double old = alpha[i];
                alpha[i] = std::max(alpha[i] - g / qd[i], 0.0);
                const double d = (alpha[i] - old) * y[i];
                for (const auto& f : row) w[f.id] += d * f.value;
                w[dims] += d;
            }
        }
        if (pgMax - pgMin <= tolerance) {
            if (active == n) break;
            active = n;   // converged on the active set: check everything once more
            pgMaxOld = std::numeric_limits<double>::infinity();
            continue;
        }
        pgMaxOld = pgMax <= 0 ? std::numeric_limits<double>::infinity() : pgMax;
    }
    return alpha;
}

// Runs work(worker, workers) on `threads` threads (the caller's is one of them).
template <typename Work>
void inParallel(unsigned threads, std::size_t jobs, Work work) {
    const unsigned workers = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(jobs, 1))));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < workers; ++t) pool.emplace_back(work, t, workers);
    work(0, workers);
    for (auto& t : pool) t.join();
}

}  // namespace

IntentClassifier IntentClassifier::train(const std::vector<std::string>& texts, const std::vector<int>& labels,
                                         int classCount, const ClassifierOptions& options) {
    IntentClassifier model;
    model.options_ = options;
    model.classCount_ = std::max(classCount, 0);
    const std::size_t n = std::min(texts.size(), labels.size());

    // The vocabulary grows in `model.featureIds_` itself: rawFeatures() looks ids up there first.
    Vocabulary vocabulary;
    std::vector<std::vector<Feature>> rows(n);
    for (std::size_t i = 0; i < n; ++i) {
        rows[i] = model.rawFeatures(texts[i], &vocabulary, nullptr);
        for (const auto& [hash, id] : vocabulary.ids) model.featureIds_.emplace(hash, id);
        vocabulary.ids.clear();
    }
    const std::size_t dims = model.featureIds_.size();
    model.isWordFeature_ = std::move(vocabulary.isWord);
    model.idf_.resize(dims);
    for (std::size_t j = 0; j < dims; ++j)
        model.idf_[j] = static_cast<float>(std::log((1.0 + n) / (1.0 + vocabulary.df[j])) + 1.0);
    model.unknownIdf_ = std::log(1.0 + n) + 1.0;   // an n-gram no training text had
    for (auto& row : rows) model.weigh(row);

    // Feature-major weights: scoring a text walks its few features once for all classes.
    const std::size_t k = static_cast<std::size_t>(model.classCount_);
    model.stride_ = k;
    model.weights_.assign((dims + 1) * k, 0.0f);
    std::vector<int> labelOf(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(n));
    // Class balance: an intent with few utterances has them weighted up by (n / (k * n_c))^classBalance,
    // so the intents' share of the examples does not become a prior (users ask what they ask).
    std::vector<std::size_t> perClass(k, 0);
    for (int label : labelOf)
        if (label >= 0 && static_cast<std::size_t>(label) < k) ++perClass[static_cast<std::size_t>(label)];
    auto positiveWeight = [&](std::size_t c) {
        if (perClass[c] == 0 || options.classBalance == 0) return 1.0;
        return std::pow(static_cast<double>(n) / (static_cast<double>(k) * static_cast<double>(perClass[c])),
                        options.classBalance);
    };
    std::vector<std::uint32_t> everyone(n);
    std::vector<double> squares(n, 1.0);   // 1: the bias feature
    for (std::size_t i = 0; i < n; ++i) {
        everyone[i] = static_cast<std::uint32_t>(i);
        for (const auto& f : rows[i]) squares[i] += static_cast<double>(f.value) * f.value;
    }
    inParallel(options.threads, k, [&](unsigned worker, unsigned workers) {
        std::vector<double> w;
        std::vector<signed char> y(n);
        std::vector<double> diag(n);
        for (std::size_t c = worker; c < k; c += workers) {
            const double diagPositive = 0.5 / (options.c * positiveWeight(c)), diagNegative = 0.5 / options.c;
            for (std::size_t i = 0; i < n; ++i) {
                y[i] = labelOf[i] == static_cast<int>(c) ? 1 : -1;
                diag[i] = y[i] > 0 ? diagPositive : diagNegative;
            }
            w.assign(dims + 1, 0.0);
            trainBinary(rows, squares, everyone, y, diag, dims, options, options.tolerance,
                        static_cast<std::uint32_t>(c) * 2654435761u + 17u, w);
            for (std::size_t j = 0; j <= dims; ++j) model.weights_[j * k + c] = static_cast<float>(w[j]);
        }
    });

    // Pairwise models (one-vs-one, each trained on the two intents' utterances only) to re-rank the
    // one-vs-rest top candidates: they separate near intents on what tells them apart. Kept as duals
    // over the stored training rows, which is smaller than one weight vector per pair.
    if (options.rerankTop > 1 && k > 1) {
        model.classRows_.assign(k, {});
        for (std::size_t i = 0; i < n; ++i)
            if (labelOf[i] >= 0 && static_cast<std::size_t>(labelOf[i]) < k)
                model.classRows_[static_cast<std::size_t>(labelOf[i])].push_back(static_cast<std::uint32_t>(i));
        model.pairCoef_.assign(k * (k - 1) / 2, {});
        inParallel(options.threads, model.pairCoef_.size(), [&](unsigned worker, unsigned workers) {
            std::vector<double> w(dims + 1, 0.0), diag;
            std::vector<std::uint32_t> members;
            std::vector<signed char> y;
            std::size_t pair = 0;
            for (std::size_t a = 0; a < k; ++a)
                for (std::size_t b = a + 1; b < k; ++b, ++pair) {
                    if (pair % workers != worker) continue;
                    const auto& ra = model.classRows_[a];
                    const auto& rb = model.classRows_[b];
                    if (ra.empty() || rb.empty()) continue;
                    members.assign(ra.begin(), ra.end());
                    members.insert(members.end(), rb.begin(), rb.end());
                    y.assign(ra.size(), 1);
                    y.resize(members.size(), -1);
                    diag.assign(members.size(), 0.5 / options.pairC);
                    const auto alpha = trainBinary(rows, squares, members, y, diag, dims, options, options.pairTolerance,
                                                   static_cast<std::uint32_t>(pair) * 2246822519u + 29u, w);
                    auto& coef = model.pairCoef_[pair];
                    coef.resize(members.size() + 1);
                    for (std::size_t j = 0; j < members.size(); ++j) coef[j] = static_cast<float>(alpha[j] * y[j]);
                    coef.back() = static_cast<float>(w[dims]);
                    for (std::uint32_t m : members)
                        for (const auto& f : rows[m]) w[f.id] = 0;
                    w[dims] = 0;
                }
        });
        model.logShare_.assign(k, 0.0);
        for (std::size_t c = 0; c < k; ++c)
            if (perClass[c] > 0)
                model.logShare_[c] = std::log(static_cast<double>(perClass[c]) * static_cast<double>(k) / static_cast<double>(n));
        if (options.nbWeight != 0) {
            // (feature, class) for every word n-gram of every utterance (rows hold each feature once).
            std::vector<std::uint64_t> seen;
            std::size_t wordFeatures = 0;
            for (std::size_t j = 0; j < dims; ++j) wordFeatures += model.isWordFeature_[j];
            for (std::size_t i = 0; i < n; ++i) {
                if (labelOf[i] < 0 || static_cast<std::size_t>(labelOf[i]) >= k) continue;
                for (const auto& f : rows[i])
                    if (model.isWordFeature_[f.id]) seen.push_back(static_cast<std::uint64_t>(f.id) << 32 | static_cast<std::uint32_t>(labelOf[i]));
            }
            std::sort(seen.begin(), seen.end());
            std::vector<double> total(k, 0.0);
            model.nbStart_.assign(dims + 1, 0);
            for (std::size_t at = 0; at < seen.size();) {
                std::size_t end = at;
                while (end < seen.size() && seen[end] == seen[at]) ++end;
                const auto id = static_cast<std::uint32_t>(seen[at] >> 32), label = static_cast<std::uint32_t>(seen[at]);
                const double count = static_cast<double>(end - at);
                model.nbEntries_.push_back({label, static_cast<float>(std::log1p(count / options.nbAlpha))});
                ++model.nbStart_[id + 1];
                total[label] += count;
                at = end;
            }
            for (std::size_t j = 0; j < dims; ++j) model.nbStart_[j + 1] += model.nbStart_[j];
            model.nbNorm_.resize(k);
            for (std::size_t c = 0; c < k; ++c)
                model.nbNorm_[c] = std::log(total[c] + options.nbAlpha * static_cast<double>(wordFeatures));
        }
        model.rowStart_.assign(1, 0);
        for (const auto& row : rows) {
            model.rowFeatures_.insert(model.rowFeatures_.end(), row.begin(), row.end());
            model.rowStart_.push_back(static_cast<std::uint32_t>(model.rowFeatures_.size()));
        }
    }
    return model;
}

std::vector<ScoredClass> IntentClassifier::classify(std::string_view text) const {
    const std::size_t k = static_cast<std::size_t>(classCount_);
    std::vector<double> margin(k, 0.0);
    if (k == 0) return {};
    const std::size_t dims = featureIds_.size();
    for (std::size_t c = 0; c < k; ++c) margin[c] = weights_[dims * k + c];
    // Coverage: the share of the text's tf-idf mass made of n-grams the model knows. Scaling the
    // confidences by it makes words the bot never saw (gibberish, other topics) fall below the
    // threshold even where a class's bias alone is positive (small bots); the ranking is unchanged.
    double unknown = 0, known = 0;
    auto row = rawFeatures(text, nullptr, &unknown);
    for (const auto& f : row) known += std::pow(static_cast<double>(f.value) * idf_[f.id], 2);
    const double coverage = known + unknown > 0 ? known / (known + unknown) : 0;
    weigh(row);
    for (const auto& f : row)
        for (std::size_t c = 0; c < k; ++c) margin[c] += static_cast<double>(weights_[f.id * k + c]) * f.value;
    std::vector<ScoredClass> out(k);
    for (std::size_t c = 0; c < k; ++c) {
        out[c].label = static_cast<int>(c);
        out[c].margin = margin[c];
        out[c].confidence =
            coverage / (1.0 + std::exp(-options_.confidenceSlope * (margin[c] - options_.confidenceOffset)));
    }
    std::stable_sort(out.begin(), out.end(), [](const ScoredClass& a, const ScoredClass& b) { return a.margin > b.margin; });
    const std::size_t winner = rerank(row, out);
    std::rotate(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(winner), out.begin() + static_cast<std::ptrdiff_t>(winner) + 1);
    return out;
}

// Among the one-vs-rest top candidates, each pair's one-vs-one model adds its decision value to the
// one candidate and takes it from the other; the best total wins. Returns its index in `ranked`.
std::size_t IntentClassifier::rerank(const std::vector<Feature>& row, const std::vector<ScoredClass>& ranked) const {
    const std::size_t k = static_cast<std::size_t>(classCount_);
    const std::size_t top = std::min<std::size_t>(static_cast<std::size_t>(std::max(options_.rerankTop, 0)), ranked.size());
    if (pairCoef_.empty() || top < 2) return 0;
    std::vector<float> dense(featureIds_.size(), 0.0f);
    for (const auto& f : row) dense[f.id] = f.value;
    // The text's dot product with every training row of each candidate (shared by its pairs).
    std::vector<std::vector<double>> dots(top);
    for (std::size_t j = 0; j < top; ++j) {
        const auto& members = classRows_[static_cast<std::size_t>(ranked[j].label)];
        dots[j].resize(members.size());
        for (std::size_t m = 0; m < members.size(); ++m) {
            double d = 0;
            for (std::uint32_t at = rowStart_[members[m]]; at < rowStart_[members[m] + 1]; ++at)
                d += static_cast<double>(dense[rowFeatures_[at].id]) * rowFeatures_[at].value;
            dots[j][m] = d;
        }
    }
    std::vector<double> total(top);
    for (std::size_t j = 0; j < top; ++j)
        total[j] = ranked[j].margin - options_.priorCorrection * logShare_[static_cast<std::size_t>(ranked[j].label)];
    if (!nbNorm_.empty()) {
        // Naive Bayes log-likelihoods of every class, scaled to the margins' spread over the classes.
        std::vector<double> nb(k, 0.0);
        double words = 0;
        for (const auto& f : row) {
            if (!isWordFeature_[f.id]) continue;
            words += 1;
            for (std::uint32_t at = nbStart_[f.id]; at < nbStart_[f.id + 1]; ++at) nb[nbEntries_[at].label] += nbEntries_[at].value;
        }
        double nbSum = 0, nbSq = 0, mSum = 0, mSq = 0;
        for (std::size_t c = 0; c < k; ++c) {
            nb[c] -= words * nbNorm_[c];
            nbSum += nb[c], nbSq += nb[c] * nb[c];
        }
        for (const auto& r : ranked) mSum += r.margin, mSq += r.margin * r.margin;
        const double kk = static_cast<double>(k);
        const double nbSd = std::sqrt(std::max(0.0, nbSq / kk - (nbSum / kk) * (nbSum / kk)));
        const double mSd = std::sqrt(std::max(0.0, mSq / kk - (mSum / kk) * (mSum / kk)));
        if (nbSd > 0)
            for (std::size_t j = 0; j < top; ++j)
                total[j] += options_.nbWeight * mSd / nbSd * nb[static_cast<std::size_t>(ranked[j].label)];
    }
    for (std::size_t i = 0; i < top; ++i)
        for (std::size_t j = i + 1; j < top; ++j) {
            // The pair's model is trained with its lower label on the positive side.
            const bool iLow = ranked[i].label < ranked[j].label;
            const std::size_t lo = iLow ? i : j, hi = iLow ? j : i;
            const std::size_t a = static_cast<std::size_t>(ranked[lo].label), b = static_cast<std::size_t>(ranked[hi].label);
            const auto& coef = pairCoef_[a * k - a * (a + 1) / 2 + (b - a - 1)];
            if (coef.empty()) continue;
            double d = coef.back();
            for (std::size_t m = 0; m < dots[lo].size(); ++m) d += coef[m] * dots[lo][m];
            for (std::size_t m = 0; m < dots[hi].size(); ++m) d += coef[dots[lo].size() + m] * dots[hi][m];
            total[lo] += d;
            total[hi] -= d;
        }
    std::size_t best = 0;
    for (std::size_t j = 1; j < top; ++j)
        if (total[j] > total[best]) best = j;
    return best;
}

std::size_t IntentClassifier::memoryBytes() const {
    std::size_t pairs = 0;
    for (const auto& coef : pairCoef_) pairs += coef.size() * sizeof(float) + sizeof(coef);
    for (const auto& members : classRows_) pairs += members.size() * sizeof(std::uint32_t) + sizeof(members);
    pairs += rowFeatures_.size() * sizeof(Feature) + rowStart_.size() * sizeof(std::uint32_t);
    pairs += nbStart_.size() * sizeof(std::uint32_t) + nbEntries_.size() * sizeof(NbEntry) +
             (nbNorm_.size() + logShare_.size()) * sizeof(double);
    return pairs + weights_.size() * sizeof(float) + idf_.size() * sizeof(float) + isWordFeature_.size() +
           featureIds_.size() * (sizeof(std::uint64_t) + sizeof(std::uint32_t) + 2 * sizeof(void*));
}

}  // namespace connect_local::lex
