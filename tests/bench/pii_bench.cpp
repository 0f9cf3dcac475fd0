// PII detector speed (prints figures; asserts nothing). Built natively and as wasm (node):
//   finchat_pii_bench             µs per message for ~190-character banking messages (with and
//                                 without PII) and scaled to 200 bytes, MB/s on a long text, and the
//                                 name table's share.
// Quality figures come from finchat_pii_eval + score_pii.py (scripts/pii_scores.sh).
// The figures are CPU time, so a loaded machine does not inflate them: std::clock natively; in wasm
// emscripten's clock() is wall time, so node's process.cpuUsage() (user + system) instead.
// argv[1] = rounds over the messages (default 2000, in five batches, after a warm-up of 1000).
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
EM_JS(double, nodeCpuSeconds, (), {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
});
#endif

#include "finchat/pii.h"

namespace {

double cpuSeconds() {
#ifdef __EMSCRIPTEN__
    return nodeCpuSeconds();
#else
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
#endif
}

// ~200 characters each: a mix of the kinds the guard sees (PII-heavy and PII-free).
const std::vector<std::string> kMessages = {
    "Hi, this is Rosa Hassan, I need to report my Visa 4528-9297-8749-6673 as lost. Can you send a new one to "
    "9124 Sunset Rd, Denver, CO 23884? My phone is (415) 555-0112, thanks.",
    "Set up direct deposit: routing 616546990, account 03414734. Is that right? Also my email changed to "
    "mateo.moreau99@example.org last week, please update it on my profile before Friday.",
    "Why is my transfer still pending after 9 days? I sent 250 dollars to my landlord for the rent and the app "
    "still shows it as processing. Can you check what is going on with it please? Thanks a lot",
    "Reset my password please, username ember_lucas, the old one was c@ny0n80 and I also clicked "
    "https://harborbank-login.example.org/verify?id=094986 from an email, did I get phished?",
    "Card: 4093 3689 1941 0713 Exp: 11-26 Security code: 858 - is this card still active? I was charged "
    "GBP 43.81 at Target on July 22 and GBP 12.99 at Spotify on 03/06/2024, neither was me.",
    "What documents do I need to open an account? I have a passport and a driving licence, and I moved here "
    "from Canada in March. Do you need proof of address too, like a utility bill or a bank statement?",
};

double usPerMessage(int rounds) {
    std::size_t sink = 0;
    const double t0 = cpuSeconds();
    for (int r = 0; r < rounds; ++r)
        for (const std::string& m : kMessages) sink += finchat::detectPii(m).size();
    const double us = 1e6 * (cpuSeconds() - t0);
    if (sink == 0) std::printf("(no matches?)\n");
    return us / (rounds * static_cast<double>(kMessages.size()));
}
}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 2000;
    std::size_t chars = 0;
    for (const std::string& m : kMessages) chars += m.size();
    // Warm-up: node compiles hot wasm functions again, optimised, in the background while they run, and
    // that compiling is CPU time of the process too; 20 rounds were not enough to leave it behind.
    usPerMessage(1000);
    // The median of five batches, so one disturbed batch does not move the figure.
    const int batch = std::max(1, rounds / 5);
    std::array<double, 5> us{};
    for (double& u : us) u = usPerMessage(batch);
    std::sort(us.begin(), us.end());
    // The target is stated for a 200-character message and these average a little less, so the figure
    // is also given scaled to 200 bytes as if all of it grew with the length: an upper bound, since
    // part of it is per message (the long text below runs faster per byte).
    const double meanBytes = static_cast<double>(chars) / static_cast<double>(kMessages.size());
    std::printf("pii detectPii: %.2f us per message (%zu messages, mean %.0f bytes; median of 5 x %d rounds, %.2f-%.2f),"
                " %.2f us per 200 bytes\n",
                us[2], kMessages.size(), meanBytes, batch, us.front(), us.back(), us[2] * 200.0 / meanBytes);
    std::string longText;
    while (longText.size() < 100 * 1024) longText += kMessages[longText.size() % kMessages.size()] + " ";
    const double t0 = cpuSeconds();
    std::size_t n = 0;
    for (int i = 0; i < 20; ++i) n += finchat::detectPii(longText).size();
    const double s = cpuSeconds() - t0;
    std::printf("pii detectPii: %.1f MB/s on a 100 KB text (%zu matches per pass)\n", 20.0 * longText.size() / s / 1e6, n / 20);
    return 0;
}
