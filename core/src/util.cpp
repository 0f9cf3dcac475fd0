#include "finchat/util.h"

#include "finchat/platform.h"

namespace finchat {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// Reads exactly `n` digits at `pos`; advances pos.
bool digits(std::string_view s, std::size_t& pos, int n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (int i = 0; i < n; ++i) {
        char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        out = out * 10 + (c - '0');
    }
    pos += n;
    return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) { ++pos; return true; }
    return false;
}

}  // namespace

void appendDecimal(std::string& out, std::uint64_t v) {
    char buf[20];
    char* p = buf + sizeof buf;
    do { *--p = static_cast<char>('0' + v % 10); v /= 10; } while (v);
    out.append(p, buf + sizeof buf);
}

std::string decimal(std::int64_t v) {
    std::string out;
    if (v < 0) out += '-';
    appendDecimal(out, v < 0 ? ~static_cast<std::uint64_t>(v) + 1 : static_cast<std::uint64_t>(v));
    return out;
}

std::optional<std::int64_t> parseIsoTime(std::string_view s) {
    std::size_t p = 0;
    int year, month, day, hour, minute, second = 0;
    if (!digits(s, p, 4, year) || !expect(s, p, '-') || !digits(s, p, 2, month) ||
        !expect(s, p, '-') || !digits(s, p, 2, day))
        return std::nullopt;
    if (!(expect(s, p, 'T') || expect(s, p, 't') || expect(s, p, ' '))) return std::nullopt;
    if (!digits(s, p, 2, hour) || !expect(s, p, ':') || !digits(s, p, 2, minute)) return std::nullopt;
    if (expect(s, p, ':') && !digits(s, p, 2, second)) return std::nullopt;
    int millis = 0;
    if (expect(s, p, '.')) {
        int scale = 100, n = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
            millis += (s[p] - '0') * scale;   // digits past the third are truncated
            scale /= 10;
            ++p;
            ++n;
        }
        if (n == 0) return std::nullopt;
    }
    int offsetMinutes = 0;
    if (expect(s, p, 'Z') || expect(s, p, 'z')) {
    } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
        const int sign = s[p] == '-' ? -1 : 1;
        ++p;
        int oh, om = 0;
        if (!digits(s, p, 2, oh)) return std::nullopt;
        if (expect(s, p, ':')) { if (!digits(s, p, 2, om)) return std::nullopt; }
        else if (p < s.size() && !digits(s, p, 2, om)) return std::nullopt;
        if (oh > 23 || om > 59) return std::nullopt;
        offsetMinutes = sign * (oh * 60 + om);
    } else {
        return std::nullopt;   // Connect times always carry a zone
    }
    if (p != s.size()) return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 ||
        second > 60)
        return std::nullopt;   // no rolling over: 2025-02-30 is an error, not 2 March
    const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
    return secs * 1000 + millis;
}

std::string formatIsoTime(std::int64_t ms) {
    // Floor division without negating ms (-INT64_MIN would overflow).
    std::int64_t days = ms / 86400000;
    std::int64_t rem = ms % 86400000;
    if (rem < 0) { --days; rem += 86400000; }
    std::int64_t y; unsigned mo, d;
    civilFromDays(days, y, mo, d);
    // What snprintf("%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ") wrote, by hand: in wasm snprintf links
    // printf_core with float formatting (~8 KB) for this one call.
    std::string out;
    out.reserve(24);
    const auto put = [&out](std::uint64_t v, int width) {
        char digits[20];
        int n = 0;
        do { digits[n++] = static_cast<char>('0' + v % 10); v /= 10; } while (v);
        for (; width > n; --width) out += '0';
        while (n) out += digits[--n];
    };
    if (y < 0) {   // "%04lld" of -1 is "-001": the sign counts towards the width
        out += '-';
        put(0 - static_cast<std::uint64_t>(y), 3);
    } else {
        put(static_cast<std::uint64_t>(y), 4);
    }
    out += '-';
    put(mo, 2);
    out += '-';
    put(d, 2);
    out += 'T';
    put(static_cast<std::uint64_t>(rem / 3600000), 2);
    out += ':';
    put(static_cast<std::uint64_t>(rem / 60000 % 60), 2);
    out += ':';
    put(static_cast<std::uint64_t>(rem / 1000 % 60), 2);
    out += '.';
    put(static_cast<std::uint64_t>(rem % 1000), 3);
    out += 'Z';
    return out;
}

std::string uuidV4(Random& random) {
    unsigned char b[16];
    for (int i = 0; i < 16; i += 4) {
        std::uint32_t r = random.next();
        for (int k = 0; k < 4; ++k) b[i + k] = static_cast<unsigned char>(r >> (8 * k));
    }
    b[6] = (b[6] & 0x0F) | 0x40;   // version 4
    b[8] = (b[8] & 0x3F) | 0x80;   // RFC 4122 variant
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += hex[b[i] >> 4];
        out += hex[b[i] & 15];
    }
    return out;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

double parseDecimal(std::string_view s, std::size_t* used) {
    // 10^0 .. 10^22 are exact doubles: one multiplication or division by one of them rounds once.
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    std::size_t i = 0;
    const bool negative = i < s.size() && s[i] == '-';
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::uint64_t mantissa = 0;
    int digits = 0, exponent = 0, seen = 0;
    auto takeDigits = [&](bool fraction) {
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++seen) {
            if (digits < 19) {   // 19 digits always fit in 64 bits; later ones only scale
                if (mantissa != 0 || s[i] != '0') ++digits;
                mantissa = mantissa * 10 + static_cast<unsigned>(s[i] - '0');
                if (fraction) --exponent;
            } else if (!fraction) {
                ++exponent;
            }
        }
    };
    takeDigits(false);
    if (i < s.size() && s[i] == '.') {
        ++i;
        takeDigits(true);
    }
    if (seen == 0) {
        if (used) *used = 0;
        return 0;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        const bool negExp = j < s.size() && s[j] == '-';
        if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
        if (j < s.size() && s[j] >= '0' && s[j] <= '9') {
            int e = 0;
            for (; j < s.size() && s[j] >= '0' && s[j] <= '9'; ++j)
                if (e < 100000) e = e * 10 + (s[j] - '0');
            exponent += negExp ? -e : e;
            i = j;
        }
    }
    if (used) *used = i;
    double v = static_cast<double>(mantissa);
    if (mantissa != 0) {
        if (exponent < 0 && mantissa < (std::uint64_t{1} << 53) && exponent >= -22) {
            v /= kPow10[-exponent];
        } else {
            for (; exponent > 22 && v < 1e308; exponent -= 22) v *= 1e22;
            for (; exponent < -22 && v > 1e-300; exponent += 22) v /= 1e22;
            if (exponent > 22) v *= 1e22 * 1e22;      // overflows to infinity
            else if (exponent < -22) v /= 1e22 * 1e22;   // underflows to zero
            else if (exponent >= 0) v *= kPow10[exponent];
            else v /= kPow10[-exponent];
        }
    }
    return negative ? -v : v;
}

std::optional<std::string> percentDecode(std::string_view s, bool plusIsSpace) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return std::nullopt;   // needs two hex digits
            const int hi = hexDigit(s[i + 1]), lo = hexDigit(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(c == '+' && plusIsSpace ? ' ' : c);
        }
    }
    return out;
}

std::string queryParam(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == name)
            return eq == std::string_view::npos ? std::string() : percentDecode(pair.substr(eq + 1), true).value_or("");
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return {};
}

std::size_t utf8Length(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > s.size()) len = 1;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) { len = 1; break; }
        i += len;
    }
    return n;
}

std::int32_t nextCodePoint(std::string_view s, std::size_t& pos) {
    const unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) { ++pos; return c; }
    // Lead byte: sequence length and the smallest value it may encode (anything less is overlong).
    std::size_t len;
    std::uint32_t cp, min;
    if ((c >> 5) == 6) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if ((c >> 4) == 14) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if ((c >> 3) == 30) { len = 4; cp = c & 0x07; min = 0x10000; }
    else { ++pos; return -1; }
    if (pos + len > s.size()) { ++pos; return -1; }
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char cc = static_cast<unsigned char>(s[pos + k]);
        if ((cc & 0xC0) != 0x80) { ++pos; return -1; }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++pos; return -1; }
    pos += len;
    return static_cast<std::int32_t>(cp);
}

std::string toValidUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        if (nextCodePoint(s, i) < 0) out += "\xEF\xBF\xBD";   // U+FFFD
        else out.append(s.substr(start, i - start));
    }
    return out;
}

}  // namespace finchat
