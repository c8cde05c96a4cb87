#pragma once
#include "kiosk/core/eid/CardSigning.h"
#include "kiosk/core/eid/PinBlock.h"
#include "kiosk/core/eid/SmartCard.h"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dps::kiosk::eid {

// Where the PIN of a signature comes from: typed (the kiosk's keypad, a browser's PIN dialog),
// typed on the reader's own keypad, or nowhere because it was verified earlier in the session
// (the authentication key needs it "once", [M1.7]/[M1.8] 5.1).
struct SigningPin {
    const PinBlock* typed = nullptr;
    bool onPinpad = false;
    std::string_view language = "en"; // the pinpad's display
    [[nodiscard]] bool given() const { return typed != nullptr || onPinpad; }
};

// A signature, or why there is none. The signature is the card's own bytes: r || s for ECDSA,
// the RSA signature for RSA; wiped when freed like every card answer.
struct SignResult {
    SignError error = SignError::CardError;
    std::optional<int> triesLeft; // WrongPin (tries left), PinBlocked (0)
    Bytes signature;
    [[nodiscard]] bool ok() const { return error == SignError::None; }
};

// One card, open for signing: what a PKCS#11 module holds between a login and its signatures.
// Opening selects the Belgian applet and reads its version (GET CARD DATA); the PIN goes in a
// VERIFY as the PIN test sends it; every signature runs inside the card's exclusive use, so no
// other program's command lands between the VERIFY and the signature (which the non-repudiation
// key refuses). When the session ends, LOG OFF, and closing the connection resets the card.
// Nothing here logs or keeps a digest, a PIN or a signature.
class CardSession {
public:
    // nullptr, with why in error, when there is no card, it is not a Belgian e-ID, or its applet
    // cannot sign (1.1).
    static std::unique_ptr<CardSession> open(SmartCardService& service, const std::string& reader, SignError& error);
    CardSession(std::unique_ptr<SmartCard> card, std::uint8_t appletVersion);
    CardSession(const CardSession&) = delete;
    CardSession& operator=(const CardSession&) = delete;
    ~CardSession();

    [[nodiscard]] std::uint8_t appletVersion() const { return applet_; }
    // Whether the reader takes the PIN on its own keypad (a PKCS#11 token's protected path).
    [[nodiscard]] bool hasPinpad() const { return card_->hasPinpad(); }

    // The PIN tries left, without using one: GET CARD DATA P2=01 on applet 1.8 (byte 28), the
    // empty VERIFY on 1.7 ([M1.8] 6.14, [M1.7] 6.5: 63 Cx). nullopt when the card does not say.
    std::optional<int> pinTriesLeft();

    // VERIFY on its own (a login): None, WrongPin with the tries left, PinBlocked,
    // PinEntryCancelled (pinpad), or a card failure.
    SignResult verifyPin(const SigningPin& pin);

    // MSE SET for key and mechanism, VERIFY when a PIN is given (after MSE SET, so that it is the
    // command "just before" the signature), PSO COMPUTE DIGITAL SIGNATURE on the digest, then GET
    // RESPONSE for the signature. A mechanism the applet does not have, or a digest of the wrong
    // length, is refused before anything is sent.
    SignResult sign(SigningKey key, Mechanism m, std::span<const std::uint8_t> digest, const SigningPin& pin = {});

    // The certificate of a key (DF00/5038 authentication, 5039 signing), DER; nullopt when the
    // card holds none (a file of zero bytes: a child's card) or it cannot be read.
    std::optional<Bytes> certificate(SigningKey key);

private:
    SignResult verify(const SigningPin& pin);
    std::optional<Response> send(std::span<const std::uint8_t> apdu);
    SignResult failed(SignError e) const;

    std::unique_ptr<SmartCard> card_;
    std::uint8_t applet_;
};

} // namespace dps::kiosk::eid
