#pragma once
#include <optional>
#include <string_view>

namespace dps::kiosk::eid {

// Every verdict of the e-ID check, with the stable code recorded in the visit log (the code
// only) and used by `dps-kiosk eid-check --json`. Codes are never renamed: statistics compare
// them over years.
enum class Outcome {
    ServiceUnavailable, // pcscd does not answer: a facilitator matter
    ReaderMissing,
    CardMissing,
    CardMute, // inserted the wrong way round, or a dirty chip
    NotBelgianEid,
    CardNotPersonalised,
    CardRemoved,   // pulled out during the check
    CardReadError, // the card answered nonsense
    ClockWrong,
    CardExpired,
    CardExpiringSoon,
    CardNotYetValid,
    CardValid,
    CertificateMissing,
    SigningCertificateAbsentNormal, // a minor's card has no signing certificate
    AuthCertificateAbsentChild,     // nor, on a young child's Kids-ID, one to log in
    CertificateExpired,
    CertificateChainInvalid,
    PinTriesUnknown, // applet 1.1: not asked, on purpose
    PinOk,           // the PIN is not blocked (tries left, read without using one)
    PinRight,        // the PIN test: the PIN typed was right
    PinWrong,
    PinBlocked,
    PinEntryCancelled, // the PIN test: nothing typed on the reader's keypad in time, or Cancel
};

std::string_view outcomeCode(Outcome o);
std::optional<Outcome> outcomeFromCode(std::string_view code);
// Whether the visitor should ask a facilitator rather than fix it themselves.
bool needsFacilitator(Outcome o);

} // namespace dps::kiosk::eid
