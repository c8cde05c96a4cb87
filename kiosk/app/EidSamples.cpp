#include "kiosk/app/EidSamples.h"

#include <array>

namespace dps::kiosk {
namespace {

using eid::CheckStep;
using eid::Outcome;

struct Where {
    CheckStep step;
    bool warning; // the check goes on after it
};

std::optional<Where> whereFound(Outcome o) {
    switch (o) {
    case Outcome::ServiceUnavailable: return Where{CheckStep::Service, false};
    case Outcome::ReaderMissing: return Where{CheckStep::Reader, false};
    case Outcome::CardMissing:
    case Outcome::CardMute: return Where{CheckStep::Card, false};
    case Outcome::NotBelgianEid: return Where{CheckStep::BelgianEid, false};
    case Outcome::CardNotPersonalised: return Where{CheckStep::Applet, false};
    case Outcome::CardExpired:
    case Outcome::ClockWrong:
    case Outcome::CardReadError:
    case Outcome::CardNotYetValid: return Where{CheckStep::Validity, false};
    case Outcome::CardExpiringSoon: return Where{CheckStep::Validity, true};
    case Outcome::CardRemoved:
    case Outcome::CertificateMissing:
    case Outcome::CertificateExpired:
    case Outcome::CertificateChainInvalid: return Where{CheckStep::Certificates, false};
    case Outcome::SigningCertificateAbsentNormal:
    case Outcome::AuthCertificateAbsentChild: return Where{CheckStep::Certificates, true};
    case Outcome::PinBlocked: return Where{CheckStep::PinTries, false};
    case Outcome::PinTriesUnknown: return Where{CheckStep::PinTries, true};
    case Outcome::CardValid:
    case Outcome::PinOk: return Where{CheckStep::PinTries, true};
    case Outcome::PinRight:
    case Outcome::PinWrong:
    case Outcome::PinEntryCancelled: break; // PIN test results, not check verdicts
    }
    return std::nullopt;
}

Outcome passed(CheckStep s) {
    switch (s) {
    case CheckStep::Validity: return Outcome::CardValid;
    case CheckStep::PinTries: return Outcome::PinOk;
    default: return Outcome::CardValid;
    }
}

} // namespace

std::optional<eid::CheckReport> eidSampleReport(std::string_view code, std::chrono::year_month_day today) {
    using namespace std::chrono;
    const auto outcome = eid::outcomeFromCode(code);
    if (!outcome) return std::nullopt;
    const auto where = whereFound(*outcome);
    if (!where) return std::nullopt;
    eid::CheckReport r;
    const sys_days now{today};
    r.readerName = "Kiosk Card Reader 00 00";
    r.applet = eid::CardData::Applet::V18;
    r.documentType = 1;
    r.validUntil = year_month_day{now + days{6 * 365 + 40}};
    r.certificatesValidUntil = r.validUntil;
    r.pinTriesLeft = 3;
    r.signingCertificate = true;
    switch (*outcome) {
    case Outcome::CardExpired: r.validUntil = year_month_day{now - days{75}}; break;
    case Outcome::CardExpiringSoon: r.validUntil = r.certificatesValidUntil = year_month_day{now + days{58}}; break;
    case Outcome::CertificateExpired: r.certificatesValidUntil = year_month_day{now - days{20}}; break;
    case Outcome::SigningCertificateAbsentNormal: r.signingCertificate = false; break;
    case Outcome::AuthCertificateAbsentChild:
        r.documentType = 6;
        r.signingCertificate = false;
        r.certificatesValidUntil.reset();
        break;
    case Outcome::PinTriesUnknown:
        r.applet = eid::CardData::Applet::V11;
        r.pinTriesLeft.reset();
        break;
    case Outcome::PinBlocked: r.pinTriesLeft = 0; break;
    default: break;
    }
    constexpr std::array kOrder{CheckStep::Service, CheckStep::Reader,   CheckStep::Card,         CheckStep::BelgianEid,
                                CheckStep::Applet,  CheckStep::Validity, CheckStep::Certificates, CheckStep::PinTries};
    r.verdict = Outcome::CardValid;
    for (const auto step : kOrder) {
        if (step != where->step) {
            r.steps.push_back({step, passed(step), true});
            continue;
        }
        if (*outcome == Outcome::CardValid || *outcome == Outcome::PinOk) {
            r.steps.push_back({step, passed(step), true});
            break;
        }
        r.steps.push_back({step, *outcome, where->warning});
        r.verdict = *outcome;
        if (!where->warning) break;
    }
    return r;
}

bool showEidSample(KioskFlow& flow, std::string_view s, std::chrono::year_month_day today) {
    const bool pinTest = s.rfind("pin-test:", 0) == 0;
    const bool pinPhase = pinTest || s == "pin-explain" || s == "pin-entry";
    const auto report = eidSampleReport(pinPhase ? "card_valid" : s, today);
    const auto pinCode = pinTest ? eid::outcomeFromCode(s.substr(9)) : std::optional(eid::Outcome::PinRight);
    if (!report || !pinCode) return false;
    flow.deliverEidReport(*report);
    if (!pinPhase) return true;
    flow.apply(intent::EidOfferPinTest{});
    if (s == "pin-explain") return true;
    flow.apply(intent::EidConfirmPinTest{});
    for (const char d : {'1', '2', '3', '4'})
        flow.apply(intent::EidPinDigit{d});
    if (s == "pin-entry") return true;
    flow.apply(intent::EidPinSubmit{});
    (void)flow.takePinTestRequest(); // the sample's PIN goes nowhere
    const eid::Outcome pinOutcome = pinCode.value_or(eid::Outcome::PinRight);
    const int tries = pinOutcome == eid::Outcome::PinWrong ? 2 : pinOutcome == eid::Outcome::PinBlocked ? 0 : 3;
    flow.deliverPinResult({pinOutcome, tries});
    return true;
}

} // namespace dps::kiosk
