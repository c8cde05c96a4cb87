// The e-ID screen's rules: the check's reports as they come, the optional PIN test, and what the
// screen asks the app's card watcher to do.
#include "kiosk/core/flow/EidFlow.h"
#include "kiosk/core/eid/WebsiteLogin.h"

#include <utility>

namespace dps::kiosk {

bool EidFlow::canTestPin() const {
    return pinTestOffered_ && report_ && report_->cardWorks() && report_->pinTestPossible();
}

bool EidFlow::offersTutorial() const {
    if (phase_ == EidPhase::PinResult) return pinResult_ && pinResult_->outcome == eid::Outcome::PinRight;
    return phase_ == EidPhase::Checking && report_ && report_->cardWorks() &&
           report_->verdict != eid::Outcome::AuthCertificateAbsentChild;
}

bool EidFlow::canLogInOnWebsite() const {
    if (phase_ == EidPhase::PinResult) return pinResult_ && pinResult_->outcome == eid::Outcome::PinRight;
    return phase_ == EidPhase::Checking && report_ && eid::canLogIn(eid::websiteLogin(*report_));
}

void EidFlow::apply(const intent::EidCheckAgain&, const std::string&) {
    if (phase_ == EidPhase::Checking || phase_ == EidPhase::PinResult) {
        phase_ = EidPhase::Checking;
        pinResult_.reset();
        recheck_ = true;
    }
}

void EidFlow::apply(const intent::EidOfferPinTest&, const std::string&) {
    if (phase_ == EidPhase::Checking && canTestPin()) phase_ = EidPhase::PinExplain;
}

void EidFlow::apply(const intent::EidConfirmPinTest&, const std::string& language) {
    if (phase_ != EidPhase::PinExplain || !canTestPin()) return;
    if (report_->pinpad) {
        // The reader's keypad takes the PIN: it never passes through the computer.
        pinRequest_.emplace(PinTestRequest{std::nullopt, report_->readerName, language});
        phase_ = EidPhase::PinTesting;
    } else {
        phase_ = EidPhase::PinEntry;
    }
}

void EidFlow::apply(const intent::EidCancelPinTest&, const std::string&) {
    if (phase_ == EidPhase::PinExplain || phase_ == EidPhase::PinEntry) {
        pin_.clear();
        phase_ = EidPhase::Checking;
    }
}

void EidFlow::apply(const intent::EidPinDigit& i, const std::string&) {
    if (phase_ == EidPhase::PinEntry) pin_.add(i.digit);
}

void EidFlow::apply(const intent::EidPinErase&, const std::string&) {
    if (phase_ == EidPhase::PinEntry) pin_.eraseLast();
}

void EidFlow::apply(const intent::EidPinSubmit&, const std::string& language) {
    if (phase_ != EidPhase::PinEntry || !pin_.complete() || !canTestPin()) return;
    pinRequest_.emplace();
    pinRequest_->block = pin_.take();
    pinRequest_->reader = report_->readerName;
    pinRequest_->language = language;
    phase_ = EidPhase::PinTesting;
}

bool EidFlow::deliverReport(const eid::CheckReport& report) {
    // "Leave the card in until the check is finished" stays until a card is back in the reader.
    if (report_ && report_->verdict == eid::Outcome::CardRemoved && report.verdict == eid::Outcome::CardMissing)
        return false;
    const bool changed = !report_ || report_->verdict != report.verdict;
    report_ = report;
    // The card went away (or stopped working) before the PIN was typed: nothing typed stays.
    if ((phase_ == EidPhase::PinExplain || phase_ == EidPhase::PinEntry) && !report.pinTestPossible()) {
        pin_.clear();
        phase_ = EidPhase::Checking;
    }
    return changed;
}

bool EidFlow::deliverPinResult(const eid::PinTestResult& result) {
    if (phase_ != EidPhase::PinTesting) return false;
    pinResult_ = result;
    phase_ = EidPhase::PinResult;
    return true;
}

std::optional<PinTestRequest> EidFlow::takePinTestRequest() {
    std::optional<PinTestRequest> r;
    if (pinRequest_) {
        r.emplace(std::move(*pinRequest_));
        pinRequest_.reset();
    }
    return r;
}

bool EidFlow::takeRecheckRequest() { return std::exchange(recheck_, false); }

} // namespace dps::kiosk
