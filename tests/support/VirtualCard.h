#pragma once
#include "kiosk/core/eid/SmartCard.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace dps::test {

// A card in a virtual reader: speaks vsmartcard's vpcd protocol (TCP; a 2-byte big-endian length,
// then a 1-byte control — 00 off, 01 on, 02 reset, 04 ATR — or a command APDU) to the vpcd driver
// inside a real pcscd, and answers APDUs with the card behaviour it is given. While it is
// connected to vpcd the card is in the reader; when it closes the connection, it is out.
class VirtualCard {
public:
    struct Options {
        // Answers every ATR request with more bytes than an ATR can have: vpcd then fails to power
        // the card up while still seeing it present, so pcscd reports it mute (as a card inserted
        // the wrong way round). An empty answer would not do: vpcd takes it as "card removed".
        bool mute = false;
        // After this many command APDUs the card is pulled out, once (until insert()); -1: never.
        int pullAfter = -1;
        // Called before each command APDU is answered, with its number (from 1).
        std::function<void(int)> onCommand = {};
        bool insertedAtStart = true;
        // The ATR (EidCards.h atrOf()); empty: an applet 1.8 card's.
        std::vector<std::uint8_t> atr = {};
        // Called when vpcd powers the card off or resets it (SCardDisconnect with SCARD_RESET_CARD,
        // pcscd's own resets): a real card forgets its verified PIN and security environment then
        // (FakeCardState::reset).
        std::function<void()> onReset = {};
    };

    VirtualCard(int port, std::unique_ptr<kiosk::eid::SmartCard> behaviour, Options options);
    VirtualCard(int port, std::unique_ptr<kiosk::eid::SmartCard> behaviour)
        : VirtualCard(port, std::move(behaviour), Options{}) {}
    VirtualCard(const VirtualCard&) = delete;
    VirtualCard& operator=(const VirtualCard&) = delete;
    ~VirtualCard(); // the card leaves the reader

    void insert();
    void pull();
    [[nodiscard]] bool inserted() const { return inserted_; }
    [[nodiscard]] int commands() const { return commands_; }

private:
    void serve();

    int port_;
    std::unique_ptr<kiosk::eid::SmartCard> behaviour_;
    Options options_;
    std::atomic<bool> stop_{false}, inserted_{true};
    std::atomic<int> commands_{0};
    std::mutex mutex_;
    std::condition_variable cv_;
    std::thread thread_;
};

} // namespace dps::test
