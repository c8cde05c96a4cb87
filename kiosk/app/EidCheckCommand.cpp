#include "kiosk/app/EidCheckCommand.h"

#include "dps/i18n/Catalog.h"
#include "kiosk/adapters/eid/CpuTraces.h"
#include "kiosk/adapters/eid/OpenSslCertificates.h"
#include "kiosk/adapters/eid/PcscService.h"
#include "kiosk/app/TerminalInput.h"
#include "kiosk/core/eid/CardCheck.h"
#include "kiosk/core/eid/PinEntry.h"
#include "kiosk/core/eid/PinTest.h"
#include "kiosk/presentation/EidMessages.h"

#include <chrono>
#include <cstdio>
#include <fmt/core.h>

namespace dps::kiosk {
namespace {

std::string isoDate(const std::optional<std::chrono::year_month_day>& d) {
    if (!d) return "null";
    return fmt::format("\"{:04}-{:02}-{:02}\"", static_cast<int>(d->year()), static_cast<unsigned>(d->month()),
                       static_cast<unsigned>(d->day()));
}

const char* documentName(const std::optional<int>& type) {
    if (!type) return "null";
    if (eid::isForeignerCard(*type)) return "\"residence_card\""; // kids foreigner cards (61-69) too
    if (eid::isKidsId(*type)) return "\"kids_id\"";
    return "\"eid\"";
}

const char* appletName(eid::CardData::Applet a) {
    switch (a) {
    case eid::CardData::Applet::V11: return "\"1.1\"";
    case eid::CardData::Applet::V17: return "\"1.7\"";
    case eid::CardData::Applet::V18: return "\"1.8\"";
    case eid::CardData::Applet::Unknown: break;
    }
    return "null";
}

// JSON string escaping for the reader's name (the only free text printed).
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\')
            out += {'\\', c};
        else if (static_cast<unsigned char>(c) < 0x20)
            out += fmt::format("\\u{:04x}", c);
        else
            out += c;
    }
    return out + "\"";
}

} // namespace

int eidCheckCommand(const EidCheckOptions& o, const i18n::Catalog& catalog) {
    using namespace std::chrono;
    const i18n::Translator t(catalog, o.language);
    std::unique_ptr<eid::OpenSslCertificates> roots;
    try {
        roots = std::make_unique<eid::OpenSslCertificates>(o.rootsDir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dps-kiosk eid-check: %s\n", e.what());
        return 2;
    }
    eid::PcscService service;
    const eid::CheckReport r =
        eid::runCardCheck(service, eid::CheckContext{floor<seconds>(system_clock::now()), *roots, o.reader});
    eid::wipeCpuTraces(); // the card's files went through registers and frames
    const EidVerdict v = eidVerdict(r, t);

    std::optional<eid::PinTestResult> pin;
    if (o.pinTest && r.pinTestPossible()) {
        if (!o.json) {
            std::printf("%s %s\n", t.tr(eidStepName(eid::CheckStep::PinTries)),
                        eidStepDetail(r.steps.back(), r, t).c_str());
        }
        if (r.pinpad) {
            std::fprintf(stderr, "%s\n", t.tr("Type your PIN on the card reader's keypad, then press its OK key."));
            pin = eid::runPinTest(service, r.readerName, nullptr, o.language);
        } else {
            std::fprintf(stderr, "%s ", t.tr("PIN (not shown as you type; Enter alone to skip):"));
            std::fflush(stderr);
            eid::PinEntry entry;
            readPin(entry);
            if (auto block = entry.take()) pin = eid::runPinTest(service, r.readerName, &*block, o.language);
        }
        eid::wipeCpuTraces(); // the PIN went through registers and frames too
    }

    if (o.json) {
        // Codes and dates only: this output may be pasted into a helpdesk ticket.
        std::string steps;
        for (const auto& s : r.steps) {
            steps += fmt::format("{}{{\"outcome\":\"{}\",\"ok\":{}}}", steps.empty() ? "" : ",", outcomeCode(s.outcome),
                                 s.ok ? "true" : "false");
        }
        std::printf("{\"verdict\":\"%s\",\"card_works\":%s,\"reader\":%s,\"pinpad\":%s,\"applet\":%s,\"document\":%s,"
                    "\"valid_until\":%s,\"certificates_valid_until\":%s,\"pin_tries_left\":%s,\"pin_test\":%s,"
                    "\"steps\":[%s]}\n",
                    std::string(outcomeCode(r.verdict)).c_str(), r.cardWorks() ? "true" : "false",
                    r.readerName.empty() ? "null" : quoted(r.readerName).c_str(), r.pinpad ? "true" : "false",
                    appletName(r.applet), documentName(r.documentType), isoDate(r.validUntil).c_str(),
                    isoDate(r.certificatesValidUntil).c_str(),
                    r.pinTriesLeft ? std::to_string(*r.pinTriesLeft).c_str() : "null",
                    pin ? fmt::format("\"{}\"", outcomeCode(pin->outcome)).c_str() : "null", steps.c_str());
    } else {
        for (const auto& s : r.steps) {
            const std::string detail = eidStepDetail(s, r, t);
            std::printf("%s %s%s%s\n", s.ok ? "[ok]" : "[!!]", t.tr(eidStepName(s.step)), detail.empty() ? "" : ": ",
                        detail.c_str());
        }
        std::printf("\n%s %s\n", v.what.c_str(), v.todo.c_str());
        const std::string ask = facilitatorLine(v.facilitator, t);
        if (!ask.empty()) std::printf("%s\n", ask.c_str());
        if (pin) {
            const EidVerdict p = pinVerdict(*pin, t);
            std::printf("\n%s %s\n", p.what.c_str(), p.todo.c_str());
        }
    }
    const bool pinFine = !pin || pin->outcome == eid::Outcome::PinRight;
    return r.cardWorks() && pinFine ? 0 : 1;
}

} // namespace dps::kiosk
