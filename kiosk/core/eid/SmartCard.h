#pragma once
#include "kiosk/core/eid/Apdu.h"

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dps::kiosk::eid {

// What can go wrong talking to pcsc-lite, in the check's own words.
enum class CardError { None, NoService, NoReaders, NoCard, Unpowered, Removed, CommError, Other };

struct ReaderInfo {
    std::string name;
    bool cardPresent = false;
    bool mute = false; // present but does not answer (wrong way round, dirty chip)
};

// One connection to a card. transmit() returns the raw answer (data + status word) or nullopt,
// with the reason in lastError(). Closing the connection resets the card, so nothing the check
// did (a PIN verified) stays open for the next program.
class SmartCard {
public:
    virtual ~SmartCard() = default;
    virtual std::optional<Bytes> transmit(std::span<const std::uint8_t> command) = 0;
    [[nodiscard]] virtual CardError lastError() const = 0;
    // Whether the reader has its own keypad for the PIN (PC/SC part 10 FEATURE_VERIFY_PIN_DIRECT).
    [[nodiscard]] virtual bool hasPinpad() const { return false; }
    // Has the reader take the PIN on its keypad and send verifyTemplate completed with it; the
    // answer's status word (the card's, or the pinpad's own 64 00 timeout / 64 01 cancelled).
    // Blocks while the visitor types. language: for the reader's own display.
    virtual std::optional<Bytes> verifyOnPinpad(std::span<const std::uint8_t> /*verifyTemplate*/,
                                                std::string_view /*language*/) {
        return std::nullopt;
    }
    // The card for this connection alone until endExclusive() (PC/SC: SCardBeginTransaction), so
    // that no other program's command falls between a VERIFY and the signature it allows. false
    // with lastError() when the card is gone. A card used by one program only needs nothing.
    virtual bool beginExclusive() { return true; }
    virtual void endExclusive() {}
};

// The smart-card service (pcsc-lite in production, scripted fakes in unit tests). Used from one
// thread at a time.
class SmartCardService {
public:
    virtual ~SmartCardService() = default;
    // Readers as they are now; error NoService when pcscd does not answer.
    virtual std::vector<ReaderInfo> readers(CardError& error) = 0;
    virtual std::unique_ptr<SmartCard> connect(const std::string& reader, CardError& error) = 0;
    // Blocks until a reader is plugged in or out, a card goes in or out, or the service fails
    // (true), or until timeout (false). Bounded, so a caller that must stop never waits long.
    virtual bool waitForChange(std::chrono::milliseconds timeout) = 0;
};

} // namespace dps::kiosk::eid
