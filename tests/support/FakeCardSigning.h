#pragma once
#include "kiosk/core/eid/Apdu.h"

#include <cstdint>
#include <map>
#include <optional>

namespace dps::test {

// The signing part of the test card (FakeSmartCard.h), written from the applet reference
// manuals (Fedict eid-mw, doc/sdk/documentation/: [M1.7] "Public_Belpic_Applet_v1 7_Ref_Manual -
// A01", [M1.8] "Public_Belpic_Applet_v1 8_Ref_Manual_v1"), sections named where each rule is
// applied: MSE SET, PSO COMPUTE DIGITAL SIGNATURE, INTERNAL AUTHENTICATE (1.8, basic key), GET
// RESPONSE, and the PIN's access rights ("PIN once" for the authentication key, "PIN just
// before" for the non-repudiation key, 5.1). Signatures are made with OpenSSL with the private
// keys of the card's test certificates. One per card: the security state lives with the card.
class FakeCardSigning {
public:
    // Private keys by reference, PKCS#8 DER: 82 authentication, 83 non-repudiation, 81 the basic
    // key (1.8). A key the card does not hold is absent (a child's card has no 83).
    using Keys = std::map<std::uint8_t, kiosk::eid::Bytes>;

    // Called with every command before it is answered (counts commands since the last VERIFY).
    void beforeCommand(const kiosk::eid::Bytes& cmd);
    // A VERIFY with the right PIN; with a wrong one (which "resets PIN access conditions for ALL
    // PIN-protected commands", [M1.8] 5.1); LOG OFF or a reset (all rights and the security
    // environment gone).
    void pinRight();
    void pinWrong();
    void reset();
    // Whether the PIN is verified now (what an empty VERIFY reports as 90 00).
    [[nodiscard]] bool verified() const { return authRight_ || pending_; }

    // The answer to MSE SET, PSO CDS, INTERNAL AUTHENTICATE or GET RESPONSE; nullopt for any
    // other command.
    std::optional<kiosk::eid::Bytes> answer(const kiosk::eid::Bytes& cmd, std::uint8_t applet, const Keys& keys);

    // Signatures made (PSO CDS and INTERNAL AUTHENTICATE that answered 61 xx).
    [[nodiscard]] int signatures() const { return signatures_; }

private:
    kiosk::eid::Bytes setEnvironment(const kiosk::eid::Bytes& cmd, std::uint8_t applet, const Keys& keys);
    kiosk::eid::Bytes computeSignature(const kiosk::eid::Bytes& cmd, std::uint8_t applet, const Keys& keys);
    kiosk::eid::Bytes internalAuthenticate(const kiosk::eid::Bytes& cmd, const Keys& keys);
    kiosk::eid::Bytes getResponse(const kiosk::eid::Bytes& cmd);
    kiosk::eid::Bytes respondLater(kiosk::eid::Bytes data);

    bool authRight_ = false;                      // a VERIFY granted the authentication key ("PIN once")
    bool pending_ = false;                        // a right VERIFY not yet used, maybe for the non-repudiation key
    int sinceVerify_ = 0;                         // commands since that VERIFY
    std::optional<std::uint8_t> algorithm_, key_; // the security environment (MSE SET)
    kiosk::eid::Bytes waiting_;                   // for GET RESPONSE (T=0, 61 xx)
    int signatures_ = 0;
};

} // namespace dps::test
