#pragma once
#include "Apdu.h"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace dps::kiosk::eid {

// What can go wrong talking to pcsc-lite, in the check's own words.
enum class CardError { None, NoService, NoReaders, NoCard, Unpowered, Removed, CommError, Other };

struct ReaderInfo {
    std::string name;
    bool cardPresent = false;
    bool mute = false;   // present but does not answer (wrong way round, dirty chip)
    bool pinpad = false; // PC/SC part 10 FEATURE_VERIFY_PIN_DIRECT
};

// One connection to a card. transmit() returns the raw answer (data + status word) or nullopt,
// with the reason in lastError().
class SmartCard {
public:
    virtual ~SmartCard() = default;
    virtual std::optional<Bytes> transmit(std::span<const std::uint8_t> command) = 0;
    [[nodiscard]] virtual CardError lastError() const = 0;
};

// The smart-card service (pcsc-lite in production, scripted fakes in unit tests).
class SmartCardService {
public:
    virtual ~SmartCardService() = default;
    // Readers as they are now; error NoService when pcscd does not answer.
    virtual std::vector<ReaderInfo> readers(CardError& error) = 0;
    virtual std::unique_ptr<SmartCard> connect(const std::string& reader, CardError& error) = 0;
};

} // namespace dps::kiosk::eid
