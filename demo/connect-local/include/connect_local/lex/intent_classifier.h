// connect_local/lex/intent_classifier.h: the intent model a Lex V2 bot is trained into at load.
//
// Features: TF-IDF over word unigrams+bigrams and over character n-grams (2..5 by default) inside each word
// padded with spaces (scikit-learn's "char_wb"), sublinear tf, smooth idf, each block L2-normalised,
// blocks weighted and concatenated. Model: one-vs-rest linear SVMs (L2-regularised squared hinge,
// bias as a constant feature) trained by dual coordinate descent (Hsieh et al., ICML 2008, the
// liblinear solver). Classes train independently, so they are split over `threads` workers; the
// result does not depend on the thread count (each class has its own fixed-seed visiting order).
// Re-ranking: one-vs-rest ranks the intents; among its top `rerankTop`, a one-vs-one SVM per pair
// (same solver, trained on the two intents' utterances only, so it learns what tells near intents
// apart) adds its decision value to one and takes it from the other, and the best sum of margin and
// pair votes is put first. The pairs are kept as duals over the stored training rows (smaller than
// a weight vector per pair). Chosen by 5-fold cross-validation on BANKING77's train.csv
// (banking77_bench --folds 5): balanced accuracy 90.44 % without, 91.12 % with (top 4).
// Two more terms in that sum: a multinomial naive Bayes log-likelihood over word n-gram presence
// (uniform prior; scaled by the spread of the margins over all intents divided by its own, times
// nbWeight), and -priorCorrection * log(the intent's share of the training utterances * k), so an
// intent with many examples does not win the close calls for that alone. Same CV: 91.12 % ->
// 91.49 % balanced (91.32 -> 91.59 % accuracy; better in each of the 5 folds, fold sd 0.38).
//
// Confidence: Lex reports a score per intent in 0..1 (they need not sum to 1). Here it is a sigmoid
// of the class's one-vs-rest SVM margin, sigmoid(slope * (margin - offset)) (re-ranking moves an
// intent up, it does not change its score), times the text's coverage (the share of its tf-idf mass
// made of n-grams seen in training), so an utterance unlike every intent (all margins negative, or
// mostly unknown words) scores low for all of them: that is what lets the
// bot's nluConfidenceThreshold send it to AMAZON.FallbackIntent. slope/offset were chosen on a
// held-out split of BANKING77's training set (tests/bench/banking77_bench.cpp --validate prints
// the fallback rates by margin).
//
// Deterministic, no network, no files: everything comes from the examples passed in.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace connect_local::lex {

struct ClassifierOptions {
    double c = 0.5;                  // SVM cost (larger: fits the training utterances harder)
    double classBalance = 0;         // an intent's utterances cost c * (n / (k * n_intent))^classBalance
                                     // (off: no gain in 5-fold CV on BANKING77, 91.12 vs 91.12 % balanced)
    double wordWeight = 1.0;         // weight of the word n-gram block
    double charWeight = 1.0;         // weight of the character n-gram block
    int maxWordGram = 2;             // word n-grams 1..maxWordGram
    int minCharGram = 2;             // character n-grams minCharGram..maxCharGram inside padded words
    int maxCharGram = 5;
    int rerankTop = 4;               // one-vs-one models re-rank this many one-vs-rest candidates (< 2: off)
    double pairC = 1.0;              // SVM cost of the one-vs-one models
    double pairTolerance = 0.5;      // their convergence tolerance (see `tolerance`; small problems, looser)
    double nbWeight = 0.75;          // re-ranking adds nbWeight * (naive Bayes log-likelihood, in margin units)
    double nbAlpha = 0.1;            // its additive smoothing (word n-gram presence counts)
    double priorCorrection = 0.3;    // re-ranking subtracts priorCorrection * log(share of intent / (1 / k))
    int maxEpochs = 60;              // dual coordinate descent passes (stops earlier when converged)
    double tolerance = 0.1;          // projected-gradient spread at which a class has converged
    double confidenceSlope = 4.0;    // sigmoid(slope * (margin - offset))
    double confidenceOffset = -0.1;   // confidence 0.4 at margin -0.2
    unsigned threads = 2;
};

struct ScoredClass {
    int label = 0;
    double margin = 0;       // the SVM's decision value
    double confidence = 0;   // 0..1
};

class IntentClassifier {
public:
    // labels[i] in [0, classCount). Classes without examples never win (their margin is -bias only).
    static IntentClassifier train(const std::vector<std::string>& texts, const std::vector<int>& labels,
                                  int classCount, const ClassifierOptions& options = {});

    // Every class, best first: the re-ranked winner, then the others by margin (ties: lower label first).
    std::vector<ScoredClass> classify(std::string_view text) const;
    int classCount() const { return classCount_; }
    std::size_t featureCount() const { return featureIds_.size(); }
    std::size_t memoryBytes() const;   // weights + vocabulary, approximately

    // The feature vector of a text (sorted by feature id, L2-normalised per block); for tests.
    struct Feature {
        std::uint32_t id;
        float value;
    };
    std::vector<Feature> features(std::string_view text) const;

private:
    struct Vocabulary {   // what training adds while reading the examples
        std::unordered_map<std::uint64_t, std::uint32_t> ids;
        std::vector<std::uint8_t> isWord;
        std::vector<std::uint32_t> df;
    };
    // unknownMass: adds the squared tf-idf of n-grams not in the vocabulary (scored as never seen).
    std::vector<Feature> rawFeatures(std::string_view text, Vocabulary* grow, double* unknownMass) const;
    void weigh(std::vector<Feature>& row) const;   // idf, per-block L2 norm, block weights; sorts by id
    std::size_t rerank(const std::vector<Feature>& row, const std::vector<ScoredClass>& ranked) const;

    ClassifierOptions options_;
    int classCount_ = 0;
    std::unordered_map<std::uint64_t, std::uint32_t> featureIds_;   // n-gram hash -> id
    std::vector<float> idf_;                                       // per id
    double unknownIdf_ = 1;                                        // idf of an n-gram never seen
    std::vector<std::uint8_t> isWordFeature_;                      // per id: 1 word, 0 char
    std::vector<float> weights_;   // classCount_ x (featureCount + 1): last column is the bias
    std::size_t stride_ = 0;
    // One-vs-one models, pair (a < b) at a * k - a * (a + 1) / 2 + (b - a - 1): the duals (times the
    // side) of a's training rows then b's, then the bias. Rows are kept weighed, sorted by id.
    std::vector<std::vector<float>> pairCoef_;
    std::vector<std::vector<std::uint32_t>> classRows_;   // per class: its training rows
    std::vector<Feature> rowFeatures_;
    std::vector<std::uint32_t> rowStart_;                  // row i: rowFeatures_[rowStart_[i], rowStart_[i + 1])
    // Multinomial naive Bayes over word n-gram presence: per feature id, the classes that saw it with
    // log(1 + count / alpha) (nbStart_ indexes nbEntries_ like rowStart_); per class log(total + alpha V).
    struct NbEntry {
        std::uint32_t label;
        float value;
    };
    std::vector<std::uint32_t> nbStart_;
    std::vector<NbEntry> nbEntries_;
    std::vector<double> nbNorm_;
    std::vector<double> logShare_;   // per class: log(its share of the training utterances * k)
};

// Lower-cases ASCII, folds apostrophes away ("hasn't" -> "hasnt"), maps digits to '0', splits on
// everything else that is not a letter. Non-ASCII UTF-8 bytes are kept as letters.
std::vector<std::string> tokenizeUtterance(std::string_view text);

}  // namespace connect_local::lex
