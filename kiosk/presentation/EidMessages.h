#pragma once
#include "kiosk/core/eid/CardCheck.h"
#include "kiosk/core/eid/PinTest.h"
#include "kiosk/core/eid/WebsiteLogin.h"

#include <chrono>
#include <string>

namespace dps::i18n {
class Translator;
}

namespace dps::kiosk {

// Whether the visitor should get a facilitator rather than fix it alone.
enum class AskFacilitator { No, Yes, IfItHappensAgain };

// What each e-ID outcome means for the visitor, in plain words (msgids; "{}" is a date where
// there is one), the picture that says it without words (assets/eid/pictures/NAME.png), and
// whether to ask a facilitator.
struct EidMessage {
    const char* what;
    const char* todo;
    const char* picture;
    AskFacilitator facilitator = AskFacilitator::No;
};
EidMessage eidMessage(eid::Outcome outcome);
const char* eidStepName(eid::CheckStep step);

// The sentences for a whole check, translated, dates filled in: "Your card works." when it does.
struct EidVerdict {
    std::string what, todo;
    const char* picture = "";
    AskFacilitator facilitator = AskFacilitator::No;
};
EidVerdict eidVerdict(const eid::CheckReport& report, const i18n::Translator& t);
EidVerdict pinVerdict(const eid::PinTestResult& result, const i18n::Translator& t);
// A step's line after its name: what was found ("valid until 12 March 2031"), or the problem.
std::string eidStepDetail(const eid::StepResult& step, const eid::CheckReport& report, const i18n::Translator& t);
// "12 March 2031", "12 mars 2031", "12 maart 2031".
std::string longDate(std::chrono::year_month_day date, const i18n::Translator& t);
// Why this card cannot log in to a website in the session's browser, or what to know before it
// does (an applet 1.7 card), translated; "" when there is nothing to say (docs/eid-pkcs11.md).
std::string websiteLoginNote(eid::WebsiteLogin w, const i18n::Translator& t);
// The text read aloud, and the facilitator line under a verdict.
std::string facilitatorLine(AskFacilitator a, const i18n::Translator& t);

} // namespace dps::kiosk
