// id_hash.h: the hash behind every ImGui ID in the widget (widget/app/link_trims.cpp puts it in place
// of ImGui's ImHashData/ImHashStr at the link).
//
// Why: ImGui hashes with a table-driven CRC-32 whose 1 KB table does not compress (1.2 KB gzip of what
// every chat downloads). IDs only need to be stable within the page and to keep ImGui's rules, which
// these do: FNV-1a (32 bit) from the parent ID `seed`; idHashText with size 0 reads up to the NUL; a
// "###" in a text starts the hash again from the seed, so "Label###id" has the ID of "###id".
#pragma once

#include <cstddef>
#include <cstdint>

namespace finchat::widget {

std::uint32_t idHashData(const void* data, std::size_t size, std::uint32_t seed);
std::uint32_t idHashText(const char* text, std::size_t size, std::uint32_t seed);

}  // namespace finchat::widget
