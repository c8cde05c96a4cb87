#include "PcscCardBench.h"

#include <chrono>
#include <thread>

namespace dps::test {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;

PcscCardBench::PcscCardBench() : port(freePortPair()), pcscd(port, true) { pcscd.useInThisProcess(); }

std::shared_ptr<FakeCardState> PcscCardBench::insert(FakeCardProfile profile) {
    auto state = std::make_shared<FakeCardState>(std::move(profile));
    VirtualCard::Options options;
    options.atr = atrOf(state->profile.applet);
    options.onReset = [state] { state->reset(); };
    card = std::make_unique<VirtualCard>(port, std::make_unique<FakeCard>(state), std::move(options));
    reader.clear();
    const auto end = steady_clock::now() + seconds(5);
    while (steady_clock::now() < end && reader.empty()) {
        auto error = dps::kiosk::eid::CardError::None;
        for (const auto& r : service.readers(error)) {
            if (r.cardPresent && !r.mute) reader = r.name;
        }
        if (reader.empty()) std::this_thread::sleep_for(milliseconds(50));
    }
    return state;
}

} // namespace dps::test
