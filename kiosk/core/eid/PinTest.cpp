#include "kiosk/core/eid/PinTest.h"

#include "kiosk/core/eid/CardLoss.h"
#include "kiosk/core/eid/Pinpad.h"

namespace dps::kiosk::eid {
namespace {

PinTestResult fromStatus(std::uint16_t sw) {
    if (sw == pinpad::kTimeout || sw == pinpad::kCancelled) return {Outcome::PinEntryCancelled, std::nullopt};
    const Status s = classify(sw);
    switch (s.kind) {
    case Status::Kind::Ok: return {Outcome::PinRight, 3}; // a right PIN resets the counter
    case Status::Kind::WrongPin: return {Outcome::PinWrong, s.triesLeft};
    case Status::Kind::PinBlocked: return {Outcome::PinBlocked, 0};
    default: return {Outcome::CardReadError, std::nullopt};
    }
}

} // namespace

PinTestResult runPinTest(SmartCardService& service, const std::string& reader, const PinBlock* block,
                         std::string_view language) {
    CardError error = CardError::None;
    auto card = service.connect(reader, error);
    if (!card) return {outcomeOf(error, Outcome::CardReadError), std::nullopt};
    const auto lost = [&] { return PinTestResult{explainLoss(service, reader, card->lastError()), std::nullopt}; };
    const auto selected = card->transmit(command::selectApplet());
    if (!selected || selected->empty()) return lost();
    const auto selection = parseResponse(*selected);
    if (!selection) return {Outcome::CardReadError, std::nullopt};
    if (!selection->ok()) return {Outcome::NotBelgianEid, std::nullopt};

    std::optional<Bytes> answer;
    if (block) {
        const Bytes verify = command::verifyPin(*block); // wiped when it goes
        answer = card->transmit(verify);
    } else {
        if (!card->hasPinpad()) return {Outcome::PinEntryCancelled, std::nullopt};
        answer = card->verifyOnPinpad(command::verifyPinTemplate(), language);
    }
    if (!answer || answer->empty()) return lost();
    const auto response = parseResponse(*answer);
    if (!response) return {Outcome::CardReadError, std::nullopt};
    const PinTestResult result = fromStatus(response->sw);
    // The PIN's security state must not outlive the test, whatever it gave.
    (void)card->transmit(command::logOff());
    return result;
}

} // namespace dps::kiosk::eid
