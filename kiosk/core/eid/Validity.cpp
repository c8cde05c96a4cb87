#include "kiosk/core/eid/Validity.h"

namespace dps::kiosk::eid {

Validity judgeValidity(std::chrono::year_month_day validFrom, std::chrono::year_month_day validUntil,
                       std::chrono::year_month_day today) {
    using namespace std::chrono;
    if (sys_days{today} < sys_days{validFrom}) return Validity::NotYetValid;
    if (sys_days{today} > sys_days{validUntil}) return Validity::Expired;
    // Three months ahead, on the same day or the month's last one (30 November → 28 February).
    const year_month later = year_month{today.year(), today.month()} + months{3};
    const year_month_day soon = later / today.day();
    const sys_days soonDay = soon.ok() ? sys_days{soon} : sys_days{later / last};
    return sys_days{validUntil} <= soonDay ? Validity::ExpiresSoon : Validity::Valid;
}

bool clockLooksWrong(std::chrono::year_month_day today) {
    using namespace std::chrono;
    return today.year() < year{2024} || today.year() > year{2100};
}

} // namespace dps::kiosk::eid
