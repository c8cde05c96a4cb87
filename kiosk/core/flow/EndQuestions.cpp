#include "kiosk/core/flow/EndQuestions.h"

namespace dps::kiosk {

std::optional<VisitOutcome> EndQuestions::apply(const intent::AnswerCameFor& i) {
    if (question_ != EndQuestion::CameFor) return std::nullopt;
    cameFor_ = i.purpose;
    question_ = EndQuestion::Helped;
    return std::nullopt;
}

std::optional<VisitOutcome> EndQuestions::apply(const intent::AnswerHelped& i) {
    if (question_ != EndQuestion::Helped) return std::nullopt;
    return answers(i.helped);
}

std::optional<VisitOutcome> EndQuestions::apply(const intent::SkipQuestion&) {
    if (question_ == EndQuestion::CameFor) {
        question_ = EndQuestion::Helped;
        return std::nullopt;
    }
    return answers(std::nullopt);
}

VisitOutcome EndQuestions::answers(std::optional<Helped> helped) const {
    VisitOutcome o;
    o.cameFor = cameFor_;
    o.helped = helped;
    return o;
}

} // namespace dps::kiosk
