#include "model/small_stdio.h"

#include <cstdint>
#include <string_view>

#include "finchat/util.h"

namespace finchat::widget {

namespace {

// Appends to a caller's buffer, keeping room for the terminator, and counts everything.
struct Out {
    char* buf;
    std::size_t size;
    std::size_t len = 0;
    void put(char c) {
        if (buf && len + 1 < size) buf[len] = c;
        ++len;
    }
    void put(const char* s, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) put(s[i]);
    }
    void fill(char c, int n) {
        for (; n > 0; --n) put(c);
    }
};

struct Spec {
    bool left = false, zero = false, plus = false, space = false, alt = false;
    int width = 0;
    int precision = -1;
};

// One field: sign/prefix, then digits, padded to the width as printf does.
void field(Out& out, const Spec& spec, std::string_view prefix, std::string_view body, bool numeric) {
    const int len = static_cast<int>(prefix.size() + body.size());
    const int pad = spec.width > len ? spec.width - len : 0;
    if (!spec.left && !(spec.zero && numeric)) out.fill(' ', pad);
    out.put(prefix.data(), prefix.size());
    if (!spec.left && spec.zero && numeric) out.fill('0', pad);
    out.put(body.data(), body.size());
    if (spec.left) out.fill(' ', pad);
}

void integer(Out& out, Spec spec, std::uint64_t magnitude, bool negative, unsigned base, bool upper) {
    char digits[72];
    int n = 0;
    const char* set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (std::uint64_t v = magnitude; v != 0; v /= base) digits[sizeof digits - 1 - n++] = set[v % base];
    while (n < spec.precision && n < 64) digits[sizeof digits - 1 - n++] = '0';
    if (n == 0 && spec.precision != 0) digits[sizeof digits - 1 - n++] = '0';
    if (spec.precision >= 0) spec.zero = false;   // C: a precision turns the 0 flag off
    std::string_view prefix = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    if (spec.alt && magnitude != 0 && base == 16) prefix = upper ? "0X" : "0x";
    if (spec.alt && base == 8 && (n == 0 || digits[sizeof digits - n] != '0')) digits[sizeof digits - 1 - n++] = '0';
    field(out, spec, prefix, std::string_view(digits + sizeof digits - n, static_cast<std::size_t>(n)), true);
}

// Decimal digits of a non-negative double scaled to an integer, by repeated division (no long double).
int wholeDigits(double v, char* out, int max) {
    char rev[400];
    int n = 0;
    do {
        const double q = static_cast<double>(static_cast<std::uint64_t>(v / 10 >= 1.8e19 ? 0 : v / 10));
        const double r = v >= 1.8e19 ? 0 : v - q * 10;   // beyond 64 bits the low digits are noise anyway
        rev[n++] = static_cast<char>('0' + static_cast<int>(r < 0 ? 0 : r > 9 ? 9 : r));
        v = v >= 1.8e19 ? v / 10 : q;
    } while (v >= 1 && n < static_cast<int>(sizeof rev));
    int k = 0;
    while (n > 0 && k < max) out[k++] = rev[--n];
    return k;
}

// %f with `precision` decimals (at most 17 significant digits are meaningful).
int fixedDigits(double v, int precision, bool alt, char* out, int max) {
    double scale = 1;
    for (int i = 0; i < precision; ++i) scale *= 10;
    double scaled = v * scale + 0.5;
    char whole[400];
    int n = wholeDigits(scaled, whole, static_cast<int>(sizeof whole));
    int k = 0;
    // Left of the point: every digit but the last `precision` ones (at least one 0).
    const int intDigits = n > precision ? n - precision : 0;
    if (intDigits == 0) out[k++] = '0';
    for (int i = 0; i < intDigits && k < max; ++i) out[k++] = whole[i];
    if (precision > 0 || alt) out[k++] = '.';
    for (int i = 0; i < precision - n && k < max; ++i) out[k++] = '0';
    for (int i = intDigits; i < n && k < max; ++i) out[k++] = whole[i];
    return k;
}

// %e with `precision` decimals: mantissa scaled into [1, 10) by powers of ten.
int expDigits(double v, int precision, bool alt, bool upper, char* out, int max, int* exponentOut) {
    int exponent = 0;
    if (v != 0) {
        while (v >= 10) { v /= 10; ++exponent; }
        while (v < 1) { v *= 10; --exponent; }
    }
    double scale = 1;
    for (int i = 0; i < precision; ++i) scale *= 10;
    if (v * scale + 0.5 >= 10 * scale) { v /= 10; ++exponent; }   // 9.99 rounding up to 10.0
    int k = fixedDigits(v, precision, alt, out, max - 6);
    out[k++] = upper ? 'E' : 'e';
    out[k++] = exponent < 0 ? '-' : '+';
    const int e = exponent < 0 ? -exponent : exponent;
    if (e >= 100) out[k++] = static_cast<char>('0' + e / 100);
    out[k++] = static_cast<char>('0' + e / 10 % 10);
    out[k++] = static_cast<char>('0' + e % 10);
    *exponentOut = exponent;
    return k;
}

void floating(Out& out, Spec spec, double v, char conv) {
    const bool upper = conv == 'F' || conv == 'E' || conv == 'G';
    const bool negative = v < 0 || (v == 0 && 1 / v < 0);
    if (negative) v = -v;
    std::string_view prefix = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    if (v != v || v - v != 0) {   // NaN or infinity: never zero-padded
        spec.zero = false;
        field(out, spec, prefix, v != v ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"), false);
        return;
    }
    int precision = spec.precision < 0 ? 6 : spec.precision > 40 ? 40 : spec.precision;
    char digits[480];
    int n = 0, exponent = 0;
    const char lower = static_cast<char>(conv | 0x20);
    if (lower == 'f') {
        n = fixedDigits(v, precision, spec.alt, digits, static_cast<int>(sizeof digits));
    } else if (lower == 'e') {
        n = expDigits(v, precision, spec.alt, upper, digits, static_cast<int>(sizeof digits), &exponent);
    } else {   // %g: %e or %f by the exponent, trailing zeros dropped unless '#'
        if (precision == 0) precision = 1;
        expDigits(v, precision - 1, false, upper, digits, static_cast<int>(sizeof digits), &exponent);
        if (exponent < -4 || exponent >= precision)
            n = expDigits(v, precision - 1, spec.alt, upper, digits, static_cast<int>(sizeof digits), &exponent);
        else
            n = fixedDigits(v, precision - 1 - exponent, spec.alt, digits, static_cast<int>(sizeof digits));
        if (!spec.alt) {
            int mark = 0;   // where the exponent starts (or the end)
            while (mark < n && digits[mark] != 'e' && digits[mark] != 'E') ++mark;
            int dot = 0;
            while (dot < mark && digits[dot] != '.') ++dot;
            if (dot < mark) {
                int end = mark;
                while (end > dot + 1 && digits[end - 1] == '0') --end;
                if (end == dot + 1) --end;
                for (int i = mark; i < n; ++i) digits[end + i - mark] = digits[i];
                n = end + n - mark;
            }
        }
    }
    field(out, spec, prefix, std::string_view(digits, static_cast<std::size_t>(n)), true);
}

enum class Length { Int, Char, Short, Long, LongLong, Size, Max, Ptrdiff };

Length lengthOf(const char*& f) {
    switch (*f) {
        case 'h': ++f; if (*f == 'h') { ++f; return Length::Char; } return Length::Short;
        case 'l': ++f; if (*f == 'l') { ++f; return Length::LongLong; } return Length::Long;
        case 'z': ++f; return Length::Size;
        case 'j': ++f; return Length::Max;
        case 't': ++f; return Length::Ptrdiff;
        default: return Length::Int;
    }
}

std::int64_t signedArg(std::va_list& args, Length len) {
    switch (len) {
        case Length::Char: return static_cast<signed char>(va_arg(args, int));
        case Length::Short: return static_cast<short>(va_arg(args, int));
        case Length::Long: return va_arg(args, long);
        case Length::LongLong: return va_arg(args, long long);
        case Length::Size: return static_cast<std::int64_t>(va_arg(args, std::size_t));
        case Length::Max: return va_arg(args, std::intmax_t);
        case Length::Ptrdiff: return va_arg(args, std::ptrdiff_t);
        default: return va_arg(args, int);
    }
}

std::uint64_t unsignedArg(std::va_list& args, Length len) {
    switch (len) {
        case Length::Char: return static_cast<unsigned char>(va_arg(args, unsigned));
        case Length::Short: return static_cast<unsigned short>(va_arg(args, unsigned));
        case Length::Long: return va_arg(args, unsigned long);
        case Length::LongLong: return va_arg(args, unsigned long long);
        case Length::Size: return va_arg(args, std::size_t);
        case Length::Max: return va_arg(args, std::uintmax_t);
        case Length::Ptrdiff: return static_cast<std::uint64_t>(va_arg(args, std::ptrdiff_t));
        default: return va_arg(args, unsigned);
    }
}

bool isSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

int formatText(char* buf, std::size_t size, const char* fmt, std::va_list ap) {
    std::va_list args;
    va_copy(args, ap);
    Out out{buf, size};
    for (const char* f = fmt; *f; ++f) {
        if (*f != '%') { out.put(*f); continue; }
        ++f;
        Spec spec;
        for (;; ++f) {
            if (*f == '-') spec.left = true;
            else if (*f == '0') spec.zero = true;
            else if (*f == '+') spec.plus = true;
            else if (*f == ' ') spec.space = true;
            else if (*f == '#') spec.alt = true;
            else break;
        }
        if (*f == '*') {
            spec.width = va_arg(args, int);
            if (spec.width < 0) { spec.left = true; spec.width = -spec.width; }
            ++f;
        } else {
            while (*f >= '0' && *f <= '9') spec.width = spec.width * 10 + (*f++ - '0');
        }
        if (*f == '.') {
            ++f;
            spec.precision = 0;
            if (*f == '*') {
                spec.precision = va_arg(args, int);
                ++f;
            } else {
                while (*f >= '0' && *f <= '9') spec.precision = spec.precision * 10 + (*f++ - '0');
            }
        }
        const Length len = lengthOf(f);
        switch (*f) {
            case 'd': case 'i': {
                const std::int64_t v = signedArg(args, len);
                integer(out, spec, v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v), v < 0, 10, false);
                break;
            }
            case 'u': integer(out, spec, unsignedArg(args, len), false, 10, false); break;
            case 'x': integer(out, spec, unsignedArg(args, len), false, 16, false); break;
            case 'X': integer(out, spec, unsignedArg(args, len), false, 16, true); break;
            case 'o': integer(out, spec, unsignedArg(args, len), false, 8, false); break;
            case 'p': {
                spec.alt = true;
                integer(out, spec, reinterpret_cast<std::uintptr_t>(va_arg(args, void*)), false, 16, false);
                break;
            }
            case 'c': {
                const char c = static_cast<char>(va_arg(args, int));
                field(out, spec, "", std::string_view(&c, 1), false);
                break;
            }
            case 's': {
                const char* s = va_arg(args, const char*);
                if (!s) s = "(null)";
                std::size_t n = 0;
                while (s[n] && (spec.precision < 0 || n < static_cast<std::size_t>(spec.precision))) ++n;
                field(out, spec, "", std::string_view(s, n), false);
                break;
            }
            case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
                floating(out, spec, va_arg(args, double), *f);
                break;
            case '%': out.put('%'); break;
            default:   // unknown conversion: printed as written, as musl does with no argument taken
                out.put('%');
                if (!*f) { --f; break; }
                out.put(*f);
                break;
        }
    }
    va_end(args);
    if (buf && size > 0) buf[out.len < size ? out.len : size - 1] = '\0';
    return static_cast<int>(out.len);
}

int scanText(const char* input, const char* fmt, std::va_list ap) {
    std::va_list args;
    va_copy(args, ap);
    const char* s = input;
    int stored = 0;
    bool converted = false;   // a conversion was attempted with input left (else EOF = -1)
    for (const char* f = fmt; *f; ++f) {
        if (isSpace(*f)) {
            while (isSpace(*s)) ++s;
            continue;
        }
        if (*f != '%' || f[1] == '%') {
            if (*f == '%') ++f;
            if (*s != *f) break;
            ++s;
            continue;
        }
        ++f;
        const bool suppress = *f == '*';
        if (suppress) ++f;
        int width = 0;
        while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        const Length len = lengthOf(f);
        const char conv = *f;
        if (conv == 'n') {
            if (!suppress) *va_arg(args, int*) = static_cast<int>(s - input);
            continue;
        }
        if (conv != 'c')
            while (isSpace(*s)) ++s;
        if (!*s) {
            if (!converted && stored == 0) stored = -1;
            break;
        }
        converted = true;
        const std::size_t limit = width > 0 ? static_cast<std::size_t>(width) : std::string_view(s).size();
        const std::string_view text(s, std::string_view(s).size() < limit ? std::string_view(s).size() : limit);
        if (conv == 'c') {
            const std::size_t n = width > 0 ? text.size() : 1;
            if (!suppress) {
                char* dst = va_arg(args, char*);
                for (std::size_t i = 0; i < n; ++i) dst[i] = s[i];
                ++stored;
            }
            s += n;
            continue;
        }
        if (conv == 's') {
            std::size_t n = 0;
            while (n < text.size() && !isSpace(text[n])) ++n;
            if (!suppress) {
                char* dst = va_arg(args, char*);
                for (std::size_t i = 0; i < n; ++i) dst[i] = s[i];
                dst[n] = '\0';
                ++stored;
            }
            s += n;
            continue;
        }
        if (conv == 'f' || conv == 'e' || conv == 'g' || conv == 'E' || conv == 'G' || conv == 'F') {
            std::size_t used = 0;
            const double v = parseDecimal(text, &used);
            if (used == 0) break;
            if (!suppress) {
                if (len == Length::Long) *va_arg(args, double*) = v;
                else *va_arg(args, float*) = static_cast<float>(v);
                ++stored;
            }
            s += used;
            continue;
        }
        unsigned base = conv == 'x' || conv == 'X' ? 16 : conv == 'o' ? 8 : 10;
        if (conv != 'd' && conv != 'i' && conv != 'u' && base == 10) break;   // unsupported conversion
        std::size_t i = 0;
        const bool negative = i < text.size() && text[i] == '-';
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
        if ((base == 16 || conv == 'i') && i + 1 < text.size() && text[i] == '0' && (text[i + 1] | 0x20) == 'x' &&
            i + 2 < text.size() && hexDigit(text[i + 2]) >= 0) {
            base = 16;
            i += 2;
        } else if (conv == 'i' && i < text.size() && text[i] == '0') {
            base = 8;
        }
        std::uint64_t v = 0;
        const std::size_t start = i;
        for (; i < text.size(); ++i) {
            const int d = hexDigit(text[i]);
            if (d < 0 || static_cast<unsigned>(d) >= base) break;
            v = v * base + static_cast<unsigned>(d);
        }
        if (i == start) break;
        if (negative) v = 0 - v;
        if (!suppress) {
            switch (len) {
                case Length::Char: *va_arg(args, char*) = static_cast<char>(v); break;
                case Length::Short: *va_arg(args, short*) = static_cast<short>(v); break;
                case Length::Long: *va_arg(args, long*) = static_cast<long>(v); break;
                case Length::LongLong: *va_arg(args, long long*) = static_cast<long long>(v); break;
                case Length::Size: *va_arg(args, std::size_t*) = static_cast<std::size_t>(v); break;
                case Length::Max: *va_arg(args, std::intmax_t*) = static_cast<std::intmax_t>(v); break;
                case Length::Ptrdiff: *va_arg(args, std::ptrdiff_t*) = static_cast<std::ptrdiff_t>(v); break;
                default: *va_arg(args, int*) = static_cast<int>(v); break;
            }
            ++stored;
        }
        s += i;
    }
    va_end(args);
    return stored;
}

}  // namespace finchat::widget
