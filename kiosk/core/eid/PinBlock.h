#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace dps::kiosk::eid {

// The 8-byte block a VERIFY carries: 0x2L, then the digits in BCD, padded with F
// (PIN 1234 → 24 12 34 FF FF FF FF FF). Zeroed when destroyed: it is the PIN.
class PinBlock {
public:
    // nullopt unless 4 to 12 digits.
    static std::optional<PinBlock> fromDigits(std::string_view digits);
    PinBlock(const PinBlock&) = delete;
    PinBlock& operator=(const PinBlock&) = delete;
    PinBlock(PinBlock&& other) noexcept;
    PinBlock& operator=(PinBlock&& other) noexcept;
    ~PinBlock();

    [[nodiscard]] const std::array<std::uint8_t, 8>& bytes() const { return bytes_; }

private:
    PinBlock() = default;
    std::array<std::uint8_t, 8> bytes_{};
};

} // namespace dps::kiosk::eid
