#include "model/small_stdio.h"

namespace finchat::widget {

namespace {
bool isSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
}  // namespace

int formatText(char* buf, std::size_t size, const char* fmt, std::va_list args) {
    std::size_t n = 0;   // the length of the whole text
    auto put = [&](char c) {
        if (buf && n + 1 < size) buf[n] = c;
        ++n;
    };
    for (const char* f = fmt; *f; ++f) {
        if (f[0] != '%' || (f[1] != 's' && f[1] != 'd' && f[1] != '%')) {
            put(*f);
            continue;
        }
        ++f;
        if (*f == '%') {
            put('%');
        } else if (*f == 's') {
            for (const char* s = va_arg(args, const char*); s && *s; ++s) put(*s);
        } else {
            const int v = va_arg(args, int);
            unsigned magnitude = v < 0 ? 0u - static_cast<unsigned>(v) : static_cast<unsigned>(v);
            char digits[10];
            int k = 0;
            do digits[k++] = static_cast<char>('0' + magnitude % 10);
            while ((magnitude /= 10) != 0);
            if (v < 0) put('-');
            while (k > 0) put(digits[--k]);
        }
    }
    if (buf && size > 0) buf[n < size ? n : size - 1] = '\0';
    return static_cast<int>(n);
}

int scanText(const char* in, const char* fmt, std::va_list args) {
    int stored = 0;
    for (const char* f = fmt; *f; ++f) {
        if (isSpace(*f)) {
            while (isSpace(*in)) ++in;
        } else if (f[0] == '%' && f[1] == 'd') {
            ++f;
            while (isSpace(*in)) ++in;
            if (!*in) return stored ? stored : -1;
            const bool negative = *in == '-';
            const char* p = in + (*in == '-' || *in == '+');
            if (*p < '0' || *p > '9') return stored;
            int v = 0;
            for (; *p >= '0' && *p <= '9'; ++p) v = v * 10 + (*p - '0');
            *va_arg(args, int*) = negative ? -v : v;
            ++stored;
            in = p;
        } else {
            if (!*in && stored == 0) return -1;
            if (*in != *f) return stored;
            ++in;
        }
    }
    return stored;
}

}  // namespace finchat::widget
