#include "kiosk/core/eid/Outcome.h"

#include <array>
#include <utility>

namespace dps::kiosk::eid {
namespace {

constexpr std::array<std::pair<Outcome, std::string_view>, 24> kCodes{{
    {Outcome::ServiceUnavailable, "service_unavailable"},
    {Outcome::ReaderMissing, "reader_missing"},
    {Outcome::CardMissing, "card_missing"},
    {Outcome::CardMute, "card_mute"},
    {Outcome::NotBelgianEid, "not_belgian_eid"},
    {Outcome::CardNotPersonalised, "card_not_personalised"},
    {Outcome::CardRemoved, "card_removed"},
    {Outcome::CardReadError, "card_read_error"},
    {Outcome::ClockWrong, "clock_wrong"},
    {Outcome::CardExpired, "card_expired"},
    {Outcome::CardExpiringSoon, "card_expiring_soon"},
    {Outcome::CardNotYetValid, "card_not_yet_valid"},
    {Outcome::CardValid, "card_valid"},
    {Outcome::CertificateMissing, "certificate_missing"},
    {Outcome::SigningCertificateAbsentNormal, "signing_certificate_absent_normal"},
    {Outcome::AuthCertificateAbsentChild, "auth_certificate_absent_child"},
    {Outcome::CertificateExpired, "certificate_expired"},
    {Outcome::CertificateChainInvalid, "certificate_chain_invalid"},
    {Outcome::PinTriesUnknown, "pin_tries_unknown"},
    {Outcome::PinOk, "pin_ok"},
    {Outcome::PinRight, "pin_right"},
    {Outcome::PinWrong, "pin_wrong"},
    {Outcome::PinBlocked, "pin_blocked"},
    {Outcome::PinEntryCancelled, "pin_entry_cancelled"},
}};

} // namespace

std::string_view outcomeCode(Outcome o) {
    for (const auto& [outcome, code] : kCodes) {
        if (outcome == o) return code;
    }
    return "unknown";
}

std::optional<Outcome> outcomeFromCode(std::string_view code) {
    for (const auto& [outcome, c] : kCodes) {
        if (c == code) return outcome;
    }
    return std::nullopt;
}

bool needsFacilitator(Outcome o) {
    return o == Outcome::ServiceUnavailable || o == Outcome::CardReadError || o == Outcome::ClockWrong ||
           o == Outcome::CertificateChainInvalid;
}

} // namespace dps::kiosk::eid
