#pragma once
#include "core/eid/Certificates.h"
#include "core/eid/PinBlock.h"
#include "core/eid/SmartCard.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace dps::test {

// A Belgian e-ID card's behaviour, for unit tests of the check's rules and as the brain of the
// virtual card that tests put in a real pcscd's virtual reader. Answers SELECT by FID, READ
// BINARY, GET CARD DATA, the PIN status, VERIFY and LOG OFF; `failAfter` makes it vanish after N
// commands, as a pulled card does.
struct FakeCardProfile {
    bool belgian = true;
    std::uint8_t applet = 0x18;
    bool personalised = true;
    int pinTries = 3;
    std::string pin = "1234";
    bool pinpad = false;       // the reader has its own keypad
    std::string typedOnPinpad; // what the visitor types there; empty: nothing (the reader times out)
    std::map<std::uint16_t, kiosk::eid::Bytes> files; // by FID: 4031, 5038, 5039, 503A…
    int failAfter = -1;
    kiosk::eid::CardError failure = kiosk::eid::CardError::Removed;
    std::function<kiosk::eid::Bytes(const kiosk::eid::Bytes&)> override; // empty answer: not overridden
    // A failure for this command (a glitch on the wire, say); nullopt: none.
    std::function<std::optional<kiosk::eid::CardError>(const kiosk::eid::Bytes&)> failIf;
};

// What the card went through, shared by every connection to it (the card keeps its PIN counter
// between connections, as a real one does).
struct FakeCardState {
    explicit FakeCardState(FakeCardProfile p) : profile(std::move(p)) {}
    FakeCardProfile profile;
    std::mutex mutex;
    std::atomic<int> emptyVerifies{0}, verifies{0}, logOffs{0}, commands{0};
    std::atomic<bool> verifiedNow{false}; // a right PIN and no LOG OFF or reset since
    std::string pinpadLanguage;           // what the reader was asked to show its messages in
};

class FakeCard final : public kiosk::eid::SmartCard {
public:
    explicit FakeCard(std::shared_ptr<FakeCardState> state) : s_(std::move(state)) {}
    explicit FakeCard(FakeCardProfile p) : s_(std::make_shared<FakeCardState>(std::move(p))) {}
    ~FakeCard() override { s_->verifiedNow = false; } // the connection closes with a reset

    std::optional<kiosk::eid::Bytes> transmit(std::span<const std::uint8_t> c) override {
        using kiosk::eid::Bytes;
        const std::lock_guard lock(s_->mutex);
        FakeCardProfile& p = s_->profile;
        ++s_->commands;
        if (p.failAfter >= 0 && sent_++ >= p.failAfter) {
            error_ = p.failure;
            return std::nullopt;
        }
        const Bytes cmd(c.begin(), c.end());
        if (p.failIf) {
            if (const auto e = p.failIf(cmd)) {
                error_ = *e;
                return std::nullopt;
            }
        }
        if (p.override) {
            if (Bytes r = p.override(cmd); !r.empty()) return r;
        }
        if (cmd.size() >= 5 && cmd[1] == 0xA4 && cmd[2] == 0x04) return p.belgian ? ok({}) : sw(0x6A82);
        if (!p.belgian) return sw(0x6D00);
        if (cmd.size() == 7 && cmd[1] == 0xA4 && cmd[2] == 0x02) {
            const auto fid = static_cast<std::uint16_t>((cmd[5] << 8) | cmd[6]);
            if (fid == 0x3F00 || fid == 0xDF00 || fid == 0xDF01) return ok({});
            if (!p.files.count(fid)) return sw(0x6A82);
            current_ = fid;
            return ok({});
        }
        if (cmd.size() == 5 && cmd[1] == 0xB0) {
            const auto& f = p.files.at(current_);
            const std::size_t off = static_cast<std::size_t>((cmd[2] << 8) | cmd[3]);
            if (off >= f.size()) return sw(0x6B00);
            const std::size_t n = std::min<std::size_t>(cmd[4], f.size() - off);
            return ok(
                Bytes(f.begin() + static_cast<std::ptrdiff_t>(off), f.begin() + static_cast<std::ptrdiff_t>(off + n)));
        }
        if (cmd.size() == 5 && cmd[0] == 0x80 && cmd[1] == 0xE4) {
            if (cmd[3] == 0x01 && p.applet != 0x18) return sw(0x6B00);
            Bytes d(cmd[3] == 0x01 ? 31 : 28, 0x5A);
            d[21] = p.applet;
            d[27] = p.personalised ? 0x0F : 0x07;
            if (cmd[3] == 0x01) d[28] = static_cast<std::uint8_t>(p.pinTries);
            return ok(d);
        }
        if (cmd.size() == 4 && cmd[1] == 0x20) {
            ++s_->emptyVerifies;
            if (p.applet == 0x11 && p.pinTries > 0) --p.pinTries; // the hazard the check must never trigger
            return pinStatus();
        }
        if (cmd.size() == 13 && cmd[1] == 0x20 && cmd[4] == 0x08) {
            ++s_->verifies;
            if (p.pinTries == 0) return sw(0x6983);
            const auto right = kiosk::eid::PinBlock::fromDigits(p.pin);
            if (right && std::equal(right->bytes().begin(), right->bytes().end(), cmd.begin() + 5)) {
                p.pinTries = 3;
                s_->verifiedNow = true;
                return ok({});
            }
            --p.pinTries;
            return pinStatus();
        }
        if (cmd.size() == 5 && cmd[0] == 0x80 && cmd[1] == 0xE6) {
            ++s_->logOffs;
            s_->verifiedNow = false;
            return ok({});
        }
        return sw(0x6D00);
    }
    [[nodiscard]] kiosk::eid::CardError lastError() const override { return error_; }
    [[nodiscard]] bool hasPinpad() const override { return s_->profile.pinpad; }
    std::optional<kiosk::eid::Bytes> verifyOnPinpad(std::span<const std::uint8_t> verifyTemplate,
                                                    std::string_view language) override {
        if (!s_->profile.pinpad) return std::nullopt;
        const auto expected = kiosk::eid::command::verifyPinTemplate();
        if (!std::equal(verifyTemplate.begin(), verifyTemplate.end(), expected.begin(), expected.end()))
            return sw(0x6A80);
        std::string typed;
        {
            const std::lock_guard lock(s_->mutex);
            s_->pinpadLanguage = language;
            typed = s_->profile.typedOnPinpad;
        }
        if (typed.empty()) return sw(0x6400); // the reader's own timeout
        const auto block = kiosk::eid::PinBlock::fromDigits(typed);
        return transmit(kiosk::eid::command::verifyPin(*block));
    }

private:
    kiosk::eid::Bytes pinStatus() const {
        const int tries = s_->profile.pinTries;
        return tries == 0 ? sw(0x6983) : tries == 3 ? sw(0x9000) : sw(static_cast<std::uint16_t>(0x63C0 | tries));
    }
    static kiosk::eid::Bytes ok(kiosk::eid::Bytes d) {
        d.push_back(0x90);
        d.push_back(0x00);
        return d;
    }
    static kiosk::eid::Bytes sw(std::uint16_t s) {
        return {static_cast<std::uint8_t>(s >> 8), static_cast<std::uint8_t>(s & 0xFF)};
    }

    std::shared_ptr<FakeCardState> s_;
    std::uint16_t current_ = 0;
    int sent_ = 0;
    kiosk::eid::CardError error_ = kiosk::eid::CardError::None;
};

class FakeCardService final : public kiosk::eid::SmartCardService {
public:
    std::vector<kiosk::eid::ReaderInfo> readers(kiosk::eid::CardError& error) override {
        error = serviceDown ? kiosk::eid::CardError::NoService : kiosk::eid::CardError::None;
        if (serviceDown || !reader) return {};
        return {kiosk::eid::ReaderInfo{"Test Reader 00 00", card != nullptr, mute}};
    }
    std::unique_ptr<kiosk::eid::SmartCard> connect(const std::string&, kiosk::eid::CardError& error) override {
        if (!card) {
            error = kiosk::eid::CardError::NoCard;
            return nullptr;
        }
        error = kiosk::eid::CardError::None;
        return std::make_unique<FakeCard>(card);
    }
    bool waitForChange(std::chrono::milliseconds timeout) override {
        std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(5)));
        return false;
    }
    void insert(FakeCardProfile p) { card = std::make_shared<FakeCardState>(std::move(p)); }
    FakeCardProfile& profile() { return card->profile; }

    bool serviceDown = false, reader = true, mute = false;
    std::shared_ptr<FakeCardState> card;
};

// Certificates as the check sees them through its port: dates and a chain verdict per leaf,
// keyed by the leaf's first byte (tests mark each certificate file with a distinct one).
class FakeCertificates final : public kiosk::eid::CertificateVerifier {
public:
    [[nodiscard]] std::optional<kiosk::eid::CertificateDates> dates(std::span<const std::uint8_t> der) const override {
        if (der.empty() || der[0] == 0xEE) return std::nullopt; // 0xEE: "not a certificate"
        return datesOf.count(der[0]) ? datesOf.at(der[0]) : defaults;
    }
    [[nodiscard]] kiosk::eid::ChainVerdict verify(std::span<const std::uint8_t> leaf,
                                                  std::span<const std::uint8_t>) const override {
        return chain.count(leaf[0]) ? chain.at(leaf[0]) : kiosk::eid::ChainVerdict::Trusted;
    }
    kiosk::eid::CertificateDates defaults{std::chrono::sys_days{std::chrono::year{2022} / 2 / 1},
                                          std::chrono::sys_days{std::chrono::year{2032} / 2 / 1}};
    std::map<std::uint8_t, kiosk::eid::CertificateDates> datesOf;
    std::map<std::uint8_t, kiosk::eid::ChainVerdict> chain;
};

} // namespace dps::test
