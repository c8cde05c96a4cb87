#include "kiosk/core/visit/VisitFacts.h"

#include <array>
#include <utility>

namespace dps::kiosk {
namespace {

template <class E, std::size_t N> using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<VisitMode, 3> kModes{{{VisitMode::Free, "free"},
                                      {VisitMode::GuidedIndividual, "guided_individual"},
                                      {VisitMode::GuidedGroup, "guided_group"}}};
constexpr Table<Purpose, 6> kPurposes{{{Purpose::Learning, "learning"},
                                       {Purpose::Administrative, "administrative"},
                                       {Purpose::JobSearch, "job_search"},
                                       {Purpose::Banking, "banking"},
                                       {Purpose::EidHelp, "eid_help"},
                                       {Purpose::Other, "other"}}};
constexpr Table<Audience, 6> kAudiences{{{Audience::JobSeekers, "job_seekers"},
                                         {Audience::YoungPeople, "young_people"},
                                         {Audience::Seniors, "seniors"},
                                         {Audience::Disabilities, "disabilities"},
                                         {Audience::Precarious, "precarious"},
                                         {Audience::Women, "women"}}};
constexpr Table<Autonomy, 3> kAutonomy{
    {{Autonomy::FullHelp, "full_help"}, {Autonomy::SomeHelp, "some_help"}, {Autonomy::Alone, "alone"}}};
constexpr Table<Referral, 5> kReferrals{{{Referral::Municipality, "municipality"},
                                         {Referral::Cpas, "cpas"},
                                         {Referral::EmploymentService, "employment_service"},
                                         {Referral::Association, "association"},
                                         {Referral::None, "none"}}};
constexpr Table<Helped, 3> kHelped{{{Helped::Yes, "yes"}, {Helped::Somewhat, "somewhat"}, {Helped::No, "no"}}};
constexpr Table<Equipment, 6> kEquipment{{{Equipment::Printer, "printer"},
                                          {Equipment::CardReader, "card_reader"},
                                          {Equipment::Screen, "screen"},
                                          {Equipment::Keyboard, "keyboard"},
                                          {Equipment::Mouse, "mouse"},
                                          {Equipment::Network, "network"}}};
constexpr Table<EquipmentState, 4> kStates{{{EquipmentState::NotWorking, "not_working"},
                                            {EquipmentState::WorksBadly, "works_badly"},
                                            {EquipmentState::Missing, "missing"},
                                            {EquipmentState::Repaired, "repaired"}}};

template <class E, std::size_t N> std::string_view lookUp(const Table<E, N>& t, E e) {
    for (const auto& [value, c] : t) {
        if (value == e) return c;
    }
    return "?";
}

template <class E, std::size_t N> std::optional<E> parse(const Table<E, N>& t, std::string_view c) {
    for (const auto& [value, name] : t) {
        if (name == c) return value;
    }
    return std::nullopt;
}

template <class E, std::size_t N> std::vector<E> values(const Table<E, N>& t) {
    std::vector<E> v;
    for (const auto& entry : t)
        v.push_back(entry.first);
    return v;
}

} // namespace

std::string_view code(VisitMode v) { return lookUp(kModes, v); }
std::string_view code(Purpose p) { return lookUp(kPurposes, p); }
std::string_view code(Audience a) { return lookUp(kAudiences, a); }
std::string_view code(Autonomy a) { return lookUp(kAutonomy, a); }
std::string_view code(Referral r) { return lookUp(kReferrals, r); }
std::string_view code(Helped h) { return lookUp(kHelped, h); }
std::string_view code(Equipment e) { return lookUp(kEquipment, e); }
std::string_view code(EquipmentState s) { return lookUp(kStates, s); }

const std::vector<Purpose>& allPurposes() {
    static const auto v = values(kPurposes);
    return v;
}
const std::vector<Audience>& allAudiences() {
    static const auto v = values(kAudiences);
    return v;
}
const std::vector<Autonomy>& allAutonomy() {
    static const auto v = values(kAutonomy);
    return v;
}
const std::vector<Referral>& allReferrals() {
    static const auto v = values(kReferrals);
    return v;
}
const std::vector<Helped>& allHelped() {
    static const auto v = values(kHelped);
    return v;
}
const std::vector<Equipment>& allEquipment() {
    static const auto v = values(kEquipment);
    return v;
}
const std::vector<EquipmentState>& allEquipmentStates() {
    static const auto v = values(kStates);
    return v;
}

template <> std::optional<VisitMode> fromCode<VisitMode>(std::string_view c) { return parse(kModes, c); }
template <> std::optional<Purpose> fromCode<Purpose>(std::string_view c) { return parse(kPurposes, c); }
template <> std::optional<Audience> fromCode<Audience>(std::string_view c) { return parse(kAudiences, c); }
template <> std::optional<Autonomy> fromCode<Autonomy>(std::string_view c) { return parse(kAutonomy, c); }
template <> std::optional<Referral> fromCode<Referral>(std::string_view c) { return parse(kReferrals, c); }
template <> std::optional<Helped> fromCode<Helped>(std::string_view c) { return parse(kHelped, c); }
template <> std::optional<Equipment> fromCode<Equipment>(std::string_view c) { return parse(kEquipment, c); }
template <> std::optional<EquipmentState> fromCode<EquipmentState>(std::string_view c) { return parse(kStates, c); }

std::string consentProblem(const GuidedVisit& v) {
    if (!v.consent && !v.audiences.empty()) return "audience tags without the participants' consent";
    if (v.group && (v.groupSize < kMinGroup || v.groupSize > kMaxGroup)) return "a group has 2 to 40 participants";
    if (!v.group && v.groupSize != 1) return "an individual session has one participant";
    return {};
}

} // namespace dps::kiosk
