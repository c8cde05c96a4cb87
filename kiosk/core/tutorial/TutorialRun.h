#pragma once
#include "kiosk/core/tutorial/Tutorial.h"
#include "kiosk/core/tutorial/exercise/ExerciseRun.h"

#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk {

// One visitor going through one tutorial: which step, the state of each step's exercise, the
// hint. Next is allowed when the step has no exercise, when it is done, or when the visitor has
// failed often enough to be offered the way on.
class TutorialRun {
public:
    TutorialRun(const Tutorial& tutorial, std::string language, std::string fallback);

    [[nodiscard]] const Tutorial& tutorial() const { return *tutorial_; }
    [[nodiscard]] const std::string& language() const { return language_; }
    [[nodiscard]] const std::string& fallback() const { return fallback_; }
    [[nodiscard]] std::size_t stepIndex() const { return step_; }
    [[nodiscard]] std::size_t stepCount() const { return tutorial_->steps.size(); }
    [[nodiscard]] const TutorialStep& step() const { return tutorial_->steps[step_]; }
    // The current step's exercise, or nullptr.
    [[nodiscard]] ExerciseRun* exercise();
    [[nodiscard]] const ExerciseRun* exercise() const;
    [[nodiscard]] bool canGoNext() const;
    [[nodiscard]] bool canGoBack() const { return step_ > 0; }
    [[nodiscard]] bool hintShown() const { return hintShown_; }
    [[nodiscard]] bool onLastStep() const { return step_ + 1 == stepCount(); }

    // Both return true when the step changed.
    bool next();
    bool back();
    void showHint() { hintShown_ = true; }
    // Moves to any step, done or not: for a facilitator skipping ahead, and for pictures of a
    // step made with --screenshot.
    void skipTo(std::size_t step);
    // The visitor changed language: the practices not done yet start again in it (a text to
    // type is another text).
    void setLanguage(std::string language);

private:
    const Tutorial* tutorial_;
    std::string language_, fallback_;
    std::size_t step_ = 0;
    bool hintShown_ = false;
    std::vector<std::optional<ExerciseRun>> exercises_; // made when a step is first reached
};

} // namespace dps::kiosk
