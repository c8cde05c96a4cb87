#pragma once
#include "core/eid/SmartCard.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace dps::test {

// A Belgian e-ID card in memory, for unit tests of the check's rules (the real PC/SC path is
// tested against pcscd with a virtual reader). Answers SELECT by FID, READ BINARY, GET CARD DATA
// and the PIN status; `failAfter` makes it vanish after N commands, as a pulled card does.
struct FakeCardProfile {
    bool belgian = true;
    std::uint8_t applet = 0x18;
    bool personalised = true;
    int pinTries = 3;
    std::map<std::uint16_t, kiosk::eid::Bytes> files; // by FID: 4031, 5038, 5039…
    int failAfter = -1;
    kiosk::eid::CardError failure = kiosk::eid::CardError::Removed;
    std::function<kiosk::eid::Bytes(const kiosk::eid::Bytes&)> override; // empty answer: not overridden
};

class FakeCard final : public kiosk::eid::SmartCard {
public:
    explicit FakeCard(FakeCardProfile p, int* emptyVerifies) : p_(std::move(p)), emptyVerifies_(emptyVerifies) {}

    std::optional<kiosk::eid::Bytes> transmit(std::span<const std::uint8_t> c) override {
        using kiosk::eid::Bytes;
        if (p_.failAfter >= 0 && sent_++ >= p_.failAfter) {
            error_ = p_.failure;
            return std::nullopt;
        }
        const Bytes cmd(c.begin(), c.end());
        if (p_.override) {
            if (Bytes r = p_.override(cmd); !r.empty()) return r;
        }
        if (cmd.size() >= 5 && cmd[1] == 0xA4 && cmd[2] == 0x04) return p_.belgian ? ok({}) : sw(0x6A82);
        if (cmd.size() == 7 && cmd[1] == 0xA4 && cmd[2] == 0x02) {
            const auto fid = static_cast<std::uint16_t>((cmd[5] << 8) | cmd[6]);
            if (fid == 0x3F00 || fid == 0xDF00 || fid == 0xDF01) return ok({});
            if (!p_.files.count(fid)) return sw(0x6A82);
            current_ = fid;
            return ok({});
        }
        if (cmd.size() == 5 && cmd[1] == 0xB0) {
            const auto& f = p_.files.at(current_);
            const std::size_t off = static_cast<std::size_t>((cmd[2] << 8) | cmd[3]);
            if (off >= f.size()) return sw(0x6B00);
            const std::size_t n = std::min<std::size_t>(cmd[4], f.size() - off);
            return ok(
                Bytes(f.begin() + static_cast<std::ptrdiff_t>(off), f.begin() + static_cast<std::ptrdiff_t>(off + n)));
        }
        if (cmd.size() == 5 && cmd[0] == 0x80 && cmd[1] == 0xE4) {
            if (cmd[3] == 0x01 && p_.applet != 0x18) return sw(0x6B00);
            Bytes d(cmd[3] == 0x01 ? 31 : 28, 0x5A);
            d[21] = p_.applet;
            d[27] = p_.personalised ? 0x0F : 0x07;
            if (cmd[3] == 0x01) d[28] = static_cast<std::uint8_t>(p_.pinTries);
            return ok(d);
        }
        if (cmd.size() == 4 && cmd[1] == 0x20) {
            ++*emptyVerifies_;
            if (p_.applet == 0x11) --p_.pinTries; // the hazard the check must never trigger
            return p_.pinTries == 0   ? sw(0x6983)
                   : p_.pinTries == 3 ? sw(0x9000)
                                      : sw(static_cast<std::uint16_t>(0x63C0 | p_.pinTries));
        }
        return sw(0x6D00);
    }
    [[nodiscard]] kiosk::eid::CardError lastError() const override { return error_; }

private:
    static kiosk::eid::Bytes ok(kiosk::eid::Bytes d) {
        d.push_back(0x90);
        d.push_back(0x00);
        return d;
    }
    static kiosk::eid::Bytes sw(std::uint16_t s) {
        return {static_cast<std::uint8_t>(s >> 8), static_cast<std::uint8_t>(s & 0xFF)};
    }

    FakeCardProfile p_;
    int* emptyVerifies_;
    std::uint16_t current_ = 0;
    int sent_ = 0;
    kiosk::eid::CardError error_ = kiosk::eid::CardError::None;
};

class FakeCardService final : public kiosk::eid::SmartCardService {
public:
    std::vector<kiosk::eid::ReaderInfo> readers(kiosk::eid::CardError& error) override {
        error = serviceDown ? kiosk::eid::CardError::NoService : kiosk::eid::CardError::None;
        if (serviceDown || !reader) return {};
        return {kiosk::eid::ReaderInfo{"Test Reader 00 00", card.has_value(), mute, false}};
    }
    std::unique_ptr<kiosk::eid::SmartCard> connect(const std::string&, kiosk::eid::CardError& error) override {
        if (!card) {
            error = kiosk::eid::CardError::NoCard;
            return nullptr;
        }
        error = kiosk::eid::CardError::None;
        return std::make_unique<FakeCard>(*card, &emptyVerifies);
    }

    bool serviceDown = false, reader = true, mute = false;
    std::optional<FakeCardProfile> card;
    int emptyVerifies = 0;
};

} // namespace dps::test
