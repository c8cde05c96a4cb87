#pragma once
#include <cstddef>
#include <new>
#include <string.h> // explicit_bzero

namespace dps::kiosk::eid {

// Zeroes memory before giving it back. Every buffer that holds a card's answers uses it, so
// nothing read from a card survives in freed memory: not after a vector grows, nor after a copy
// is dropped on an error path.
template <class T> struct WipingAllocator {
    using value_type = T;
    WipingAllocator() = default;
    template <class U> constexpr WipingAllocator(const WipingAllocator<U>& /*other*/) noexcept {}

    T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept {
        explicit_bzero(p, n * sizeof(T));
        ::operator delete(p);
    }
    template <class U> bool operator==(const WipingAllocator<U>& /*other*/) const noexcept { return true; }
};

} // namespace dps::kiosk::eid
