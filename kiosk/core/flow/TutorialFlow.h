#pragma once
#include "kiosk/core/Intent.h"
#include "kiosk/core/flow/FlowHost.h"
#include "kiosk/core/tutorial/Tutorial.h"
#include "kiosk/core/tutorial/TutorialRun.h"

#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace dps::kiosk {

// One visitor's tutorials: the catalogue tab chosen, the tutorial being followed (the Player and
// TutorialEnd screens), the confirmation before leaving it, and the tutorials finished during the
// visit. A fresh one for each visit, so nothing of one visitor is left for the next. It records
// tutorial_started, step_reached, tutorial_completed and tutorial_abandoned (id and version only).
class TutorialFlow {
public:
    // The intents this sub-flow owns; KioskFlow routes them here (each checks its own screen).
    template <class I>
    static constexpr bool owns = std::is_same_v<I, intent::ChooseTheme> || std::is_same_v<I, intent::NextStep> ||
                                 std::is_same_v<I, intent::SkipStep> || std::is_same_v<I, intent::PreviousStep> ||
                                 std::is_same_v<I, intent::ShowHint> || std::is_same_v<I, intent::LeaveTutorial> ||
                                 std::is_same_v<I, intent::ConfirmLeave> || std::is_same_v<I, intent::CancelLeave>;

    // No tutorials at all.
    TutorialFlow();
    // Both lists must outlive this flow (KioskFlow keeps them); themes as themesOf(tutorials).
    TutorialFlow(const std::vector<Tutorial>& tutorials, const std::vector<std::string>& themes);
    // Themes that have tutorials, in catalogue order.
    [[nodiscard]] static std::vector<std::string> themesOf(const std::vector<Tutorial>& tutorials);

    void apply(const intent::ChooseTheme& i, FlowHost& host);
    void apply(const intent::NextStep&, FlowHost& host);
    void apply(const intent::SkipStep&, FlowHost& host);
    void apply(const intent::PreviousStep&, FlowHost& host);
    void apply(const intent::ShowHint&, FlowHost& host);
    void apply(const intent::LeaveTutorial&, FlowHost& host);
    void apply(const intent::ConfirmLeave&, FlowHost& host);
    void apply(const intent::CancelLeave&, FlowHost& host);

    // Opens a tutorial on the Player, recorded as started; nothing happens for an unknown id.
    void open(const std::string& id, const std::string& language, const std::string& fallback, FlowHost& host);
    // The tutorial shown goes; recorded as abandoned where the visitor stopped when it was on the
    // Player (onPlayer).
    void stop(bool onPlayer, FlowHost& host);
    void setLanguage(const std::string& language);
    // The tutorial being followed, for the exercises' own rules (views) and tests that jump to a step.
    [[nodiscard]] TutorialRun* run() { return run_ ? &*run_ : nullptr; }

    [[nodiscard]] const std::vector<Tutorial>& tutorials() const { return *tutorials_; }
    [[nodiscard]] const Tutorial* byId(const std::string& id) const;
    // The tutorial being followed (Player, TutorialEnd), or nullptr.
    [[nodiscard]] const TutorialRun* run() const { return run_ ? &*run_ : nullptr; }
    [[nodiscard]] bool confirmingLeave() const { return confirmingLeave_; }
    [[nodiscard]] bool finishedThisVisit(const std::string& id) const { return finished_.count(id) != 0; }
    // The tutorials finished during this visit, in order (a guided session's summary).
    [[nodiscard]] const std::vector<std::string>& completed() const { return completed_; }
    // Themes that have tutorials, in catalogue order, and the one the catalogue shows.
    [[nodiscard]] const std::vector<std::string>& themes() const { return *themes_; }
    [[nodiscard]] const std::string& catalogueTheme() const;
    // The tutorial suggested at the end of the current one, or nullptr.
    [[nodiscard]] const Tutorial* suggestion() const;

private:
    void nextStep(bool skip, FlowHost& host);
    void leave(Screen next, FlowHost& host);
    void record(VisitEvent::Kind kind, int step, FlowHost& host);

    const std::vector<Tutorial>* tutorials_;
    const std::vector<std::string>* themes_;
    std::optional<TutorialRun> run_;
    bool confirmingLeave_ = false;
    std::set<std::string> finished_;     // tutorials completed during this visit
    std::vector<std::string> completed_; // the same, in order
    std::string theme_;                  // the catalogue tab chosen
};

} // namespace dps::kiosk
