// Twin wasm executables that differ only in whether they call the PII detector: the difference of
// their .wasm sizes is what the detector (and its name table) adds to a binary. tests/CMakeLists.txt
// builds both (wasm only) with the shipped size flags; scripts/pii_scores.sh prints the difference.
#include <cstdio>
#include <string>

#ifdef FINCHAT_PII_PROBE
#include "finchat/pii.h"
#endif

int main(int argc, char** argv) {
    std::string text = argc > 1 ? argv[1] : "card 4111 1111 1111 1111";
#ifdef FINCHAT_PII_PROBE
    text = finchat::redactPii(text) + finchat::maskPii(text);
#endif
    std::puts(text.c_str());
    return 0;
}
