#pragma once
#include <cstdint>
#include <optional>
#include <span>

namespace dps::kiosk::eid {

// From GET CARD DATA: what kind of card this is. The chip serial (bytes 0-15) is not kept.
struct CardData {
    enum class Applet { V11, V17, V18, Unknown };
    Applet applet = Applet::Unknown;
    bool personalised = false;
    std::optional<int> pinTriesLeft; // applet 1.8, P2=01 only
};

// nullopt when the answer is too short to hold the applet version and life cycle.
std::optional<CardData> readCardData(std::span<const std::uint8_t> data);

// Whether asking the PIN status without using a try is safe: on applet 1.1 the empty VERIFY
// counts as a wrong PIN.
bool canAskPinStatus(CardData::Applet applet);

} // namespace dps::kiosk::eid
