#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace dps::kiosk {

// Comparison for "type this text": spaces at both ends and repeated inner spaces never count;
// case only when asked. Works on UTF-8 code points, so "é" is one letter.
struct TypedComparison {
    bool matches = false;
    // Index (in letters of the typed text) of the first letter that differs, or of the end
    // of the typed text when it is only too short.
    std::size_t firstDifference = 0;
    bool tooLong = false;
};
TypedComparison compareTyped(std::string_view typed, std::string_view expected, bool ignoreCase);
// Where the letter at `index` of the compared form (compareTyped's positions: spaces at the start
// dropped, inner runs of spaces as one) is in text as shown: its first byte and its byte length.
// Past the last letter: text.size() and 0. So the view marks the letter instead of asking the
// visitor to count to it.
struct LetterSpan {
    std::size_t begin = 0, length = 0;
};
LetterSpan letterSpan(std::string_view text, std::size_t index);

// Field checks of practice forms, as real sites do them.
enum class FieldError { None, Required, Date, Postcode, Email, Phone, Number };
FieldError checkDate(std::string_view v);     // DD/MM/YYYY, a day that exists, year 1900-2100
FieldError checkPostcode(std::string_view v); // Belgian: 4 digits, 1000-9999
FieldError checkEmail(std::string_view v);    // one @, a name before, a domain with a dot after
FieldError checkPhone(std::string_view v);    // 9 to 13 digits; spaces, dots, slashes; leading +
FieldError checkNumber(std::string_view v);

// Live advice for "make a strong password". Nothing is kept: the caller wipes its buffer.
struct PasswordAdvice {
    bool longEnough = false;
    bool hasLower = false, hasUpper = false, hasDigit = false, hasSymbol = false;
    bool passphrase = false; // long enough with several words: strong without symbols
    bool common = false;     // in the list of passwords everyone tries first
    [[nodiscard]] bool strong() const;
};
PasswordAdvice advisePassword(std::string_view password, int minLength);

std::size_t utf8Letters(std::string_view s);

} // namespace dps::kiosk
