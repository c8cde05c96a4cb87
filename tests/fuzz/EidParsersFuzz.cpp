// libFuzzer target: whatever bytes a card (or a broken reader) returns, the e-ID parsers give an
// answer or a clean refusal, never a crash, an out-of-bounds read or an unwiped identity buffer.
//   tests/fuzz/run-eid-fuzz.sh [SECONDS]
#include "core/eid/Apdu.h"
#include "core/eid/CardData.h"
#include "core/eid/IdentityFacts.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dps::kiosk::eid;
    std::vector<std::uint8_t> buffer(data, data + size);
    (void)readIdentityFacts(buffer);
    for (auto b : buffer) {
        if (b != 0) std::abort(); // the identity file must be wiped whatever it held
    }
    (void)readCardData(std::span<const std::uint8_t>(data, size));
    if (const auto r = parseResponse(std::span<const std::uint8_t>(data, size))) (void)classify(r->sw);
    (void)parseCardDate(std::span<const std::uint8_t>(data, size));
    return 0;
}
