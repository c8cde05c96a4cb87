#pragma once
#include <cstdint>
#include <optional>
#include <span>

namespace dps::kiosk::eid {

// From GET CARD DATA: what kind of card this is. The chip serial (bytes 0-15) is not kept.
// Layout (applet 1.8 manual 6.14, 1.7 manual 6.9; 1.1 as eid-mw's cal.cpp reads it): byte 21 the
// applet version, 27 the life cycle (0F personalised, 07 not); with P2=01 (1.8 on), byte 28 the
// PIN tries left (FF: no such PIN).
struct CardData {
    enum class Applet { V11, V17, V18, Unknown };
    Applet applet = Applet::Unknown;
    std::uint8_t appletVersion = 0; // byte 21 as it is: 0x11, 0x17, 0x18…
    bool personalised = false;
    std::optional<int> pinTriesLeft; // P2=01 only
};

// nullopt when the answer is too short to hold the applet version and life cycle.
std::optional<CardData> readCardData(std::span<const std::uint8_t> data);

// Whether asking the PIN status without using a try is safe: on applet 1.1 the empty VERIFY
// counts as a wrong PIN.
bool canAskPinStatus(CardData::Applet applet);

// Whether GET CARD DATA takes P2=01 and gives the PIN tries: applet 1.8 and later, as eid-mw's
// card.cpp asks it (applet version >= 0x18); 1.7 answers 6B 00.
bool givesPinTriesInCardData(const CardData& data);

} // namespace dps::kiosk::eid
