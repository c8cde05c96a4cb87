#include "kiosk/ui/Labels.h"

#include "dps/i18n/Catalog.h"
#include "kiosk/ui/Icons.h"

#include <algorithm>
#include <fmt/core.h>

namespace dps::kiosk::ui {

using i18n::N_;

const char* label(Purpose p) {
    switch (p) {
    case Purpose::Learning: return N_("Learning to use a computer");
    case Purpose::Administrative: return N_("An administrative procedure");
    case Purpose::JobSearch: return N_("Looking for a job");
    case Purpose::Banking: return N_("Banking");
    case Purpose::EidHelp: return N_("Help with the e-ID");
    case Purpose::Other: return N_("Something else");
    }
    return "";
}

const char* label(Audience a) {
    switch (a) {
    case Audience::JobSeekers: return N_("Job-seekers");
    case Audience::YoungPeople: return N_("Young people");
    case Audience::Seniors: return N_("Seniors");
    case Audience::Disabilities: return N_("People with disabilities");
    case Audience::Precarious: return N_("People in precarious situations");
    case Audience::Women: return N_("Women");
    }
    return "";
}

const char* label(Autonomy a) {
    switch (a) {
    case Autonomy::FullHelp: return N_("Needs full help");
    case Autonomy::SomeHelp: return N_("Needs some help");
    case Autonomy::Alone: return N_("Manages alone");
    }
    return "";
}

const char* label(Referral r) {
    switch (r) {
    case Referral::Municipality: return N_("Municipality");
    case Referral::Cpas: return N_("CPAS / OCMW");
    case Referral::EmploymentService: return N_("Employment service");
    case Referral::Association: return N_("Another association");
    case Referral::None: return N_("Not referred");
    }
    return "";
}

const char* label(Helped h) {
    switch (h) {
    case Helped::Yes: return N_("Yes");
    case Helped::Somewhat: return N_("A little");
    case Helped::No: return N_("No");
    }
    return "";
}

const char* label(Equipment e) {
    switch (e) {
    case Equipment::Printer: return N_("Printer");
    case Equipment::CardReader: return N_("Card reader");
    case Equipment::Screen: return N_("Screen");
    case Equipment::Keyboard: return N_("Keyboard");
    case Equipment::Mouse: return N_("Mouse");
    case Equipment::Network: return N_("Network");
    }
    return "";
}

const char* label(EquipmentState s) {
    switch (s) {
    case EquipmentState::NotWorking: return N_("Not working");
    case EquipmentState::WorksBadly: return N_("Works badly");
    case EquipmentState::Missing: return N_("Missing");
    case EquipmentState::Repaired: return N_("Repaired");
    }
    return "";
}

const char* icon(Purpose p) {
    switch (p) {
    case Purpose::Learning: return icon::Learn;
    case Purpose::Administrative: return icon::Form;
    case Purpose::JobSearch: return icon::Briefcase;
    case Purpose::Banking: return icon::Bank;
    case Purpose::EidHelp: return icon::IdCard;
    case Purpose::Other: return icon::Star;
    }
    return icon::Circle;
}

const char* icon(Helped h) {
    switch (h) {
    case Helped::Yes: return icon::Smile;
    case Helped::Somewhat: return icon::Meh;
    case Helped::No: return icon::Frown;
    }
    return icon::Circle;
}

const char* weekdayName(unsigned d) {
    static constexpr const char* kDays[7] = {N_("Monday"), N_("Tuesday"),  N_("Wednesday"), N_("Thursday"),
                                             N_("Friday"), N_("Saturday"), N_("Sunday")};
    return d < 7 ? kDays[d] : "";
}

std::string lastedWords(const i18n::Translator& t, std::chrono::seconds lasted) {
    const long s = std::max(0L, static_cast<long>(lasted.count()));
    return s < 3600 ? fmt::format(fmt::runtime(t.tr("{} min {} s")), s / 60, s % 60)
                    : fmt::format(fmt::runtime(t.tr("{} h {} min")), s / 3600, s % 3600 / 60);
}

} // namespace dps::kiosk::ui
