#pragma once
#include "core/eid/SmartCard.h"

#include <atomic>
#include <memory>
#include <thread>

namespace dps::test {

// A card in a virtual reader: speaks vsmartcard's vpcd protocol (TCP; a 2-byte big-endian length,
// then a 1-byte control — 00 off, 01 on, 02 reset, 04 ATR — or a command APDU) to the vpcd driver
// inside a real pcscd, and answers APDUs with the card behaviour it is given.
class VirtualCard {
public:
    // mute: answers the ATR request with nothing, as a card inserted the wrong way round.
    VirtualCard(int port, std::unique_ptr<kiosk::eid::SmartCard> behaviour, bool mute = false);
    VirtualCard(const VirtualCard&) = delete;
    VirtualCard& operator=(const VirtualCard&) = delete;
    ~VirtualCard(); // the card leaves the reader

private:
    void serve();

    int port_;
    std::unique_ptr<kiosk::eid::SmartCard> behaviour_;
    bool mute_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

} // namespace dps::test
