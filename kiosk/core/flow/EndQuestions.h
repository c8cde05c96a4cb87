#pragma once
#include "kiosk/core/Intent.h"
#include "kiosk/core/VisitLog.h"

#include <optional>

namespace dps::kiosk {

// The end-of-visit questions of free use, one after the other.
enum class EndQuestion { CameFor, Helped };

// Free use's questions at Finish ("What did you come for today?", "Did this help?"), for one
// visitor: a fresh one each time they are asked. The answers are closed lists, never free text.
class EndQuestions {
public:
    // The intents this sub-flow owns; KioskFlow routes them here while its screen shows.
    template <class I>
    static constexpr bool owns = std::is_same_v<I, intent::AnswerCameFor> || std::is_same_v<I, intent::AnswerHelped> ||
                                 std::is_same_v<I, intent::SkipQuestion>;

    // Each returns the visit's answers once the last question is answered or skipped.
    std::optional<VisitOutcome> apply(const intent::AnswerCameFor& i);
    std::optional<VisitOutcome> apply(const intent::AnswerHelped& i);
    std::optional<VisitOutcome> apply(const intent::SkipQuestion&);

    [[nodiscard]] EndQuestion question() const { return question_; }

private:
    [[nodiscard]] VisitOutcome answers(std::optional<Helped> helped) const;

    EndQuestion question_ = EndQuestion::CameFor;
    std::optional<Purpose> cameFor_;
};

} // namespace dps::kiosk
