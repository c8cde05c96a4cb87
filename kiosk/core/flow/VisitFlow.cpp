// The visitor's way through the kiosk: from Welcome to Home, from Home to the tutorials and the
// e-ID screen and back, and Finish.
#include "kiosk/core/flow/VisitFlow.h"

namespace dps::kiosk {

void VisitFlow::apply(const intent::StartVisit&, VisitHost& host) {
    if (host.shown() == Screen::Welcome && !host.closedNow()) host.startVisit();
}

void VisitFlow::apply(const intent::AskFinishVisit&, VisitHost& host) {
    // A tap on Finish by mistake would end the visit at once (issue 18): it asks first.
    if (host.visitOpen() && host.shown() == Screen::Home) confirmingFinish_ = true;
}

void VisitFlow::apply(const intent::CancelFinish&, VisitHost&) { confirmingFinish_ = false; }

void VisitFlow::apply(const intent::FinishVisit&, VisitHost& host) {
    confirmingFinish_ = false;
    const Screen s = host.shown();
    if (host.visitOpen() && (s == Screen::Home || s == Screen::ClosingSoon)) host.finishVisit();
}

void VisitFlow::apply(const intent::BackToWelcome&, VisitHost& host) {
    // The thank-you, or "Your session is erased" once the visit has ended.
    const Screen s = host.shown();
    if (s == Screen::Finish || (s == Screen::FreeUseErased && !host.visitOpen())) host.backToWelcome();
}

void VisitFlow::apply(const intent::OpenCatalogue&, VisitHost& host) {
    const Screen s = host.shown();
    if ((s == Screen::Home || s == Screen::TutorialEnd) && host.hasTutorials()) {
        host.closeTutorial();
        host.show(Screen::Catalogue);
    }
}

void VisitFlow::apply(const intent::OpenEidCheck&, VisitHost& host) {
    if (host.shown() == Screen::Home) {
        host.resetEid();
        host.show(Screen::EidCheck);
    }
}

void VisitFlow::apply(const intent::OpenTutorial& i, VisitHost& host) {
    const Screen s = host.shown();
    if (s == Screen::Catalogue || s == Screen::TutorialEnd || (s == Screen::EidCheck && host.isEidTutorial(i.id))) {
        host.resetEid();
        host.openTutorial(i.id);
    }
}

void VisitFlow::apply(const intent::BackToHome&, VisitHost& host) {
    const Screen s = host.shown();
    if (s == Screen::Catalogue || s == Screen::TutorialEnd || s == Screen::EidCheck || s == Screen::FreeUseIntro) {
        host.closeTutorial();
        host.resetEid();
        host.show(Screen::Home);
    }
}

void VisitFlow::shown(Screen s) {
    if (s != Screen::Home && s != Screen::StillThere) confirmingFinish_ = false;
}

} // namespace dps::kiosk
