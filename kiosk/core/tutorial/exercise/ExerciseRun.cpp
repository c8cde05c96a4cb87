#include "kiosk/core/tutorial/exercise/ExerciseRun.h"

#include <algorithm>
#include <cstring>
#include <string.h> // explicit_bzero

namespace dps::kiosk {
namespace {

// A fixed scatter, so a target never lands under the previous one and tests are repeatable.
constexpr float kSpotsX[] = {0.2F, 0.75F, 0.45F, 0.85F, 0.15F, 0.6F, 0.3F, 0.9F, 0.5F, 0.1F};
constexpr float kSpotsY[] = {0.3F, 0.7F, 0.2F, 0.35F, 0.75F, 0.55F, 0.8F, 0.15F, 0.65F, 0.5F};

} // namespace

float ClickTargetsRun::x() const { return kSpotsX[static_cast<std::size_t>(hits_) % std::size(kSpotsX)]; }
float ClickTargetsRun::y() const { return kSpotsY[static_cast<std::size_t>(hits_) % std::size(kSpotsY)]; }
float ClickTargetsRun::size() const {
    if (!e_.shrink || e_.count <= 1) return 1.5F;
    // From one and a half touch targets down to three quarters of one.
    return 1.5F - 0.75F * static_cast<float>(hits_) / static_cast<float>(e_.count - 1);
}

void DragDropRun::dropped(int item, bool onTarget) {
    if (onTarget)
        placed_.at(static_cast<std::size_t>(item)) = 1;
    else
        ++failures_;
}

bool DragDropRun::done() const {
    return std::all_of(placed_.begin(), placed_.end(), [](char p) { return p != 0; });
}

void ScrollRun::clicked(int line) {
    if (line == targetLine())
        found_ = true;
    else
        ++failures_;
}

TypedComparison TypeTextRun::check() {
    const TypedComparison c = compareTyped(typed_, expected_, ignoreCase_);
    last_ = c;
    checked_ = typed_;
    if (c.matches)
        done_ = true;
    else
        ++failures_;
    return c;
}

bool SpecialKeysRun::pressed(Key k) {
    if (done()) return true;
    if (keys_[next_] == k) {
        ++next_;
        return true;
    }
    ++failures_;
    return false;
}

void ChoiceRun::choose(std::size_t answer) {
    if (answer >= e_.answers.size() || done_) return;
    last_ = answer;
    tried_.insert(answer);
    const bool right = e_.answers[answer].correct;
    if (!e_.multiple) {
        selected_ = {answer};
        if (right)
            done_ = true;
        else
            ++failures_;
        return;
    }
    if (right)
        selected_.insert(answer);
    else
        ++failures_;
    done_ = found() == toFind();
}

int ChoiceRun::found() const { return static_cast<int>(selected_.size()); }

int ChoiceRun::toFind() const {
    if (!e_.multiple) return 1;
    return static_cast<int>(
        std::count_if(e_.answers.begin(), e_.answers.end(), [](const ChoiceAnswer& a) { return a.correct; }));
}

void SpotScamRun::tap(std::size_t part) {
    if (part >= e_.parts.size()) return;
    last_ = part;
    if (e_.parts[part].suspicious)
        marked_.insert(part);
    else
        ++failures_;
}

int SpotScamRun::found() const { return static_cast<int>(marked_.size()); }
int SpotScamRun::toFind() const {
    return static_cast<int>(
        std::count_if(e_.parts.begin(), e_.parts.end(), [](const auto& p) { return p.suspicious; }));
}

bool FormRun::submit() {
    submitted_ = true;
    bool ok = true;
    for (std::size_t i = 0; i < e_.fields.size(); ++i) {
        const auto& f = e_.fields[i];
        const std::string& v = values_[i];
        const bool blank = v.find_first_not_of(" \t") == std::string::npos;
        FieldError err = FieldError::None;
        if (blank)
            err = f.required ? FieldError::Required : FieldError::None;
        else if (f.kind == FieldKind::Date)
            err = checkDate(v);
        else if (f.kind == FieldKind::Postcode)
            err = checkPostcode(v);
        else if (f.kind == FieldKind::Email)
            err = checkEmail(v);
        else if (f.kind == FieldKind::Phone)
            err = checkPhone(v);
        else if (f.kind == FieldKind::Number)
            err = checkNumber(v);
        errors_[i] = err;
        ok &= err == FieldError::None;
    }
    if (ok)
        done_ = true;
    else
        ++failures_;
    return ok;
}

PasswordRun::PasswordRun(PasswordRun&& other) noexcept
    : minLength_(other.minLength_), buffer_(std::move(other.buffer_)), done_(other.done_), failures_(other.failures_) {
    other.buffer_.assign(1, '\0');
}

void PasswordRun::wipe() {
    if (!buffer_.empty()) explicit_bzero(buffer_.data(), buffer_.size());
}

// Whatever was typed must not survive in memory once the exercise is left.
PasswordRun::~PasswordRun() { wipe(); }

PasswordAdvice PasswordRun::advice() const { return advisePassword(buffer_.data(), minLength_); }

void PasswordRun::confirm() {
    if (advice().strong())
        done_ = true;
    else
        ++failures_;
}

namespace {

ExerciseState makeState(const Exercise& e, const std::string& language, const std::string& fallback) {
    return std::visit(
        [&](const auto& ex) -> ExerciseState {
            using T = std::decay_t<decltype(ex)>;
            if constexpr (std::is_same_v<T, ClickTargetsExercise>)
                return ClickTargetsRun(ex);
            else if constexpr (std::is_same_v<T, DoubleClickExercise>)
                return DoubleClickRun(ex);
            else if constexpr (std::is_same_v<T, DragDropExercise>)
                return DragDropRun(ex);
            else if constexpr (std::is_same_v<T, ScrollExercise>)
                return ScrollRun(ex);
            else if constexpr (std::is_same_v<T, TypeTextExercise>)
                return TypeTextRun(ex, *ex.expected.in(language, fallback).text);
            else if constexpr (std::is_same_v<T, SpecialKeysExercise>)
                return SpecialKeysRun(ex);
            else if constexpr (std::is_same_v<T, ChoiceExercise>)
                return ChoiceRun(ex);
            else if constexpr (std::is_same_v<T, SpotScamExercise>)
                return SpotScamRun(ex);
            else if constexpr (std::is_same_v<T, FormExercise>)
                return FormRun(ex);
            else
                return ExerciseState(std::in_place_type<PasswordRun>, ex);
        },
        e);
}

} // namespace

ExerciseRun::ExerciseRun(const Exercise& exercise, const std::string& language, const std::string& fallback)
    : state_(makeState(exercise, language, fallback)) {}

bool ExerciseRun::done() const {
    return std::visit([](const auto& s) { return s.done(); }, state_);
}

int ExerciseRun::failures() const {
    return std::visit([](const auto& s) { return s.failures(); }, state_);
}

} // namespace dps::kiosk
