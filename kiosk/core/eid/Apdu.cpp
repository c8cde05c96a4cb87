#include "kiosk/core/eid/Apdu.h"

#include "kiosk/core/eid/PinBlock.h"

namespace dps::kiosk::eid {
namespace command {

Bytes selectApplet() {
    return {0x00, 0xA4, 0x04, 0x0C, 0x0F, 0xA0, 0x00, 0x00, 0x00, 0x30,
            0x29, 0x05, 0x70, 0x00, 0xAD, 0x13, 0x10, 0x01, 0x01, 0xFF};
}

Bytes selectFile(std::uint16_t fid) {
    return {0x00, 0xA4, 0x02, 0x0C, 0x02, static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid & 0xFF)};
}

Bytes selectPath(std::uint16_t df, std::uint16_t ef) {
    return {0x00,
            0xA4,
            0x08,
            0x0C,
            0x04,
            static_cast<std::uint8_t>(df >> 8),
            static_cast<std::uint8_t>(df & 0xFF),
            static_cast<std::uint8_t>(ef >> 8),
            static_cast<std::uint8_t>(ef & 0xFF)};
}

Bytes readBinary(std::size_t offset, std::uint8_t length) {
    return {0x00, 0xB0, static_cast<std::uint8_t>((offset >> 8) & 0x7F), static_cast<std::uint8_t>(offset & 0xFF),
            length};
}

Bytes getCardData() { return {0x80, 0xE4, 0x00, 0x00, 0x1C}; }
Bytes getCardDataWithPin() { return {0x80, 0xE4, 0x00, 0x01, 0x1F}; }
Bytes pinStatus() { return {0x00, 0x20, 0x00, 0x01}; }
Bytes logOff() { return {0x80, 0xE6, 0x00, 0x00, 0x00}; }

Bytes verifyPin(const PinBlock& block) {
    Bytes c{0x00, 0x20, 0x00, 0x01, 0x08};
    c.insert(c.end(), block.bytes().begin(), block.bytes().end());
    return c;
}

Bytes verifyPinTemplate() { return {0x00, 0x20, 0x00, 0x01, 0x08, 0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}; }

} // namespace command

std::optional<Response> parseResponse(std::span<const std::uint8_t> raw) {
    if (raw.size() < 2) return std::nullopt;
    Response r;
    r.data.assign(raw.begin(), raw.end() - 2);
    r.sw = static_cast<std::uint16_t>((raw[raw.size() - 2] << 8) | raw[raw.size() - 1]);
    return r;
}

Status classify(std::uint16_t sw) {
    Status s;
    const auto sw1 = static_cast<std::uint8_t>(sw >> 8), sw2 = static_cast<std::uint8_t>(sw & 0xFF);
    if (sw == 0x9000) {
        s.kind = Status::Kind::Ok;
    } else if (sw1 == 0x63 && (sw2 & 0xF0) == 0xC0) {
        s.triesLeft = sw2 & 0x0F;
        s.kind = s.triesLeft == 0 ? Status::Kind::PinBlocked : Status::Kind::WrongPin;
    } else if (sw == 0x6983) {
        s.kind = Status::Kind::PinBlocked;
        s.triesLeft = 0;
    } else if (sw1 == 0x6C) {
        s.kind = Status::Kind::WrongLength;
        s.correctLength = sw2;
    } else if (sw == 0x6B00) {
        s.kind = Status::Kind::PastEnd;
    } else if (sw == 0x6A82) {
        s.kind = Status::Kind::NotFound;
    }
    return s;
}

} // namespace dps::kiosk::eid
