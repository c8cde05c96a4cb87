// The tutorials' rules as one visitor meets them: the catalogue's tabs, the player's steps, the
// confirmation before leaving, and the events they make.
#include "kiosk/core/flow/TutorialFlow.h"

#include <algorithm>

namespace dps::kiosk {
namespace {

const std::vector<Tutorial>& noTutorials() {
    static const std::vector<Tutorial> none;
    return none;
}

const std::vector<std::string>& noThemes() {
    static const std::vector<std::string> none;
    return none;
}

} // namespace

TutorialFlow::TutorialFlow() : tutorials_(&noTutorials()), themes_(&noThemes()) {}

TutorialFlow::TutorialFlow(const std::vector<Tutorial>& tutorials, const std::vector<std::string>& themes)
    : tutorials_(&tutorials), themes_(&themes) {}

std::vector<std::string> TutorialFlow::themesOf(const std::vector<Tutorial>& tutorials) {
    std::vector<std::string> themes;
    for (const char* theme : kThemes) {
        for (const auto& t : tutorials) {
            if (t.theme == theme) {
                themes.emplace_back(theme);
                break;
            }
        }
    }
    return themes;
}

void TutorialFlow::apply(const intent::ChooseTheme& i, FlowHost& host) {
    if (host.shown() == Screen::Catalogue && std::find(themes_->begin(), themes_->end(), i.theme) != themes_->end())
        theme_ = i.theme;
}

void TutorialFlow::apply(const intent::NextStep&, FlowHost& host) {
    if (host.shown() == Screen::Player && !confirmingLeave_) nextStep(false, host);
}

void TutorialFlow::apply(const intent::SkipStep&, FlowHost& host) {
    if (host.shown() == Screen::Player && !confirmingLeave_) nextStep(true, host);
}

void TutorialFlow::apply(const intent::PreviousStep&, FlowHost& host) {
    if (host.shown() == Screen::Player && run_ && !confirmingLeave_) run_->back();
}

void TutorialFlow::apply(const intent::ShowHint&, FlowHost& host) {
    if (host.shown() == Screen::Player && run_) run_->showHint();
}

void TutorialFlow::apply(const intent::LeaveTutorial&, FlowHost& host) {
    // Leaving on the first step, before any effort, needs no confirmation.
    if (host.shown() == Screen::Player && run_) {
        if (run_->stepIndex() == 0 && !run_->exercise())
            leave(Screen::Catalogue, host);
        else
            confirmingLeave_ = true;
    }
}

void TutorialFlow::apply(const intent::ConfirmLeave&, FlowHost& host) {
    if (host.shown() == Screen::Player && confirmingLeave_) leave(Screen::Catalogue, host);
}

void TutorialFlow::apply(const intent::CancelLeave&, FlowHost&) { confirmingLeave_ = false; }

const Tutorial* TutorialFlow::byId(const std::string& id) const {
    const auto it = std::find_if(tutorials_->begin(), tutorials_->end(), [&](const Tutorial& t) { return t.id == id; });
    return it == tutorials_->end() ? nullptr : &*it;
}

void TutorialFlow::open(const std::string& id, const std::string& language, const std::string& fallback,
                        FlowHost& host) {
    const Tutorial* t = byId(id);
    if (!t) return;
    run_.emplace(*t, language, fallback);
    theme_ = t->theme;
    confirmingLeave_ = false;
    record(VisitEvent::Kind::TutorialStarted, 1, host);
    record(VisitEvent::Kind::StepReached, 1, host);
    host.show(Screen::Player);
}

void TutorialFlow::stop(bool onPlayer, FlowHost& host) {
    if (run_ && onPlayer) record(VisitEvent::Kind::TutorialAbandoned, static_cast<int>(run_->stepIndex()) + 1, host);
    run_.reset();
}

void TutorialFlow::setLanguage(const std::string& language) {
    if (run_) run_->setLanguage(language);
}

void TutorialFlow::nextStep(bool skip, FlowHost& host) {
    if (!run_ || (!skip && !run_->canGoNext())) return;
    if (run_->onLastStep()) {
        record(VisitEvent::Kind::TutorialCompleted, static_cast<int>(run_->stepCount()), host);
        if (finished_.insert(run_->tutorial().id).second) completed_.push_back(run_->tutorial().id);
        host.show(Screen::TutorialEnd);
    } else {
        run_->skipTo(run_->stepIndex() + 1);
        record(VisitEvent::Kind::StepReached, static_cast<int>(run_->stepIndex()) + 1, host);
    }
}

void TutorialFlow::leave(Screen next, FlowHost& host) {
    stop(host.shown() == Screen::Player, host);
    confirmingLeave_ = false;
    host.show(next);
}

void TutorialFlow::record(VisitEvent::Kind kind, int step, FlowHost& host) {
    if (!run_) return;
    const Tutorial& t = run_->tutorial();
    host.record(VisitEvent{kind, t.id, t.version, step, {}});
}

const std::string& TutorialFlow::catalogueTheme() const {
    static const std::string kNone;
    if (!theme_.empty()) return theme_;
    return themes_->empty() ? kNone : themes_->front();
}

const Tutorial* TutorialFlow::suggestion() const {
    if (!run_ || run_->tutorial().next.empty()) return nullptr;
    return byId(run_->tutorial().next);
}

} // namespace dps::kiosk
