#include "kiosk/core/eid/PinBlock.h"

#include <string.h> // explicit_bzero

namespace dps::kiosk::eid {

std::optional<PinBlock> PinBlock::fromDigits(std::string_view digits) {
    if (digits.size() < 4 || digits.size() > 12) return std::nullopt;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    PinBlock b;
    b.bytes_.fill(0xFF);
    b.bytes_[0] = static_cast<std::uint8_t>(0x20 | digits.size());
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const auto d = static_cast<std::uint8_t>(digits[i] - '0');
        std::uint8_t& byte = b.bytes_[1 + i / 2];
        byte = i % 2 == 0 ? static_cast<std::uint8_t>((d << 4) | 0x0F) : static_cast<std::uint8_t>((byte & 0xF0) | d);
    }
    return b;
}

PinBlock::PinBlock(PinBlock&& other) noexcept : bytes_(other.bytes_) { explicit_bzero(other.bytes_.data(), 8); }

PinBlock& PinBlock::operator=(PinBlock&& other) noexcept {
    if (this != &other) {
        bytes_ = other.bytes_;
        explicit_bzero(other.bytes_.data(), 8);
    }
    return *this;
}

PinBlock::~PinBlock() { explicit_bzero(bytes_.data(), bytes_.size()); }

} // namespace dps::kiosk::eid
