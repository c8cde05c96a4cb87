// libFuzzer target: whatever bytes a card (or a broken reader) returns, the e-ID parsers and the
// OpenSSL certificate adapter give an answer or a clean refusal, never a crash, an out-of-bounds
// read or an unwiped identity buffer. OpenSSL runs with the kiosk's wiping memory functions.
//   tests/fuzz/run-eid-fuzz.sh [SECONDS]
#include "core/eid/Apdu.h"
#include "core/eid/CardData.h"
#include "core/eid/IdentityFacts.h"
#include "core/eid/Pinpad.h"
#include "eid/OpenSslCertificates.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <vector>

#ifndef DPS_EID_ROOTS_DIR
#error "build with -DDPS_EID_ROOTS_DIR=\"…/assets/eid/roots\" (run-eid-fuzz.sh does)"
#endif

namespace {
// One verifier on the real Belgian roots, built once: loading them is not what is fuzzed.
std::unique_ptr<dps::kiosk::eid::OpenSslCertificates> verifier;
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // As in the kiosk's main: before anything makes OpenSSL allocate.
    if (!dps::kiosk::eid::wipeOpenSslMemoryOnFree()) std::abort();
    verifier = std::make_unique<dps::kiosk::eid::OpenSslCertificates>(DPS_EID_ROOTS_DIR);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dps::kiosk::eid;
    const std::span<const std::uint8_t> input(data, size);
    std::vector<std::uint8_t> buffer(data, data + size);
    (void)readIdentityFacts(buffer);
    for (auto b : buffer) {
        if (b != 0) std::abort(); // the identity file must be wiped whatever it held
    }
    (void)readCardData(input);
    (void)pinpad::featureCode(input, pinpad::kVerifyPinDirect); // a reader's feature list
    if (const auto r = parseResponse(input)) (void)classify(r->sw);
    (void)parseCardDate(input);

    // Certificates: the whole input as one card file; then the input split in two (the first two
    // bytes say where) as a leaf and its issuing CA, so the chain logic sees two certificates.
    (void)verifier->dates(input);
    (void)verifier->verify(input, input);
    if (size >= 2) {
        const std::size_t split = std::min<std::size_t>((std::size_t{data[0]} << 8 | data[1]), size - 2);
        const auto rest = input.subspan(2);
        (void)verifier->verify(rest.first(split), rest.subspan(split));
    }
    return 0;
}
