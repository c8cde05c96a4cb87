#include "EidMessages.h"

#include "dps/i18n/Catalog.h"

namespace dps::kiosk {

using i18n::N_;

EidMessage eidMessage(eid::Outcome o) {
    using eid::Outcome;
    switch (o) {
    case Outcome::ServiceUnavailable:
        return {N_("The card service of this computer is not working."), N_("Please ask a facilitator.")};
    case Outcome::ReaderMissing:
        return {N_("No card reader is connected."), N_("Plug the card reader into a USB port of the computer.")};
    case Outcome::CardMissing:
        return {N_("There is no card in the reader."), N_("Put your identity card in the reader.")};
    case Outcome::CardMute:
        return {N_("The card does not answer."),
                N_("Turn the card: chip up, chip first. If it still does not work, clean the chip gently.")};
    case Outcome::NotBelgianEid:
        return {N_("This is not a Belgian identity card."), N_("Put your Belgian identity card in the reader.")};
    case Outcome::CardNotPersonalised:
        return {N_("This card has not been activated yet."), N_("Ask your municipality to activate it.")};
    case Outcome::CardRemoved:
        return {N_("The card was taken out during the check."), N_("Leave the card in until the check is finished.")};
    case Outcome::CardReadError:
        return {N_("The card could not be read."), N_("Take the card out, put it back, and try again.")};
    case Outcome::ClockWrong:
        return {N_("The date of this computer is wrong, so the card cannot be checked."),
                N_("Please ask a facilitator.")};
    case Outcome::CardExpired: return {N_("Your card has expired."), N_("Ask your municipality for a new card.")};
    case Outcome::CardExpiringSoon:
        return {N_("Your card expires in less than three months."), N_("Ask your municipality for a new card now.")};
    case Outcome::CardNotYetValid:
        return {N_("Your card is not valid yet."), N_("Wait until the date written on the card.")};
    case Outcome::CardValid: return {N_("Your card is valid."), N_("You can use it to log in to public services.")};
    case Outcome::CertificateMissing:
        return {N_("A certificate is missing from your card."), N_("Ask your municipality: the card must be renewed.")};
    case Outcome::SigningCertificateAbsentNormal:
        return {N_("This card cannot sign documents. That is normal for a child's card."), N_("Nothing to do.")};
    case Outcome::CertificateExpired:
        return {N_("The certificates on your card have expired."), N_("Ask your municipality to renew them.")};
    case Outcome::CertificateChainInvalid:
        return {N_("The certificates on your card could not be verified."), N_("Please ask a facilitator.")};
    case Outcome::PinTriesUnknown:
        return {N_("This older card cannot tell how many PIN tries are left without using one."),
                N_("Test your PIN only if you are sure of it.")};
    case Outcome::PinOk: return {N_("Your PIN is not blocked."), N_("You can test it if you want.")};
    case Outcome::PinWrong:
        return {N_("The PIN was wrong."), N_("Be careful: after three wrong PINs the card is blocked.")};
    case Outcome::PinBlocked:
        return {N_("Your PIN is blocked."),
                N_("Go to your municipality with the letter that has your PUK code to unblock it.")};
    }
    return {"", ""};
}

const char* eidStepName(eid::CheckStep step) {
    using eid::CheckStep;
    switch (step) {
    case CheckStep::Service: return N_("Card service");
    case CheckStep::Reader: return N_("Card reader");
    case CheckStep::Card: return N_("Card in the reader");
    case CheckStep::BelgianEid: return N_("Belgian identity card");
    case CheckStep::Applet: return N_("Card type");
    case CheckStep::Validity: return N_("Validity");
    case CheckStep::Certificates: return N_("Certificates");
    case CheckStep::PinTries: return N_("PIN");
    }
    return "";
}

} // namespace dps::kiosk
