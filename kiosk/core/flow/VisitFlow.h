#pragma once
#include "kiosk/core/Intent.h"
#include "kiosk/core/flow/FlowHost.h"

#include <string>
#include <type_traits>

namespace dps::kiosk {

// What the visitor's way through the kiosk asks of the flow around it besides FlowHost's: the
// visit's start and end, and the tutorials and e-ID screen it leads to, which are sub-flows of
// the visit the router keeps.
class VisitHost : public virtual FlowHost {
public:
    virtual void startVisit() = 0;
    // Finish: the end questions, a guided session's summary, or the thank-you.
    virtual void finishVisit() = 0;
    // The thank-you is over: the next visitor finds the kiosk as new.
    virtual void backToWelcome() = 0;
    [[nodiscard]] virtual bool hasTutorials() const = 0;
    // The tutorial the e-ID screen suggests is this one, and it is loaded.
    [[nodiscard]] virtual bool isEidTutorial(const std::string& id) const = 0;
    // The tutorial shown goes (not recorded as abandoned: the visitor is not on its Player).
    virtual void closeTutorial() = 0;
    virtual void openTutorial(const std::string& id) = 0;
    // A fresh e-ID screen: nothing of the last card, nor of a PIN, is kept.
    virtual void resetEid() = 0;
};

// The visitor's way through the kiosk: Welcome opens a visit, Home leads to the tutorials and the
// e-ID screen and back, Finish asks first (issue 18), then ends the visit, and the thank-you leads
// back to Welcome. Part of the visit (a fresh one each visit); the visit itself, its language and
// display choices and its timeouts are the router's, shared by every screen.
class VisitFlow {
public:
    // The intents this sub-flow owns; KioskFlow routes them here (each checks its own screen).
    template <class I>
    static constexpr bool owns = std::is_same_v<I, intent::StartVisit> || std::is_same_v<I, intent::AskFinishVisit> ||
                                 std::is_same_v<I, intent::CancelFinish> || std::is_same_v<I, intent::FinishVisit> ||
                                 std::is_same_v<I, intent::BackToWelcome> || std::is_same_v<I, intent::OpenCatalogue> ||
                                 std::is_same_v<I, intent::OpenEidCheck> || std::is_same_v<I, intent::OpenTutorial> ||
                                 std::is_same_v<I, intent::BackToHome>;

    // Each ends with its call to the host: ending or starting a visit replaces this flow.
    void apply(const intent::StartVisit&, VisitHost& host);
    void apply(const intent::AskFinishVisit&, VisitHost& host);
    void apply(const intent::CancelFinish&, VisitHost& host);
    void apply(const intent::FinishVisit&, VisitHost& host);
    void apply(const intent::BackToWelcome&, VisitHost& host);
    void apply(const intent::OpenCatalogue&, VisitHost& host);
    void apply(const intent::OpenEidCheck&, VisitHost& host);
    void apply(const intent::OpenTutorial& i, VisitHost& host);
    void apply(const intent::BackToHome&, VisitHost& host);
    // Another screen shows: the question on Home is dropped, except under "Are you still there?".
    void shown(Screen s);

    // Home asks "End your visit?" after a tap on Finish.
    [[nodiscard]] bool confirmingFinish() const { return confirmingFinish_; }

private:
    bool confirmingFinish_ = false;
};

} // namespace dps::kiosk
