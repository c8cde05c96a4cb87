#include "kiosk/core/eid/PinEntry.h"

#include <string.h> // explicit_bzero
#include <string_view>

namespace dps::kiosk::eid {

PinEntry::PinEntry(PinEntry&& other) noexcept : digits_(other.digits_), size_(other.size_) { other.clear(); }

PinEntry& PinEntry::operator=(PinEntry&& other) noexcept {
    if (this != &other) {
        digits_ = other.digits_;
        size_ = other.size_;
        other.clear();
    }
    return *this;
}

PinEntry::~PinEntry() { clear(); }

bool PinEntry::add(char digit) {
    if (digit < '0' || digit > '9' || size_ >= kMaxDigits) return false;
    digits_[size_++] = digit;
    return true;
}

void PinEntry::eraseLast() {
    if (size_ == 0) return;
    digits_[--size_] = 0;
}

void PinEntry::clear() {
    explicit_bzero(digits_.data(), digits_.size());
    size_ = 0;
}

std::optional<PinBlock> PinEntry::take() {
    std::optional<PinBlock> block;
    if (complete()) block = PinBlock::fromDigits(std::string_view(digits_.data(), size_));
    clear();
    return block;
}

} // namespace dps::kiosk::eid
