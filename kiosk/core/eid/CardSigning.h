#pragma once
#include "kiosk/core/eid/Apdu.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace dps::kiosk::eid {

// Signing with the card's keys, as the applet reference manuals describe it (Fedict eid-mw,
// doc/sdk/documentation/: [M1.7] "Public_Belpic_Applet_v1 7_Ref_Manual - A01", [M1.8]
// "Public_Belpic_Applet_v1 8_Ref_Manual_v1"): MSE SET chooses the key and the algorithm, the PIN
// is verified (VERIFY, as the PIN test sends it), PSO COMPUTE DIGITAL SIGNATURE signs a digest
// computed off card, GET RESPONSE fetches the signature (the cards speak T=0). Built here as
// plain bytes so they are tested without a card; nothing here keeps or prints a digest.

// The two signature keys by their references ([M1.7] 4.1 Table 4, [M1.8] 6.5 Table 16). The
// basic key (81) only proves a card genuine (INTERNAL AUTHENTICATE) and is not for signing.
enum class SigningKey : std::uint8_t { Authentication = 0x82, NonRepudiation = 0x83 };

// How the digest is signed. MD5 and RSA-PSS, which applet 1.7 also offers, are left out: MD5
// signatures can be forged, and the manual does not say which PSS salt the card uses.
enum class Mechanism {
    RsaPkcs1,       // 1.7: PKCS#1 v1.5 padding of a DigestInfo the caller built ("no predefined hash")
    RsaPkcs1Sha1,   // 1.7: the card wraps a SHA-1 digest in its DigestInfo
    RsaPkcs1Sha256, // 1.7: the same for SHA-256
    EcdsaSha256,    // 1.8
    EcdsaSha384,    // 1.8 (the key of cards in use is P-384)
    EcdsaSha512,    // 1.8
    Ecdsa,          // 1.8 "hash not specified": any digest of 20, 28, 32, 48 or 64 bytes
};

// MSE SET's algorithm reference for a mechanism on a card of this applet version (GET CARD
// DATA byte 21: 0x17, 0x18…): [M1.7] 6.2 Table 11, [M1.8] 6.3 Table 14. nullopt when the applet
// has no such algorithm: 1.7 signs with RSA only, 1.8 with ECDSA only ([M1.8] 1.9.1); applet
// 1.1's manual was never published (and its cards have all expired), so nothing is offered there.
std::optional<std::uint8_t> algorithmReference(std::uint8_t appletVersion, Mechanism m);

// Whether the card takes a digest of this length for the mechanism ([M1.7] 6.8 "length of the
// DTBS", [M1.8] 6.13 Table 42 Lc).
bool digestLengthFits(Mechanism m, std::size_t length);

// Whether the mechanism is an ECDSA one (the signature is r || s) or RSA.
bool isEcdsa(Mechanism m);

namespace command {
// MSE SET ([M1.7] 6.7 Table 24, [M1.8] 6.12 Table 38): 00 22 41 B6 05, then the digital
// signature template 04 80 <algorithm> 84 <key>.
Bytes setSignatureEnvironment(std::uint8_t algorithm, SigningKey key);
// PSO COMPUTE DIGITAL SIGNATURE ([M1.7] 6.8 Table 28, [M1.8] 6.13 Table 42): 00 2A 9E 9A Lc
// digest, sent without Le: the cards speak T=0, where a command with data "must be called
// without the Le parameter and return a Status Word 61 xx" ([M1.7] 6.1, [M1.8] 6.1). At most 255
// bytes (nullopt beyond: no digest is that long).
std::optional<Bytes> computeDigitalSignature(std::span<const std::uint8_t> digest);
// GET RESPONSE ([M1.7] 6.1 Table 8, [M1.8] 6.1 Table 8): 00 C0 00 00 Le (00: 256 bytes).
Bytes getResponse(std::uint8_t length);
} // namespace command

// What a status word of MSE SET, VERIFY, PSO CDS or GET RESPONSE means for a signature
// ([M1.7] Tables 20, 26, 30; [M1.8] Tables 29, 40, 44).
enum class SignError {
    None,
    WrongPin,          // 63 Cx, x tries left (x > 0)
    PinBlocked,        // 69 83, or 63 C0 (the last try was used)
    PinNotVerified,    // 69 82 "security status not satisfied": no VERIFY, or not just before
    NoSuchKey,         // 6A 88 "referenced key not found" (a child's card has no signing key)
    NotSupported,      // 6A 80 the card refuses the algorithm; or the applet has none (ours)
    WrongLength,       // 67 00; or a digest of the wrong length for the mechanism (ours)
    ConditionsNotMet,  // 69 85 "condition of use not satisfied": no security environment set
    PinEntryCancelled, // the pinpad reader's own timeout or cancel (its 64 00 / 64 01 after VERIFY)
    CardGone,          // no answer: the card was pulled, the reader or pcscd went away
    CardError,         // anything else (64 00, 65 81 EEPROM, 6D 00…), or a malformed answer
};

struct SignStatus {
    SignError error = SignError::CardError;
    int triesLeft = -1;     // WrongPin: the tries left; PinBlocked: 0
    int moreData = -1;      // 61 xx: this many bytes wait for GET RESPONSE (256 for 00)
    int correctLength = -1; // 6C xx: GET RESPONSE again with this Le
    [[nodiscard]] bool ok() const { return error == SignError::None; }
};
// 64 00 is "no precise diagnostic" from the card (CardError); a pinpad's timeout after VERIFY is
// told apart by the caller, which knows what it sent.
SignStatus signStatusOf(std::uint16_t sw);

// The answers of PSO CDS and the GET RESPONSEs after it, put together: at most kMaxSignature
// bytes and kMaxAnswers answers, so a card that keeps saying "61 xx" cannot make us loop or grow.
class SignatureAnswer {
public:
    static constexpr std::size_t kMaxSignature = 512; // RSA 2048: 256; ECDSA P-521: 132
    static constexpr int kMaxAnswers = 4;

    // What to do after an answer.
    enum class Next { Done, GetResponse, Failed };
    Next feed(std::span<const std::uint8_t> raw);
    // GetResponse: the Le to send.
    [[nodiscard]] std::uint8_t nextLength() const { return next_; }
    // Failed: why.
    [[nodiscard]] const SignStatus& status() const { return status_; }
    // Done: what the card returned, checked for the mechanism (signatureFrom); nullopt when it
    // cannot be a signature of it.
    [[nodiscard]] std::optional<Bytes> signature(Mechanism m) const;

private:
    Bytes data_;
    SignStatus status_;
    int answers_ = 0;
    std::uint8_t next_ = 0;
};

// The signature in a card's answer, if it has the size one must have: RSA 2048 (the only RSA
// size of applet 1.7, [M1.7] 4.1) gives 256 bytes; ECDSA gives r || s, each as long as the
// curve's order ([M1.8] 6.13 Table 43): 64, 96, 128 or 132 bytes for the 256, 384, 512 and
// 521-bit keys of [M1.8] 4.1.
std::optional<Bytes> signatureFrom(Mechanism m, std::span<const std::uint8_t> data);

} // namespace dps::kiosk::eid
