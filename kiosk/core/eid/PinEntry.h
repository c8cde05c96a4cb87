#pragma once
#include "kiosk/core/eid/PinBlock.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace dps::kiosk::eid {

// The digits of a PIN while a visitor types them on the screen's keypad. One fixed buffer, never
// copied: moving it wipes the source, and it is wiped when cleared, taken or destroyed.
class PinEntry {
public:
    static constexpr std::size_t kMinDigits = 4, kMaxDigits = 12;

    PinEntry() = default;
    PinEntry(const PinEntry&) = delete;
    PinEntry& operator=(const PinEntry&) = delete;
    PinEntry(PinEntry&& other) noexcept;
    PinEntry& operator=(PinEntry&& other) noexcept;
    ~PinEntry();

    // false when it is not a digit or the PIN is already as long as a PIN can be.
    bool add(char digit);
    void eraseLast();
    void clear();
    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] bool complete() const { return size_ >= kMinDigits; }
    // The VERIFY block for the digits typed, which are wiped at once; nullopt unless complete.
    std::optional<PinBlock> take();
    // The digits themselves, for a facilitator PIN's hash check only (the entry still wipes them).
    [[nodiscard]] std::string_view digits() const { return {digits_.data(), size_}; }

private:
    std::array<char, kMaxDigits> digits_{};
    std::size_t size_ = 0;
};

} // namespace dps::kiosk::eid
