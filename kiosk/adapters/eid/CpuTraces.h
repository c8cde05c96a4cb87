#pragma once

namespace dps::kiosk::eid {

// Card data leaves traces outside the buffers the check wipes: glibc's memcpy and OpenSSL's
// parsing and hashing pass it through the CPU's vector registers (on AVX-512 machines glibc's
// memmove keeps up to 256 bytes of the last copy in zmm16-zmm23), and popped stack frames keep
// what functions held there. Neither is cleared on return. A register is then written to the
// stack by the next lazy symbol lookup (_dl_runtime_resolve saves the whole vector state) or by
// any signal the thread takes, and stays there: Debian 12's libssl3 3.0.19 left a certificate's
// subject, national number included, in zmm19 after a verification this way.
//
// wipeCpuTraces() zeroes every vector register this CPU has and the stack below the caller's
// frame (kStackBytes, measured: a certificate verification uses about 5 KiB). Call it on the
// thread that handled card data, when it is done with it: after an OpenSSL call on a card's
// certificate, after a card check or PIN test.
void wipeCpuTraces();

// How much stack below the caller wipeCpuTraces clears.
inline constexpr unsigned kStackBytes = 64 * 1024;

// Wipes the traces when the scope ends, whatever way it ends: declare it before the objects that
// hold card data, so it runs after their destructors.
struct WipeCpuTracesOnExit {
    WipeCpuTracesOnExit() = default;
    WipeCpuTracesOnExit(const WipeCpuTracesOnExit&) = delete;
    WipeCpuTracesOnExit& operator=(const WipeCpuTracesOnExit&) = delete;
    ~WipeCpuTracesOnExit() { wipeCpuTraces(); }
};

} // namespace dps::kiosk::eid
