#include "kiosk/presentation/EidMessages.h"

#include "dps/i18n/Catalog.h"

#include <array>
#include <fmt/core.h>

namespace dps::kiosk {

using eid::Outcome;
using i18n::N_;

EidMessage eidMessage(Outcome o) {
    constexpr auto Yes = AskFacilitator::Yes;
    switch (o) {
    case Outcome::ServiceUnavailable:
        return {N_("The card service of this computer is not working."),
                N_("It is not your card: the computer needs fixing."), "ask-facilitator", Yes};
    case Outcome::ReaderMissing:
        return {N_("No card reader is connected."), N_("Plug the card reader into a USB port of the computer."),
                "plug-reader"};
    case Outcome::CardMissing:
        return {N_("There is no card in the reader."), N_("Put your identity card in the reader, chip first."),
                "insert-card"};
    case Outcome::CardMute:
        return {N_("The card does not answer."),
                N_("Turn the card: chip up, chip first. If it still does not work, clean the chip gently."),
                "turn-card"};
    case Outcome::NotBelgianEid:
        return {N_("This is not a Belgian identity card."), N_("Put your Belgian identity card in the reader."),
                "not-eid"};
    case Outcome::CardNotPersonalised:
        return {N_("This card has not been activated yet."), N_("Ask your municipality to activate it."),
                "card-expired"};
    case Outcome::CardRemoved:
        return {N_("The card was taken out during the check."),
                N_("Leave the card in until the check is finished. The check starts again by itself."), "keep-card-in"};
    case Outcome::CardReadError:
        return {N_("The card could not be read."), N_("Take the card out, put it back, and try again."),
                "card-read-error", AskFacilitator::IfItHappensAgain};
    case Outcome::ClockWrong:
        return {N_("The date of this computer is wrong, so the card cannot be checked."),
                N_("It is not your card: the computer's clock needs fixing."), "clock-wrong", Yes};
    case Outcome::CardExpired:
        return {N_("Your card expired on {}."), N_("Ask your municipality for a new card."), "card-expired"};
    case Outcome::CardExpiringSoon:
        return {N_("Your card works, but it expires on {}: in less than three months."),
                N_("Ask your municipality for a new card now."), "card-expiring-soon"};
    case Outcome::CardNotYetValid:
        return {N_("Your card is not valid yet."), N_("Wait until the date written on the card."),
                "card-expiring-soon"};
    case Outcome::CardValid:
        return {N_("Your card works."), N_("You can use it to log in to public services."), "card-works"};
    case Outcome::CertificateMissing:
        return {N_("A certificate is missing from your card."), N_("Ask your municipality: the card must be renewed."),
                "card-expired"};
    case Outcome::SigningCertificateAbsentNormal:
        return {N_("Your card works. It cannot sign documents: that is normal for the card of a child or a "
                   "teenager."),
                N_("You can use it to log in to public services."), "card-works"};
    case Outcome::AuthCertificateAbsentChild:
        return {N_("This child's card cannot be used to log in yet. That is normal for a young child."),
                N_("Nothing to do."), "card-works"};
    case Outcome::CertificateExpired:
        return {N_("The certificates on your card expired on {}."), N_("Ask your municipality to renew them."),
                "card-expired"};
    case Outcome::CertificateChainInvalid:
        return {N_("The certificates on your card could not be verified."),
                N_("This may not be a real Belgian card, or this computer's list of Belgian certificates is old."),
                "ask-facilitator", Yes};
    case Outcome::PinTriesUnknown:
        return {N_("Your card works."), N_("You can use it to log in to public services."), "card-works"};
    case Outcome::PinOk:
        return {N_("Your card works."), N_("You can use it to log in to public services."), "card-works"};
    case Outcome::PinRight:
        return {N_("Your PIN is right."), N_("You can use your card and your PIN to log in to public services."),
                "pin-right"};
    case Outcome::PinWrong:
        return {N_("The PIN was wrong."), N_("Be careful: after three wrong PINs in a row the card is blocked."),
                "pin-keypad"};
    case Outcome::PinBlocked:
        return {N_("Your PIN is blocked."),
                N_("Go to your municipality with the letter that has your PUK code to unblock it."), "pin-blocked"};
    case Outcome::PinEntryCancelled:
        return {N_("No PIN was typed on the card reader."), N_("You can try again when you are ready."), "pin-keypad"};
    }
    return {"", "", ""};
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

std::string longDate(std::chrono::year_month_day d, const i18n::Translator& t) {
    static constexpr std::array<const char*, 12> kMonths{
        N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
        N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};
    const auto m = static_cast<unsigned>(d.month());
    if (!d.ok() || m < 1 || m > 12) return "?";
    return fmt::format("{} {} {}", static_cast<unsigned>(d.day()), t.tr(kMonths[m - 1]), static_cast<int>(d.year()));
}

namespace {

std::string dated(const char* msgid, const std::optional<std::chrono::year_month_day>& date,
                  const i18n::Translator& t) {
    return t.trWith(msgid, date ? longDate(*date, t) : std::string("?"));
}

const char* appletName(eid::CardData::Applet a) {
    switch (a) {
    case eid::CardData::Applet::V11: return "1.1";
    case eid::CardData::Applet::V17: return "1.7";
    case eid::CardData::Applet::V18: return "1.8";
    case eid::CardData::Applet::Unknown: break;
    }
    return "?";
}

// What happened, in a sentence; the sentences that name a date get the card's.
std::string whatHappened(Outcome o, const eid::CheckReport& r, const i18n::Translator& t) {
    const char* what = eidMessage(o).what;
    if (o == Outcome::CardExpired || o == Outcome::CardExpiringSoon) return dated(what, r.validUntil, t);
    if (o == Outcome::CertificateExpired) return dated(what, r.certificatesValidUntil, t);
    return t.tr(what);
}

} // namespace

EidVerdict eidVerdict(const eid::CheckReport& r, const i18n::Translator& t) {
    const EidMessage m = eidMessage(r.verdict);
    return {whatHappened(r.verdict, r, t), t.tr(m.todo), m.picture, m.facilitator};
}

std::string websiteLoginNote(eid::WebsiteLogin w, const i18n::Translator& t) {
    using eid::WebsiteLogin;
    switch (w) {
    case WebsiteLogin::OnTls12Only:
        return t.tr(N_("Your card is an older model: it logs in to most websites from this computer, but a few "
                       "recent ones refuse it."));
    case WebsiteLogin::NoCertificate:
        return t.tr(N_("This card has no certificate to log in: it cannot be used on websites."));
    case WebsiteLogin::AppletTooOld:
        return t.tr(N_("But not from this computer: its browser cannot use a card this old to log in to websites."));
    case WebsiteLogin::PinBlocked: return t.tr(N_("With its PIN blocked, this card cannot log in to websites."));
    case WebsiteLogin::Possible:
    case WebsiteLogin::CardDoesNotWork: break;
    }
    return {};
}

EidVerdict pinVerdict(const eid::PinTestResult& r, const i18n::Translator& t) {
    const EidMessage m = eidMessage(r.outcome);
    EidVerdict v{t.tr(m.what), t.tr(m.todo), m.picture, m.facilitator};
    if (r.outcome == Outcome::PinWrong && r.triesLeft) {
        v.what += " " + t.trCount("You have {} try left.", "You have {} tries left.", *r.triesLeft);
        if (*r.triesLeft == 1)
            v.todo = t.tr(N_("Do not try again unless you are sure: one more wrong PIN blocks the card."));
    }
    return v;
}

std::string eidStepDetail(const eid::StepResult& s, const eid::CheckReport& r, const i18n::Translator& t) {
    using eid::CheckStep;
    if (!s.ok) return whatHappened(s.outcome, r, t);
    switch (s.step) {
    case CheckStep::Reader:
        if (r.readerName.empty()) return {};
        return r.pinpad ? t.trWith(N_("{} (with its own keypad)"), r.readerName) : r.readerName;
    case CheckStep::Applet: {
        const bool kids = r.documentType && eid::isKidsId(*r.documentType);
        const bool foreigner = r.documentType && eid::isForeignerCard(*r.documentType);
        // A kids foreigner card (61-69) is both: its name is the residence card's.
        const char* kind = foreigner ? N_("residence card") : kids ? N_("Kids-ID") : N_("e-ID");
        return fmt::format("{} · {} {}", t.tr(kind), t.tr(N_("version")), appletName(r.applet));
    }
    case CheckStep::Validity:
        if (s.outcome == Outcome::CardExpiringSoon) return dated(N_("expires on {}"), r.validUntil, t);
        return dated(N_("valid until {}"), r.validUntil, t);
    case CheckStep::Certificates: {
        std::string d = r.certificatesValidUntil ? dated(N_("valid until {}"), r.certificatesValidUntil, t) : "";
        if (s.outcome == Outcome::SigningCertificateAbsentNormal)
            d += std::string(d.empty() ? "" : " · ") + t.tr(N_("no signing certificate"));
        if (s.outcome == Outcome::AuthCertificateAbsentChild) d = t.tr(N_("none yet (a young child's card)"));
        return d;
    }
    case CheckStep::PinTries:
        if (!r.pinTriesLeft) return t.tr(N_("tries left unknown on this older card"));
        return t.trCount("not blocked, {} try left", "not blocked, {} tries left", *r.pinTriesLeft);
    default: return {};
    }
}

std::string facilitatorLine(AskFacilitator a, const i18n::Translator& t) {
    switch (a) {
    case AskFacilitator::Yes: return t.tr(N_("Please ask a facilitator."));
    case AskFacilitator::IfItHappensAgain: return t.tr(N_("If it happens again, ask a facilitator."));
    case AskFacilitator::No: break;
    }
    return {};
}

} // namespace dps::kiosk
