// No name table compiled in: what the browser's wasm links (library finchat_pii_names_lazy). The shim
// fetches pii-names.bin when the chat first needs it and hands it to loadPiiNameTable().
#include "pii_scan.h"

namespace finchat::pii_detail {
const std::uint8_t* compiledNameTable() { return nullptr; }
}  // namespace finchat::pii_detail
