// libFuzzer target: whatever bytes a card (or a broken reader) returns, the e-ID parsers and the
// OpenSSL certificate adapter give an answer or a clean refusal, never a crash, an out-of-bounds
// read or an unwiped identity buffer. OpenSSL runs with the kiosk's wiping memory functions.
// Each input goes to every parser: the identity file (TLV), GET CARD DATA, a response and its
// status word, the pinpad feature list, a card date, a certificate file (its start, then the
// certificate through OpenSSL as the check hands it over), a leaf and CA pair; and, read as the
// answers of a card, the whole check through the same verifier; and a signature: the answers of
// PSO CDS and its GET RESPONSEs put together, then a whole signing session (open, MSE SET, VERIFY,
// PSO CDS, GET RESPONSE, the certificate) on the same scripted card.
//   tests/fuzz/run-eid-fuzz.sh [SECONDS]   (ctest: fuzz.eid_parsers_bounded, 20 s)
#include "kiosk/adapters/eid/OpenSslCertificates.h"
#include "kiosk/core/eid/Apdu.h"
#include "kiosk/core/eid/CardCheck.h"
#include "kiosk/core/eid/CardData.h"
#include "kiosk/core/eid/CardSession.h"
#include "kiosk/core/eid/CardSigning.h"
#include "kiosk/core/eid/CertificateFile.h"
#include "kiosk/core/eid/IdentityFacts.h"
#include "kiosk/core/eid/Pinpad.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <vector>

#ifndef DPS_EID_ROOTS_DIR
#error "build with -DDPS_EID_ROOTS_DIR=\"…/assets/eid/roots\" (run-eid-fuzz.sh does)"
#endif

namespace {

using namespace dps::kiosk::eid;

// One verifier on the real Belgian roots, built once: loading them is not what is fuzzed.
std::unique_ptr<OpenSslCertificates> verifier;

// A card whose answers are the input, one after the other: a length byte, then that many bytes
// (data and status word). When the input runs out, the card is gone.
class ScriptedCard final : public SmartCard {
public:
    explicit ScriptedCard(std::span<const std::uint8_t> script) : script_(script) {}
    std::optional<Bytes> transmit(std::span<const std::uint8_t>) override {
        if (script_.empty()) return std::nullopt;
        const std::size_t n = std::min<std::size_t>(script_[0], script_.size() - 1);
        Bytes answer(script_.begin() + 1, script_.begin() + 1 + static_cast<std::ptrdiff_t>(n));
        script_ = script_.subspan(1 + n);
        return answer;
    }
    [[nodiscard]] CardError lastError() const override { return CardError::Removed; }

private:
    std::span<const std::uint8_t> script_;
};

// One reader with that card in it; no waiting (the check asks the reader again when a card stops
// answering, after a presence poll: not here).
class ScriptedService final : public SmartCardService {
public:
    explicit ScriptedService(std::span<const std::uint8_t> script) : script_(script) {}
    std::vector<ReaderInfo> readers(CardError& error) override {
        error = CardError::None;
        return {ReaderInfo{"Fuzz Reader 00 00", true, false}};
    }
    std::unique_ptr<SmartCard> connect(const std::string&, CardError& error) override {
        error = CardError::None;
        return std::make_unique<ScriptedCard>(script_);
    }
    bool waitForChange(std::chrono::milliseconds) override { return false; }

private:
    std::span<const std::uint8_t> script_;
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // As in the kiosk's main: before anything makes OpenSSL allocate.
    if (!wipeOpenSslMemoryOnFree()) std::abort();
    verifier = std::make_unique<OpenSslCertificates>(DPS_EID_ROOTS_DIR);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> input(data, size);
    std::vector<std::uint8_t> buffer(data, data + size);
    (void)readIdentityFacts(buffer);
    for (auto b : buffer) {
        if (b != 0) std::abort(); // the identity file must be wiped whatever it held
    }
    if (const auto c = readCardData(input)) {
        if (c->pinTriesLeft && *c->pinTriesLeft > 3) std::abort(); // the PIN has 3 tries
    }
    (void)pinpad::featureCode(input, pinpad::kVerifyPinDirect); // a reader's feature list
    if (const auto r = parseResponse(input)) (void)classify(r->sw);
    (void)parseCardDate(input);

    // A certificate file as the check reads it: its start says whether a certificate is there and
    // how long it is; that much goes to OpenSSL.
    const auto start = inspectCertificateFile(input.first(std::min<std::size_t>(size, 252)));
    if (start.kind == CertificateFileStart::Kind::Certificate) {
        if (start.length > kMaxCertificateSize) std::abort();
        const auto der = input.first(std::min(size, start.length));
        (void)verifier->dates(der);
        (void)verifier->verify(der, der);
    }
    // The input split in two (the first two bytes say where) as a leaf and its issuing CA, so the
    // chain logic sees two certificates.
    (void)verifier->dates(input);
    if (size >= 2) {
        const std::size_t split = std::min<std::size_t>((std::size_t{data[0]} << 8 | data[1]), size - 2);
        const auto rest = input.subspan(2);
        (void)verifier->verify(rest.first(split), rest.subspan(split));
    }

    // A signature's answers, cut as the scripted card cuts them: bounded in size and number.
    SignatureAnswer signature;
    for (auto rest = input; !rest.empty();) {
        const std::size_t n = std::min<std::size_t>(rest[0], rest.size() - 1);
        if (signature.feed(rest.subspan(1, n)) != SignatureAnswer::Next::GetResponse) break;
        rest = rest.subspan(1 + n);
    }
    for (const Mechanism m : {Mechanism::RsaPkcs1Sha256, Mechanism::EcdsaSha384}) {
        if (const auto s = signature.signature(m); s && s->size() > SignatureAnswer::kMaxSignature) std::abort();
    }
    // A signing session, the input being the card's answers.
    {
        ScriptedService cards(input);
        SignError error = SignError::None;
        if (auto session = CardSession::open(cards, "Fuzz Reader 00 00", error)) {
            const auto pin = PinBlock::fromDigits("1234");
            const bool ecdsa = session->appletVersion() >= 0x18;
            const std::vector<std::uint8_t> digest(ecdsa ? 48 : 32, 0x5A);
            const SignResult r =
                session->sign(SigningKey::Authentication, ecdsa ? Mechanism::EcdsaSha384 : Mechanism::RsaPkcs1Sha256,
                              digest, {.typed = &*pin});
            // A signature handed out has the size of one (signatureFrom).
            const std::size_t n = r.signature.size();
            if (r.ok() && (ecdsa ? n != 64 && n != 96 && n != 128 && n != 132 : n != 256)) std::abort();
            if (const auto c = session->certificate(SigningKey::Authentication); c && c->size() > kMaxCertificateSize)
                std::abort();
        }
    }

    // The whole check, the input being the card's answers.
    ScriptedService service(input);
    const CheckContext context{std::chrono::sys_days{std::chrono::year{2026} / 6 / 1}, *verifier, {}};
    const CheckReport report = runCardCheck(service, context);
    if (report.steps.empty()) std::abort();
    return 0;
}
