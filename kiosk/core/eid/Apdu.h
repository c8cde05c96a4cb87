#pragma once
#include "kiosk/core/eid/WipingAllocator.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace dps::kiosk::eid {

// Card answers and commands (a command may carry a PIN): wiped when freed.
using Bytes = std::vector<std::uint8_t, WipingAllocator<std::uint8_t>>;

class PinBlock;

// The commands the e-ID check sends (facts in docs/eid-check.md, from the Belgian eID
// middleware and the applet manuals). Building them here keeps the PC/SC adapter a plain pipe.
namespace command {
Bytes selectApplet();
Bytes selectFile(std::uint16_t fid); // from the current DF
Bytes selectPath(std::uint16_t df, std::uint16_t ef);
Bytes readBinary(std::size_t offset, std::uint8_t length);
Bytes getCardData();        // all applets: 28 bytes
Bytes getCardDataWithPin(); // applet 1.8 only: 31 bytes, byte 28 = PIN tries left
Bytes pinStatus();          // empty VERIFY: tries left without using one. Never on applet 1.1.
Bytes logOff();
// VERIFY with the PIN block (the only command that carries the PIN: its buffer is wiped).
Bytes verifyPin(const PinBlock& block);
// The same VERIFY for a pinpad reader to complete: the length nibble and digits are filled in by
// the reader, so the PIN never reaches the computer.
Bytes verifyPinTemplate();
} // namespace command

// A card's answer: data, then the two status bytes.
struct Response {
    Bytes data;
    std::uint16_t sw = 0;
    [[nodiscard]] bool ok() const { return sw == 0x9000; }
};

// nullopt when the answer is shorter than its status word: a broken reader or card.
std::optional<Response> parseResponse(std::span<const std::uint8_t> raw);

// What a status word means for the check.
struct Status {
    enum class Kind { Ok, WrongPin, PinBlocked, WrongLength, PastEnd, NotFound, Other };
    Kind kind = Kind::Other;
    int triesLeft = -1;     // WrongPin (and Ok after a PIN status, 3 is implied)
    int correctLength = -1; // WrongLength: re-send with this Le
};
Status classify(std::uint16_t sw);

} // namespace dps::kiosk::eid
