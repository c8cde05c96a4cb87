#include "kiosk/core/eid/CardData.h"

namespace dps::kiosk::eid {

std::optional<CardData> readCardData(std::span<const std::uint8_t> data) {
    if (data.size() < 28) return std::nullopt;
    CardData c;
    c.appletVersion = data[21];
    switch (data[21]) {
    case 0x11: c.applet = CardData::Applet::V11; break;
    case 0x17: c.applet = CardData::Applet::V17; break;
    case 0x18: c.applet = CardData::Applet::V18; break;
    default: c.applet = CardData::Applet::Unknown; break;
    }
    c.personalised = data[27] == 0x0F;
    if (data.size() >= 29 && givesPinTriesInCardData(c) && data[28] <= 3) c.pinTriesLeft = data[28];
    return c;
}

bool canAskPinStatus(CardData::Applet applet) {
    return applet == CardData::Applet::V17 || applet == CardData::Applet::V18;
}

bool givesPinTriesInCardData(const CardData& data) { return data.appletVersion >= 0x18; }

} // namespace dps::kiosk::eid
