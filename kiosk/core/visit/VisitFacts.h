#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dps::kiosk {

// The facts a visit may carry besides its times and language, each with the stable code the
// visit log stores and the statistics count (docs/visit-log.md). Codes are never renamed.

enum class VisitMode { Free, GuidedIndividual, GuidedGroup };

// Why someone came (a guided session's purposes; the free-use end question "What did you come
// for today?").
enum class Purpose { Learning, Administrative, JobSearch, Banking, EidHelp, Other };

// The Region's six priority audiences. Recorded only when the participants agreed.
enum class Audience { JobSeekers, YoungPeople, Seniors, Disabilities, Precarious, Women };

// Where the person stands at the end of a guided session, as mediation networks report it.
enum class Autonomy { FullHelp, SomeHelp, Alone };
enum class Referral { Municipality, Cpas, EmploymentService, Association, None };

// The free-use end question "Did this help?" (three faces).
enum class Helped { Yes, Somewhat, No };

// What a facilitator can report about the terminal's equipment (a type and a state, no free text).
enum class Equipment { Printer, CardReader, Screen, Keyboard, Mouse, Network };
enum class EquipmentState { NotWorking, WorksBadly, Missing, Repaired };

std::string_view code(VisitMode v);
std::string_view code(Purpose p);
std::string_view code(Audience a);
std::string_view code(Autonomy a);
std::string_view code(Referral r);
std::string_view code(Helped h);
std::string_view code(Equipment e);
std::string_view code(EquipmentState s);

// Every value of each, in the order screens show them.
const std::vector<Purpose>& allPurposes();
const std::vector<Audience>& allAudiences();
const std::vector<Autonomy>& allAutonomy();
const std::vector<Referral>& allReferrals();
const std::vector<Helped>& allHelped();
const std::vector<Equipment>& allEquipment();
const std::vector<EquipmentState>& allEquipmentStates();

// From a code (screens' intents carry codes); nullopt for anything else.
template <class E> std::optional<E> fromCode(std::string_view code);
template <> std::optional<VisitMode> fromCode<VisitMode>(std::string_view code);
template <> std::optional<Purpose> fromCode<Purpose>(std::string_view code);
template <> std::optional<Audience> fromCode<Audience>(std::string_view code);
template <> std::optional<Autonomy> fromCode<Autonomy>(std::string_view code);
template <> std::optional<Referral> fromCode<Referral>(std::string_view code);
template <> std::optional<Helped> fromCode<Helped>(std::string_view code);
template <> std::optional<Equipment> fromCode<Equipment>(std::string_view code);
template <> std::optional<EquipmentState> fromCode<EquipmentState>(std::string_view code);

// A guided session as the facilitator set it up. The audiences are the participants' own
// answer: they may only be recorded with their consent (see consentProblem()).
struct GuidedVisit {
    bool group = false;
    int groupSize = 1; // 2 or more for a group
    std::set<Purpose> purposes;
    bool consent = false;
    std::set<Audience> audiences;
    [[nodiscard]] VisitMode mode() const { return group ? VisitMode::GuidedGroup : VisitMode::GuidedIndividual; }
};

// Why this session may not be recorded as it is ("" when it may): audience tags without the
// participants' consent, or a group of fewer than two.
std::string consentProblem(const GuidedVisit& v);

inline constexpr int kMinGroup = 2, kMaxGroup = 40;

} // namespace dps::kiosk
