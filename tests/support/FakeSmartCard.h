#pragma once
#include "FakeCardSigning.h"
#include "kiosk/core/eid/Certificates.h"
#include "kiosk/core/eid/PinBlock.h"
#include "kiosk/core/eid/SmartCard.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace dps::test {

// A Belgian e-ID card's behaviour, for unit tests of the check's rules and as the brain of the
// virtual card that tests put in a real pcscd's virtual reader. It answers as the applet
// reference manuals say (Fedict eid-mw, doc/sdk/documentation/: [M1.7] "Public_Belpic_Applet_v1
// 7_Ref_Manual - A01", [M1.8] "Public_Belpic_Applet_v1 8_Ref_Manual_v1"), sections named below;
// the files it holds are laid out in EidCards.cpp. `failAfter` makes it vanish after N commands,
// as a pulled card does.
struct FakeCardProfile {
    bool belgian = true;
    std::uint8_t applet = 0x18; // GET CARD DATA's applet version: 0x11, 0x17 or 0x18
    bool personalised = true;
    int pinTries = 3;
    std::string pin = "1234";
    bool pinpad = false;       // the reader has its own keypad
    std::string typedOnPinpad; // what the visitor types there; empty: nothing (the reader times out)
    // The files by FID. Their folder follows the content specifications' file tables (content
    // v5.4 4.3, v4.01 4.3): 2Fxx in the MF (3F00), 50xx in DF00 (BELPIC: certificates), 40xx in
    // DF01 (ID: 4031 identity, 4033 address, 4035 photo, 4040 basic key).
    std::map<std::uint16_t, kiosk::eid::Bytes> files;
    // The private keys it signs with, by reference (FakeCardSigning.h): those of its certificates.
    FakeCardSigning::Keys privateKeys;
    // A reader driver that re-sends a READ BINARY after 6C XX by itself, so the last short chunk
    // comes back with 90 00 (eid-mw card.cpp ReadFile: "If the driver/reader itself did the 6CXX
    // handling, we assume we're at the EOF").
    bool readerHandles6C = false;
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
    std::atomic<int> emptyVerifies{0}, verifies{0}, logOffs{0}, commands{0}, readBinaries{0};
    std::atomic<bool> verifiedNow{false}; // a right PIN and no LOG OFF or reset since
    std::string pinpadLanguage;           // what the reader was asked to show its messages in
    FakeCardSigning signing;              // MSE SET, PSO CDS… and the PIN's access rights
    // A reset or power-off (the connection closed with SCARD_RESET_CARD): nothing verified stays.
    void reset() {
        const std::lock_guard lock(mutex);
        verifiedNow = false;
        signing.reset();
    }
};

class FakeCard final : public kiosk::eid::SmartCard {
public:
    explicit FakeCard(std::shared_ptr<FakeCardState> state) : s_(std::move(state)) {}
    explicit FakeCard(FakeCardProfile p) : s_(std::make_shared<FakeCardState>(std::move(p))) {}
    ~FakeCard() override { s_->reset(); } // the connection closes with a reset

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
        if (cmd.size() < 4) return sw(0x6700);
        const std::uint8_t cla = cmd[0], ins = cmd[1];
        if (cla == 0x00 && ins == 0xA4 && cmd[2] == 0x04) {
            if (!p.belgian) return sw(0x6A82); // another card: no such applet
            return select(cmd);
        }
        if (!p.belgian) return sw(0x6D00);
        s_->signing.beforeCommand(cmd);
        if (auto signing = s_->signing.answer(cmd, p.applet, p.privateKeys)) return *signing;
        if (cla == 0x00 && ins == 0xA4) return select(cmd);
        if (cla == 0x00 && ins == 0xB0) return readBinary(cmd);
        if (cla == 0x80 && ins == 0xE4) return cardData(cmd);
        if (cla == 0x00 && ins == 0x20) return verify(cmd);
        if (cla == 0x80 && ins == 0xE6) { // [M1.8] 6.15, [M1.7] 6.10 LOG OFF
            ++s_->logOffs;
            s_->verifiedNow = false;
            s_->signing.reset();
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
    using Bytes = kiosk::eid::Bytes;
    static constexpr std::uint16_t kMf = 0x3F00, kDfBelpic = 0xDF00, kDfId = 0xDF01;

    static std::uint16_t folderOf(std::uint16_t fid) {
        switch (fid >> 8) {
        case 0x50: return kDfBelpic;
        case 0x40: return kDfId;
        default: return kMf;
        }
    }

    // [M1.8] 6.6, [M1.7] 6.3 SELECT FILE: P1 02 a file ID, 08 an absolute path without the MF,
    // 04 an AID; P2 0C (no FCI). After the applet's selection (or a reset) the MF is current
    // (content v4.01 4.4). eid-mw selects by FID from 3F00 down (card.cpp SelectByPath): a file
    // outside the current folder is not found, as eid-mw's fallback to that walk expects.
    Bytes select(const Bytes& cmd) {
        if (cmd.size() < 5 || cmd.size() != 5U + cmd[4]) return sw(0x6A87); // Lc inconsistent
        if (cmd[3] != 0x0C) return sw(0x6A86);
        const std::span<const std::uint8_t> data(cmd.begin() + 5, cmd.end());
        const auto fidAt = [&](std::size_t i) { return static_cast<std::uint16_t>((data[i] << 8) | data[i + 1]); };
        switch (cmd[2]) {
        case 0x04: { // content v4.01 4.4: the applet's AID, then DF(BELPIC)'s and DF(ID)'s
            static constexpr std::uint8_t kApplet[] = {0xA0, 0x00, 0x00, 0x00, 0x30, 0x29, 0x05, 0x70,
                                                       0x00, 0xAD, 0x13, 0x10, 0x01, 0x01, 0xFF};
            static constexpr std::uint8_t kBelpic[] = {0xA0, 0x00, 0x00, 0x01, 0x77, 0x50,
                                                       0x4B, 0x43, 0x53, 0x2D, 0x31, 0x35};
            static constexpr std::uint8_t kId[] = {0xA0, 0x00, 0x00, 0x01, 0x77, 0x49,
                                                   0x64, 0x46, 0x69, 0x6C, 0x65, 0x73};
            const auto is = [&](std::span<const std::uint8_t> aid) {
                return std::equal(data.begin(), data.end(), aid.begin(), aid.end());
            };
            ef_ = 0;
            if (is(kApplet))
                folder_ = kMf;
            else if (is(kBelpic))
                folder_ = kDfBelpic;
            else if (is(kId))
                folder_ = kDfId;
            else
                return sw(0x6A82);
            return ok({});
        }
        case 0x02:
            if (data.size() != 2) return sw(0x6A87);
            return selectFid(fidAt(0));
        case 0x08:
            // The path is in both manuals; eid-mw says the first cards (applet 1.0/1.1) did not
            // take it (card.cpp: "The Belpic card doesn't support select by path").
            if (s_->profile.applet < 0x17) return sw(0x6A86);
            if (data.empty() || data.size() % 2 != 0) return sw(0x6A87);
            folder_ = kMf;
            ef_ = 0;
            for (std::size_t i = 0; i < data.size(); i += 2) {
                if (const Bytes r = selectFid(fidAt(i)); r != ok({})) return r;
            }
            return ok({});
        default: return sw(0x6A86);
        }
    }

    Bytes selectFid(std::uint16_t fid) {
        if (fid == kMf) {
            folder_ = kMf;
            ef_ = 0;
            return ok({});
        }
        if (fid == kDfBelpic || fid == kDfId) {
            if (folder_ != kMf) return sw(0x6A82);
            folder_ = fid;
            ef_ = 0;
            return ok({});
        }
        if (!s_->profile.files.count(fid) || folderOf(fid) != folder_) return sw(0x6A82);
        ef_ = fid;
        return ok({});
    }

    // [M1.8] 6.7, [M1.7] 6.4 READ BINARY: P1-P2 the offset (bit 8 of P1 = 0), Le the length
    // (00: 256). "6B 00: offset outside the EF"; "6C XX: Le incorrect, XX indicates the expected
    // length": asking past the end of the file gets the number of bytes left.
    Bytes readBinary(const Bytes& cmd) {
        ++s_->readBinaries;
        if (cmd.size() != 5) return sw(0x6700);
        if (ef_ == 0) return sw(0x6986); // command not allowed (no current EF)
        if (cmd[2] & 0x80) return sw(0x6A86);
        const Bytes& f = s_->profile.files.at(ef_);
        const std::size_t offset = static_cast<std::size_t>((cmd[2] << 8) | cmd[3]);
        const std::size_t wanted = cmd[4] == 0 ? 256 : cmd[4];
        if (offset >= f.size()) return sw(0x6B00);
        const std::size_t left = f.size() - offset;
        if (wanted > left && !s_->profile.readerHandles6C) return sw(static_cast<std::uint16_t>(0x6C00 | left));
        const auto from = f.begin() + static_cast<std::ptrdiff_t>(offset);
        return ok(Bytes(from, from + static_cast<std::ptrdiff_t>(std::min(wanted, left))));
    }

    // [M1.8] 6.14 GET CARD DATA (Tables 45-47), [M1.7] 6.9 (Tables 31-32): P2 00 gives 28 bytes
    // (Le 1C), P2 01 (applet 1.8 only; "Applet V1.7h only supports backward compatible mode")
    // 31 (Le 1F) ending with the PIN tries and two RFU bytes FF. Wrong P1-P2: 6B 00; wrong Le:
    // 6C XX.
    Bytes cardData(const Bytes& cmd) {
        const FakeCardProfile& p = s_->profile;
        if (cmd.size() != 5 || cmd[2] != 0x00) return sw(0x6B00);
        std::size_t size = 0;
        if (cmd[3] == 0x00)
            size = 28;
        else if (cmd[3] == 0x01 && p.applet >= 0x18)
            size = 31;
        else
            return sw(0x6B00);
        if (cmd[4] != size) return sw(static_cast<std::uint16_t>(0x6C00 | size));
        // Serial number (16: 2 bytes Gemalto's, 2 the chip maker, 12 the chip), component code,
        // OS number, OS version, softmask number and version: platform specific, invented here.
        Bytes d{0x10, 0x23, 0x55, 0x04, 0x8E, 0x31, 0x07, 0xC2, 0x4D, 0x19, 0xA0,
                0x66, 0x02, 0xF3, 0x5B, 0x90, 0xA5, 0x03, 0x01, 0x01, 0x01};
        const std::uint8_t lifeCycle = p.personalised ? 0x0F : 0x07; // PERSONALIZED, else SELECTABLE
        if (p.applet >= 0x18) {
            // applet 18, global OS version 0001, interface 00, PKCS#1 00, key exchange 02
            for (const std::uint8_t b : {p.applet, std::uint8_t{0x00}, std::uint8_t{0x01}, std::uint8_t{0x00},
                                         std::uint8_t{0x00}, std::uint8_t{0x02}, lifeCycle})
                d.push_back(b);
        } else if (p.applet >= 0x17) {
            // applet 17, global OS version 0003, interface 00, PKCS#1 21 (v2.1), key exchange 01
            for (const std::uint8_t b : {p.applet, std::uint8_t{0x00}, std::uint8_t{0x03}, std::uint8_t{0x00},
                                         std::uint8_t{0x21}, std::uint8_t{0x01}, lifeCycle})
                d.push_back(b);
        } else {
            // Applet 1.1 (no manual published): eid-mw cal.cpp reads bytes 21-22 as the applet
            // version (11 00), 23-24 the interface version, 25-26 the PKCS#15 version, 27 the
            // life cycle. The version values are invented.
            for (const std::uint8_t b : {p.applet, std::uint8_t{0x00}, std::uint8_t{0x01}, std::uint8_t{0x01},
                                         std::uint8_t{0x01}, std::uint8_t{0x01}, lifeCycle})
                d.push_back(b);
        }
        if (size == 31) {
            d.push_back(static_cast<std::uint8_t>(p.pinTries));
            d.push_back(0xFF);
            d.push_back(0xFF);
        }
        return ok(d);
    }

    // [M1.8] 6.9, [M1.7] 6.5 VERIFY, P2 01 (the cardholder PIN). With Lc = 0 (or none): "90 00 if
    // the referenced PIN is verified", "63 Cx if not verified" (x tries left), "69 83 if
    // blocked", without using a try; "In V1.1 of the product, a MVP:VERIFY with an empty PIN
    // buffer counts as a wrong PIN" ([M1.7]). With the 8-byte PIN block: 90 00, or 63 Cx with the
    // tries left after this one (63 C0 blocks it); 69 83 once blocked.
    Bytes verify(const Bytes& cmd) {
        FakeCardProfile& p = s_->profile;
        if (cmd[2] != 0x00 || cmd[3] != 0x01) return sw(0x6A86);
        if (cmd.size() == 4 || (cmd.size() == 5 && cmd[4] == 0x00)) {
            ++s_->emptyVerifies;
            if (p.applet < 0x17 && p.pinTries > 0) { // the hazard the check must never trigger
                --p.pinTries;
                s_->verifiedNow = false;
                s_->signing.pinWrong();
                return triesLeft();
            }
            if (p.pinTries == 0) return sw(0x6983);
            return s_->verifiedNow ? ok({}) : triesLeft();
        }
        if (cmd.size() != 13 || cmd[4] != 0x08) return sw(0x6700);
        ++s_->verifies;
        if (p.pinTries == 0) return sw(0x6983);
        const auto right = kiosk::eid::PinBlock::fromDigits(p.pin);
        if (right && std::equal(right->bytes().begin(), right->bytes().end(), cmd.begin() + 5)) {
            p.pinTries = 3;
            s_->verifiedNow = true;
            s_->signing.pinRight();
            return ok({});
        }
        --p.pinTries;
        s_->verifiedNow = false;
        s_->signing.pinWrong();
        return triesLeft();
    }

    Bytes triesLeft() const { return sw(static_cast<std::uint16_t>(0x63C0 | s_->profile.pinTries)); }
    static Bytes ok(Bytes d) {
        d.push_back(0x90);
        d.push_back(0x00);
        return d;
    }
    static Bytes sw(std::uint16_t s) {
        return {static_cast<std::uint8_t>(s >> 8), static_cast<std::uint8_t>(s & 0xFF)};
    }

    std::shared_ptr<FakeCardState> s_;
    std::uint16_t folder_ = kMf, ef_ = 0; // after a reset: the MF, no file
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
// keyed by the marker byte after a fakeCertificate()'s DER header (EidCards.h); what does not
// start as a DER SEQUENCE is "not a certificate".
class FakeCertificates final : public kiosk::eid::CertificateVerifier {
public:
    [[nodiscard]] std::optional<kiosk::eid::CertificateDates> dates(std::span<const std::uint8_t> der) const override {
        const auto m = marker(der);
        if (!m) return std::nullopt;
        return datesOf.count(*m) ? datesOf.at(*m) : defaults;
    }
    [[nodiscard]] kiosk::eid::ChainVerdict verify(std::span<const std::uint8_t> leaf,
                                                  std::span<const std::uint8_t> ca) const override {
        const auto m = marker(leaf);
        if (!m || !marker(ca)) return kiosk::eid::ChainVerdict::Malformed;
        return chain.count(*m) ? chain.at(*m) : kiosk::eid::ChainVerdict::Trusted;
    }
    kiosk::eid::CertificateDates defaults{std::chrono::sys_days{std::chrono::year{2022} / 2 / 1},
                                          std::chrono::sys_days{std::chrono::year{2032} / 2 / 1}};
    std::map<std::uint8_t, kiosk::eid::CertificateDates> datesOf;
    std::map<std::uint8_t, kiosk::eid::ChainVerdict> chain;

private:
    static std::optional<std::uint8_t> marker(std::span<const std::uint8_t> der) {
        if (der.size() < 5 || der[0] != 0x30 || der[1] != 0x82) return std::nullopt;
        return der[4];
    }
};

} // namespace dps::test
