#pragma once
#include "kiosk/core/tutorial/Exercise.h"
#include "kiosk/core/tutorial/exercise/TextRules.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace dps::kiosk {

// The rules of each practice exercise while a visitor does it. Views call these methods (they
// are the exercise's intents) and draw what they return; no rule lives in a view.
// Every run counts failures: after kWayOnAfter the player offers the hint and lets the visitor
// go on, so nobody is ever stuck.
inline constexpr int kWayOnAfter = 3;

class ClickTargetsRun {
public:
    explicit ClickTargetsRun(const ClickTargetsExercise& e) : e_(e) {}
    // Where the current target is, as fractions of the practice area (deterministic per index),
    // and its diameter as a fraction of the normal touch size (shrinks when asked).
    [[nodiscard]] float x() const;
    [[nodiscard]] float y() const;
    [[nodiscard]] float size() const;
    void hit() { ++hits_; }
    void miss() { ++failures_; }
    [[nodiscard]] int hits() const { return hits_; }
    [[nodiscard]] int count() const { return e_.count; }
    [[nodiscard]] bool done() const { return hits_ >= e_.count; }
    [[nodiscard]] int failures() const { return failures_; }

private:
    ClickTargetsExercise e_;
    int hits_ = 0, failures_ = 0;
};

class DoubleClickRun {
public:
    // Two single clicks this close (seconds) were meant as a double-click, too slow for it.
    static constexpr double kSlowPair = 2.0;

    explicit DoubleClickRun(const DoubleClickExercise& e) : count_(e.count) {}
    void opened() {
        ++opened_;
        lastClick_ = -1;
        tooSlow_ = false;
    }
    // A click that was not part of a double-click, at `at` seconds on any steady clock. The first
    // click of every double-click is one too.
    void singleClick(double at) {
        ++failures_;
        tooSlow_ = lastClick_ >= 0 && at - lastClick_ <= kSlowPair;
        lastClick_ = at;
    }
    // The last two clicks were a double-click too slow: the view says "quicker".
    [[nodiscard]] bool tooSlow() const { return tooSlow_; }
    [[nodiscard]] int openedCount() const { return opened_; }
    [[nodiscard]] int count() const { return count_; }
    [[nodiscard]] bool done() const { return opened_ >= count_; }
    [[nodiscard]] int failures() const { return failures_ / 2; }

private:
    int count_, opened_ = 0, failures_ = 0;
    double lastClick_ = -1;
    bool tooSlow_ = false;
};

class DragDropRun {
public:
    explicit DragDropRun(const DragDropExercise& e) : count_(e.count), placed_(static_cast<std::size_t>(e.count)) {}
    void dropped(int item, bool onTarget);
    [[nodiscard]] bool placed(int item) const { return placed_.at(static_cast<std::size_t>(item)) != 0; }
    // Without a mouse: pick an item up with the keyboard, then put it on the target.
    void pick(int item) { picked_ = item; }
    void putPicked() {
        if (picked_) dropped(*picked_, true);
        picked_.reset();
    }
    [[nodiscard]] std::optional<int> picked() const { return picked_; }
    [[nodiscard]] int count() const { return count_; }
    [[nodiscard]] bool done() const;
    [[nodiscard]] int failures() const { return failures_; }

private:
    int count_;
    std::vector<char> placed_;
    std::optional<int> picked_;
    int failures_ = 0;
};

class ScrollRun {
public:
    explicit ScrollRun(const ScrollExercise& e) : lines_(e.lines) {}
    // The line holding the text to find: far enough down to need scrolling.
    [[nodiscard]] int targetLine() const { return lines_ * 3 / 4; }
    [[nodiscard]] int lines() const { return lines_; }
    void clicked(int line);
    [[nodiscard]] bool done() const { return found_; }
    [[nodiscard]] int failures() const { return failures_; }

private:
    int lines_;
    bool found_ = false;
    int failures_ = 0;
};

class TypeTextRun {
public:
    TypeTextRun(const TypeTextExercise& e, std::string expected)
        : ignoreCase_(e.ignoreCase), expected_(std::move(expected)) {}
    // What the visitor has typed so far (the text field's content).
    [[nodiscard]] std::string& typed() { return typed_; }
    // Called when the visitor confirms (Enter or the Check button).
    TypedComparison check();
    [[nodiscard]] const std::optional<TypedComparison>& lastCheck() const { return last_; }
    // What was typed when it was last checked: the letter to look at is marked in it while the
    // field still holds the same (it goes with the step, as the field's text does).
    [[nodiscard]] const std::string& checkedText() const { return checked_; }
    [[nodiscard]] const std::string& expected() const { return expected_; }
    [[nodiscard]] bool done() const { return done_; }
    [[nodiscard]] int failures() const { return failures_; }

private:
    bool ignoreCase_;
    std::string expected_;
    std::string typed_, checked_;
    std::optional<TypedComparison> last_;
    bool done_ = false;
    int failures_ = 0;
};

class SpecialKeysRun {
public:
    explicit SpecialKeysRun(const SpecialKeysExercise& e) : keys_(e.keys) {}
    // Returns true when it was the key asked for.
    bool pressed(Key k);
    [[nodiscard]] std::size_t position() const { return next_; }
    [[nodiscard]] const std::vector<Key>& keys() const { return keys_; }
    [[nodiscard]] bool done() const { return next_ >= keys_.size(); }
    [[nodiscard]] int failures() const { return failures_; }

private:
    std::vector<Key> keys_;
    std::size_t next_ = 0;
    int failures_ = 0;
};

// One right answer: tapping an answer is answering. Several right answers: each tap is answered
// at once, as spot-the-scam's are (a right answer stays marked, a wrong one is explained), and the
// question is done when every right answer is found. No separate "Check" a visitor could miss.
class ChoiceRun {
public:
    explicit ChoiceRun(const ChoiceExercise& e) : e_(e) {}
    void choose(std::size_t answer);
    // Marked: the answer chosen (one right answer), or a right answer found (several).
    [[nodiscard]] bool selected(std::size_t answer) const { return selected_.count(answer) != 0; }
    // Tapped at least once, right or wrong.
    [[nodiscard]] bool tried(std::size_t answer) const { return tried_.count(answer) != 0; }
    // The answer whose feedback to show (the last chosen), if any.
    [[nodiscard]] std::optional<std::size_t> lastChosen() const { return last_; }
    [[nodiscard]] bool multiple() const { return e_.multiple; }
    // Several right answers: how many are found, of how many.
    [[nodiscard]] int found() const;
    [[nodiscard]] int toFind() const;
    [[nodiscard]] bool done() const { return done_; }
    [[nodiscard]] int failures() const { return failures_; }

private:
    ChoiceExercise e_;
    std::set<std::size_t> selected_, tried_;
    std::optional<std::size_t> last_;
    bool done_ = false;
    int failures_ = 0;
};

class SpotScamRun {
public:
    explicit SpotScamRun(const SpotScamExercise& e) : e_(e) {}
    void tap(std::size_t part);
    [[nodiscard]] bool marked(std::size_t part) const { return marked_.count(part) != 0; }
    [[nodiscard]] std::optional<std::size_t> lastTapped() const { return last_; }
    [[nodiscard]] int found() const;
    [[nodiscard]] int toFind() const;
    [[nodiscard]] bool done() const { return found() == toFind(); }
    [[nodiscard]] int failures() const { return failures_; }

private:
    SpotScamExercise e_;
    std::set<std::size_t> marked_;
    std::optional<std::size_t> last_;
    int failures_ = 0;
};

class FormRun {
public:
    explicit FormRun(const FormExercise& e) : e_(e), values_(e.fields.size()), errors_(e.fields.size()) {}
    std::string& value(std::size_t field) { return values_.at(field); }
    // Checks every field, as the site would on "Send"; true when all are valid.
    bool submit();
    [[nodiscard]] FieldError error(std::size_t field) const { return errors_.at(field); }
    [[nodiscard]] bool submitted() const { return submitted_; }
    [[nodiscard]] bool done() const { return done_; }
    [[nodiscard]] int failures() const { return failures_; }

private:
    FormExercise e_;
    std::vector<std::string> values_;
    std::vector<FieldError> errors_;
    bool submitted_ = false, done_ = false;
    int failures_ = 0;
};

class PasswordRun {
public:
    explicit PasswordRun(const PasswordExercise& e) : minLength_(e.minLength) {}
    PasswordRun(const PasswordRun&) = delete;
    PasswordRun& operator=(const PasswordRun&) = delete;
    PasswordRun(PasswordRun&& other) noexcept;
    PasswordRun& operator=(PasswordRun&&) = delete;
    ~PasswordRun();
    // The text field's buffer: the only copy of what is typed, wiped when the run ends.
    [[nodiscard]] char* buffer() { return buffer_.data(); }
    // Zeroes what was typed; the destructor calls it.
    void wipe();
    [[nodiscard]] std::size_t capacity() const { return buffer_.size(); }
    [[nodiscard]] PasswordAdvice advice() const;
    [[nodiscard]] int minLength() const { return minLength_; }
    void confirm();
    [[nodiscard]] bool done() const { return done_; }
    [[nodiscard]] int failures() const { return failures_; }

private:
    int minLength_;
    std::vector<char> buffer_ = std::vector<char>(128, '\0');
    bool done_ = false;
    int failures_ = 0;
};

using ExerciseState = std::variant<ClickTargetsRun, DoubleClickRun, DragDropRun, ScrollRun, TypeTextRun, SpecialKeysRun,
                                   ChoiceRun, SpotScamRun, FormRun, PasswordRun>;

// One exercise being done, in the visitor's language.
class ExerciseRun {
public:
    ExerciseRun(const Exercise& exercise, const std::string& language, const std::string& fallback);
    [[nodiscard]] ExerciseState& state() { return state_; }
    [[nodiscard]] const ExerciseState& state() const { return state_; }
    [[nodiscard]] bool done() const;
    [[nodiscard]] int failures() const;
    [[nodiscard]] bool wayOn() const { return failures() >= kWayOnAfter; }

private:
    ExerciseState state_;
};

} // namespace dps::kiosk
