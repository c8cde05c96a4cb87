#include "EidCheckCommand.h"

#include "../core/eid/CardCheck.h"
#include "../eid/PcscService.h"
#include "EidMessages.h"
#include "dps/i18n/Catalog.h"

#include <chrono>
#include <cstdio>
#include <fmt/core.h>

namespace dps::kiosk {

int eidCheckCommand(bool json, const std::string& language, const i18n::Catalog& catalog) {
    using namespace std::chrono;
    eid::PcscService service;
    const auto today = year_month_day{floor<days>(system_clock::now())};
    const eid::CheckReport r = eid::runCardCheck(service, today);
    const i18n::Translator t(catalog, language);
    if (json) {
        // Codes and dates only: this output may be pasted into a helpdesk ticket.
        std::string steps;
        for (const auto& s : r.steps) {
            steps += fmt::format("{}{{\"outcome\":\"{}\",\"ok\":{}}}", steps.empty() ? "" : ",", outcomeCode(s.outcome),
                                 s.ok ? "true" : "false");
        }
        std::string until = "null";
        if (r.validUntil) {
            until =
                fmt::format("\"{:04}-{:02}-{:02}\"", static_cast<int>(r.validUntil->year()),
                            static_cast<unsigned>(r.validUntil->month()), static_cast<unsigned>(r.validUntil->day()));
        }
        std::printf("{\"verdict\":\"%s\",\"card_works\":%s,\"valid_until\":%s,\"pin_tries_left\":%s,\"steps\":[%s]}\n",
                    std::string(outcomeCode(r.verdict)).c_str(), r.cardWorks() ? "true" : "false", until.c_str(),
                    r.pinTriesLeft ? std::to_string(*r.pinTriesLeft).c_str() : "null", steps.c_str());
    } else {
        if (!r.readerName.empty()) std::printf("%s: %s\n", t.tr("Card reader"), r.readerName.c_str());
        for (const auto& s : r.steps) {
            std::printf("%s %s: %s\n", s.ok ? "[ok]" : "[!!]", t.tr(eidStepName(s.step)),
                        t.tr(eidMessage(s.outcome).what));
        }
        const EidMessage m = eidMessage(r.verdict);
        std::printf("\n%s %s\n", t.tr(m.what), t.tr(m.todo));
    }
    return r.cardWorks() ? 0 : 1;
}

} // namespace dps::kiosk
