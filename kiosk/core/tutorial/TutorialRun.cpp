#include "kiosk/core/tutorial/TutorialRun.h"

namespace dps::kiosk {

TutorialRun::TutorialRun(const Tutorial& tutorial, std::string language, std::string fallback)
    : tutorial_(&tutorial), language_(std::move(language)), fallback_(std::move(fallback)) {
    exercises_.resize(tutorial.steps.size());
    if (!tutorial.steps.empty() && tutorial.steps[0].exercise) {
        exercises_[0].emplace(*tutorial.steps[0].exercise, language_, fallback_);
    }
}

ExerciseRun* TutorialRun::exercise() { return exercises_[step_] ? &*exercises_[step_] : nullptr; }
const ExerciseRun* TutorialRun::exercise() const { return exercises_[step_] ? &*exercises_[step_] : nullptr; }

bool TutorialRun::canGoNext() const {
    const ExerciseRun* e = exercise();
    return !e || e->done() || e->wayOn();
}

bool TutorialRun::next() {
    if (!canGoNext() || onLastStep()) return false;
    ++step_;
    hintShown_ = false;
    if (!exercises_[step_] && step().exercise) exercises_[step_].emplace(*step().exercise, language_, fallback_);
    return true;
}

void TutorialRun::skipTo(std::size_t step) {
    if (step >= stepCount()) return;
    step_ = step;
    hintShown_ = false;
    if (!exercises_[step_] && this->step().exercise)
        exercises_[step_].emplace(*this->step().exercise, language_, fallback_);
}

void TutorialRun::setLanguage(std::string language) {
    language_ = std::move(language);
    for (std::size_t s = 0; s < exercises_.size(); ++s) {
        if (exercises_[s] && !exercises_[s]->done())
            exercises_[s].emplace(*tutorial_->steps[s].exercise, language_, fallback_);
    }
}

bool TutorialRun::back() {
    if (!canGoBack()) return false;
    --step_;
    hintShown_ = false;
    return true;
}

} // namespace dps::kiosk
