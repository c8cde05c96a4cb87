#include "kiosk/core/tutorial/exercise/TextRules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace dps::kiosk {
namespace {

std::vector<char32_t> decode(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
        char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
        for (int k = 1; k < len; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

// Lower case for ASCII and the Latin-1 / Latin Extended-A letters our languages use.
char32_t fold(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x100 && c <= 0x17F && (c % 2 == 0)) return c + 1;
    return c;
}

std::vector<char32_t> normalised(std::string_view s, bool ignoreCase) {
    std::vector<char32_t> out;
    for (char32_t c : decode(s)) {
        const bool space = c == ' ' || c == '\t' || c == 0xA0 || c == '\n';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out.push_back(space ? U' ' : ignoreCase ? fold(c) : c);
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::string trimmedAnswer(std::string_view v) {
    const auto b = v.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    return std::string(v.substr(b, v.find_last_not_of(" \t") - b + 1));
}

} // namespace

std::size_t utf8Letters(std::string_view s) { return decode(s).size(); }

LetterSpan letterSpan(std::string_view text, std::size_t index) {
    std::size_t letter = 0;
    bool started = false, inSpaces = false;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        len = std::min(len, text.size() - i);
        const bool space = c == ' ' || c == '\t' || c == '\n' || (len == 2 && c == 0xC2 && text[i + 1] == '\xA0');
        // The same letters compareTyped counts: none for leading spaces, one for a run of them.
        const bool counts = space ? started && !inSpaces : true;
        if (counts) {
            if (letter == index) return {i, len};
            ++letter;
        }
        started = started || !space;
        inSpaces = space;
        i += len;
    }
    return {text.size(), 0};
}

TypedComparison compareTyped(std::string_view typed, std::string_view expected, bool ignoreCase) {
    // Leading spaces are dropped before comparing, so positions count from the first letter.
    const auto t = normalised(typed, ignoreCase);
    const auto e = normalised(expected, ignoreCase);
    TypedComparison r;
    const std::size_t common = std::min(t.size(), e.size());
    std::size_t i = 0;
    while (i < common && t[i] == e[i])
        ++i;
    r.firstDifference = i;
    r.matches = i == t.size() && i == e.size();
    r.tooLong = i == e.size() && t.size() > e.size();
    return r;
}

FieldError checkDate(std::string_view raw) {
    const std::string v = trimmedAnswer(raw);
    int d = 0, m = 0, y = 0;
    char s1 = 0, s2 = 0;
    if (v.size() != 10 || std::sscanf(v.c_str(), "%2d%c%2d%c%4d", &d, &s1, &m, &s2, &y) != 5 || s1 != '/' ||
        s2 != '/' || !std::isdigit(static_cast<unsigned char>(v[0])) || !std::isdigit(static_cast<unsigned char>(v[3])))
        return FieldError::Date;
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return FieldError::Date;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int max = kDays[static_cast<std::size_t>(m - 1)] + (m == 2 && leap ? 1 : 0);
    return d <= max ? FieldError::None : FieldError::Date;
}

FieldError checkPostcode(std::string_view raw) {
    const std::string v = trimmedAnswer(raw);
    if (v.size() != 4 ||
        !std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) ||
        v[0] == '0')
        return FieldError::Postcode;
    return FieldError::None;
}

FieldError checkEmail(std::string_view raw) {
    const std::string v = trimmedAnswer(raw);
    const auto at = v.find('@');
    if (at == std::string::npos || at == 0 || v.find('@', at + 1) != std::string::npos ||
        v.find(' ') != std::string::npos)
        return FieldError::Email;
    const std::string domain = v.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 2 > domain.size()) return FieldError::Email;
    return FieldError::None;
}

FieldError checkPhone(std::string_view raw) {
    const std::string v = trimmedAnswer(raw);
    int digits = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (std::isdigit(static_cast<unsigned char>(c)))
            ++digits;
        else if (c == '+' && i == 0)
            continue;
        else if (c != ' ' && c != '.' && c != '/' && c != '-')
            return FieldError::Phone;
    }
    return digits >= 9 && digits <= 13 ? FieldError::None : FieldError::Phone;
}

FieldError checkNumber(std::string_view raw) {
    const std::string v = trimmedAnswer(raw);
    if (v.empty() ||
        !std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return FieldError::Number;
    return FieldError::None;
}

bool PasswordAdvice::strong() const {
    if (!longEnough || common) return false;
    const int kinds = int{hasLower} + int{hasUpper} + int{hasDigit} + int{hasSymbol};
    return passphrase || kinds >= 3;
}

PasswordAdvice advisePassword(std::string_view password, int minLength) {
    PasswordAdvice a;
    const auto letters = decode(password);
    a.longEnough = letters.size() >= static_cast<std::size_t>(minLength);
    int words = 0;
    bool inWord = false;
    for (char32_t c : letters) {
        const bool lower = (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF);
        const bool upper = (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE);
        const bool digit = c >= '0' && c <= '9';
        a.hasLower |= lower;
        a.hasUpper |= upper;
        a.hasDigit |= digit;
        a.hasSymbol |= !lower && !upper && !digit && c != ' ';
        const bool letter = lower || upper;
        if (letter && !inWord) ++words;
        inWord = letter;
    }
    a.passphrase = a.longEnough && letters.size() >= 16 && words >= 4;
    static constexpr std::array<std::string_view, 12> kCommon{
        "123456789012", "password1234", "azerty123456", "qwerty123456", "motdepasse12", "wachtwoord12",
        "iloveyou1234", "111111111111", "abcdefghijkl", "000000000000", "welkom123456", "bonjour12345"};
    std::string lower;
    for (char c : password)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    a.common = std::any_of(kCommon.begin(), kCommon.end(),
                           [&](std::string_view w) { return lower.find(w.substr(0, 8)) != std::string::npos; });
    return a;
}

} // namespace dps::kiosk
