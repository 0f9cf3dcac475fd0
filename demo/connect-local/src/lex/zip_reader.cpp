// A zip reader for bot exports: the central directory (end record, then one header per entry), each
// entry's data after its local header, stored (0) or deflated (8, raw inflate with zlib), checked
// against the CRC-32 the directory records. Sizes are bounded so a hostile archive cannot exhaust
// memory: a bot definition is a few hundred kilobytes of JSON.
#include <zlib.h>

#include <cstdint>

#include "connect_local/lex/bot_definition.h"

namespace connect_local::lex {
namespace {

constexpr std::size_t kMaxEntryBytes = 16u << 20;
constexpr std::size_t kMaxTotalBytes = 64u << 20;
constexpr std::size_t kMaxEntries = 10'000;

std::uint32_t le16(std::string_view s, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8);
}
std::uint32_t le32(std::string_view s, std::size_t at) { return le16(s, at) | le16(s, at + 2) << 16; }

bool inflateRaw(std::string_view in, std::size_t expected, std::string& out) {
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return false;
    out.resize(expected);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&z, Z_FINISH);
    const bool ok = rc == Z_STREAM_END && z.total_out == expected;
    inflateEnd(&z);
    return ok;
}

}  // namespace

ZipRead readZip(std::string_view zip) {
    ZipRead r;
    auto fail = [&](std::string why) {
        r.files.clear();
        r.error = std::move(why);
        return r;
    };
    // The end-of-central-directory record: 22 bytes plus a comment of up to 65535.
    if (zip.size() < 22) return fail("not a zip archive (too short)");
    std::size_t eocd = std::string_view::npos;
    for (std::size_t at = zip.size() - 22 + 1; at-- > 0 && zip.size() - at <= 22 + 65535;) {
        if (le32(zip, at) == 0x06054b50u) {
            eocd = at;
            break;
        }
    }
    if (eocd == std::string_view::npos) return fail("not a zip archive (no end of central directory)");
    const std::size_t entries = le16(zip, eocd + 10);
    const std::size_t dirSize = le32(zip, eocd + 12), dirOffset = le32(zip, eocd + 16);
    if (entries == 0xffff || dirOffset == 0xffffffffu) return fail("ZIP64 archives are not supported");
    if (entries > kMaxEntries) return fail("too many entries");
    if (dirOffset > zip.size() || dirSize > zip.size() - dirOffset) return fail("central directory out of bounds");
    std::size_t at = dirOffset, total = 0;
    for (std::size_t e = 0; e < entries; ++e) {
        if (at + 46 > zip.size() || le32(zip, at) != 0x02014b50u) return fail("damaged central directory");
        const std::uint32_t flags = le16(zip, at + 8), method = le16(zip, at + 10), crc = le32(zip, at + 16);
        const std::size_t packed = le32(zip, at + 20), size = le32(zip, at + 24);
        const std::size_t nameLen = le16(zip, at + 28), extraLen = le16(zip, at + 30), commentLen = le16(zip, at + 32);
        const std::size_t local = le32(zip, at + 42);
        if (at + 46 + nameLen > zip.size()) return fail("damaged central directory");
        const std::string name(zip.substr(at + 46, nameLen));
        at += 46 + nameLen + extraLen + commentLen;
        if (name.empty() || name.back() == '/') continue;   // a directory
        if (flags & 1u) return fail(name + ": encrypted entries are not supported");
        if (size > kMaxEntryBytes || (total += size) > kMaxTotalBytes) return fail(name + ": entry too large");
        if (local + 30 > zip.size() || le32(zip, local) != 0x04034b50u) return fail(name + ": damaged local header");
        const std::size_t dataAt = local + 30 + le16(zip, local + 26) + le16(zip, local + 28);
        if (dataAt > zip.size() || packed > zip.size() - dataAt) return fail(name + ": data out of bounds");
        const std::string_view data = zip.substr(dataAt, packed);
        std::string content;
        if (method == 0) {
            if (packed != size) return fail(name + ": stored entry with mismatched sizes");
            content.assign(data);
        } else if (method == 8) {
            if (!inflateRaw(data, size, content)) return fail(name + ": cannot inflate");
        } else {
            return fail(name + ": compression method " + std::to_string(method) + " is not supported");
        }
        const auto check = crc32(0L, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size()));
        if (check != crc) return fail(name + ": CRC mismatch");
        r.files[name] = std::move(content);
    }
    return r;
}

}  // namespace connect_local::lex
