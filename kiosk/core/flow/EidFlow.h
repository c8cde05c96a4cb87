#pragma once
#include "kiosk/core/Intent.h"
#include "kiosk/core/eid/CardCheck.h"
#include "kiosk/core/eid/PinEntry.h"
#include "kiosk/core/eid/PinTest.h"

#include <optional>
#include <string>

namespace dps::kiosk {

// Where the e-ID screen is: the check itself (watched live), or the optional PIN test.
enum class EidPhase { Checking, PinExplain, PinEntry, PinTesting, PinResult };

// A PIN test for the app's card watcher to run: the block typed on screen, or none when the
// reader's own keypad takes the PIN.
struct PinTestRequest {
    std::optional<eid::PinBlock> block;
    std::string reader;
    std::string language;
};

// The e-ID screen of one visitor: the check's latest report, the optional PIN test and what the
// screen asks the app's card watcher to do. A fresh one each time the screen opens, so nothing
// of one card (or one PIN) is left for the next. It records nothing itself: KioskFlow writes the
// verdicts it reports as new into the visit.
class EidFlow {
public:
    // The intents this sub-flow owns; KioskFlow routes them here while the e-ID screen shows.
    template <class I>
    static constexpr bool owns =
        std::is_same_v<I, intent::EidCheckAgain> || std::is_same_v<I, intent::EidOfferPinTest> ||
        std::is_same_v<I, intent::EidConfirmPinTest> || std::is_same_v<I, intent::EidCancelPinTest> ||
        std::is_same_v<I, intent::EidPinDigit> || std::is_same_v<I, intent::EidPinErase> ||
        std::is_same_v<I, intent::EidPinSubmit>;

    // pinTestOffered: the configuration lets the screen offer the PIN test at all.
    EidFlow() = default;
    explicit EidFlow(bool pinTestOffered) : pinTestOffered_(pinTestOffered) {}

    // language: the visitor's, for the messages of the reader's own keypad.
    void apply(const intent::EidCheckAgain&, const std::string&);
    void apply(const intent::EidOfferPinTest&, const std::string&);
    void apply(const intent::EidConfirmPinTest&, const std::string& language);
    void apply(const intent::EidCancelPinTest&, const std::string&);
    void apply(const intent::EidPinDigit& i, const std::string&);
    void apply(const intent::EidPinErase&, const std::string&);
    void apply(const intent::EidPinSubmit&, const std::string& language);

    // A report from the card watcher. Returns true when its verdict is new (to be recorded).
    bool deliverReport(const eid::CheckReport& report);
    // The PIN test's result; false when no test was under way (dropped).
    bool deliverPinResult(const eid::PinTestResult& result);
    // What the screen asked the card watcher to do, taken once.
    std::optional<PinTestRequest> takePinTestRequest();
    bool takeRecheckRequest();

    [[nodiscard]] const std::optional<eid::CheckReport>& report() const { return report_; }
    [[nodiscard]] EidPhase phase() const { return phase_; }
    // Digits typed so far on the PIN keypad (their number only: the digits stay here).
    [[nodiscard]] std::size_t pinDigits() const { return pin_.size(); }
    [[nodiscard]] bool pinComplete() const { return pin_.complete(); }
    [[nodiscard]] const std::optional<eid::PinTestResult>& pinResult() const { return pinResult_; }

    // The rule for "Test my PIN": offered by the configuration, and a card that works whose PIN
    // is not known to be blocked.
    [[nodiscard]] bool canTestPin() const;
    // The rule for "Learn to log in with the e-ID" (when that tutorial is loaded): a card that
    // works and can log in (a child's card has no authentication certificate), or a PIN just
    // found right.
    [[nodiscard]] bool offersTutorial() const;
    // The rule for "Use my card on a website now": a card that works and can log in in the
    // session's browser (eid::websiteLogin: not an applet 1.1 card, not a Kids-ID without the
    // certificate, its PIN not known to be blocked), or a PIN the PIN test found right.
    [[nodiscard]] bool canLogInOnWebsite() const;

private:
    bool pinTestOffered_ = false;
    std::optional<eid::CheckReport> report_;
    EidPhase phase_ = EidPhase::Checking;
    eid::PinEntry pin_;
    std::optional<PinTestRequest> pinRequest_;
    std::optional<eid::PinTestResult> pinResult_;
    bool recheck_ = false;
};

} // namespace dps::kiosk
