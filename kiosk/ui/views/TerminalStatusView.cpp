#include "kiosk/ui/views/TerminalStatusView.h"
#include "dps/core/Clock.h"
#include "kiosk/presentation/EidMessages.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Labels.h"
#include "kiosk/ui/PageFrame.h"
#include "kiosk/ui/PageParts.h"

#include <algorithm>
#include <fmt/core.h>

namespace dps::kiosk::ui {
namespace {

std::string megabytes(std::uint64_t bytes) { return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6); }

// Whether visitors get the read-aloud button, and why not: without it staff could not tell a
// missing button from a terminal without sound (issue 18 §15).
const char* readAloudState(SpeechStatus s) {
    switch (s) {
    case SpeechStatus::Starting: return i18n::N_("Starting…");
    case SpeechStatus::Works: return i18n::N_("Works");
    case SpeechStatus::NoSoundDevice:
        return i18n::N_("Not available: no sound output was found on this terminal. Visitors see no Read aloud "
                        "button.");
    case SpeechStatus::NoEngine:
        return i18n::N_("Not available: the speech engine (espeak-ng) could not start. Visitors see no Read aloud "
                        "button.");
    case SpeechStatus::LastReadingFailed:
        return i18n::N_("The last reading could not be heard: check the speakers or headphones and the volume.");
    }
    return "";
}

// A fact as "label: value", the label in bold; both wrap in their column, so a long label
// (French, at 200 %) pushes the next fact down instead of running under its value.
void fact(const ViewContext& ctx, const char* name, const std::string& value, float width) {
    const Theme& th = ctx.theme;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float labelW = std::min(width * 0.38F, th.unit * 11);
    wrapped(th.strong, colour::Text, ctx.t.tr(name), labelW - th.unit * 0.5F);
    const float labelBottom = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(at.x + labelW, at.y));
    wrapped(th.body, colour::Text, value, width - labelW);
    const float bottom = std::max(labelBottom, ImGui::GetCursorScreenPos().y);
    ImGui::SetCursorScreenPos(ImVec2(at.x, bottom));
}

// Which rule deletes old visits, in a facilitator's words, and how far the Region is.
std::string retention(const ViewContext& ctx) {
    const TerminalFacts& f = ctx.facts;
    const i18n::Translator& t = ctx.t;
    if (f.retention.rule == RetentionRule::ByAge)
        return t.trCount("Deleted after {} day, whether the Region has received them or not (chosen in kiosk.toml).",
                         "Deleted after {} days, whether the Region has received them or not (chosen in kiosk.toml).",
                         f.retention.days);
    std::string text = t.trCount("Kept until the Region has received them, and at least {} day.",
                                 "Kept until the Region has received them, and at least {} days.", f.retention.days);
    if (!f.agentReport)
        text += std::string(" ") + t.tr("The sync with the Region is not set up or has not run: nothing is deleted.");
    if (f.oldestNotReceived)
        text += " " + t.trWith(i18n::N_("Oldest not yet received: {}."), longDate(*f.oldestNotReceived, t));
    else if (f.agentReport)
        text += std::string(" ") + t.tr("The Region has received them all.");
    return text;
}

long wholeMinutes(std::chrono::seconds s) { return static_cast<long>(s.count() / 60); }

// Free use on this terminal: a session under way with its time left and a call for help (how long
// it has waited), or why none can start.
std::string freeUseState(const ViewContext& ctx) {
    const KioskFlow& flow = ctx.flow;
    const i18n::Translator& t = ctx.t;
    if (flow.freeUse().running()) {
        std::string text = t.trCount("In free use, {} min left", "In free use, {} min left",
                                     static_cast<long>((flow.freeUseTimeLeft().count() + 59) / 60));
        if (flow.freeUse().helpRequested())
            text += " · " + t.trCount("Help asked {} min ago", "Help asked {} min ago",
                                      wholeMinutes(flow.freeUseHelpAskedFor()));
        ctx.map.note("free-use-status", flow.freeUse().helpRequested() ? "running-help" : "running");
        ctx.map.note("help-asked-minutes", flow.freeUse().helpRequested()
                                               ? std::to_string(wholeMinutes(flow.freeUseHelpAskedFor()))
                                               : "none");
        return text;
    }
    if (!flow.settings().freeUse.enabled) {
        ctx.map.note("free-use-status", "off");
        return t.tr("Off (free_use.enabled in kiosk.toml).");
    }
    if (!flow.lastWipeVerified()) {
        ctx.map.note("free-use-status", "wipe-not-verified");
        std::string text = t.trCount(
            "Stopped {} min ago: the last session's wipe could not be verified, so the next person could find "
            "what the last one left (the log says which step failed).",
            "Stopped {} min ago: the last session's wipe could not be verified, so the next person could find "
            "what the last one left (the log says which step failed).",
            wholeMinutes(flow.freeUseStoppedFor()));
        switch (flow.wipeCheck().failure()) {
        case WipeCheck::Failure::NotStarted:
            text += std::string(" ") + t.tr("The check of the wipe could not start a session.");
            break;
        case WipeCheck::Failure::NotVerified:
            text += std::string(" ") + t.tr("The check of the wipe failed too.");
            break;
        case WipeCheck::Failure::NoReport:
            text += std::string(" ") + t.tr("The check of the wipe did not finish in time.");
            break;
        case WipeCheck::Failure::None: break;
        }
        if (flow.wipeCheck().running())
            text += std::string(" ") + t.tr("Checking the wipe…");
        else if (flow.facilitator().maintenanceExitOffered())
            text += std::string(" ") + t.tr("Check the wipe again (administrator PIN), or restart the kiosk once the "
                                            "computer has been checked.");
        else
            text += std::string(" ") + t.tr("Restart the kiosk once the computer has been checked (a check from here "
                                            "needs an administrator PIN: none is set on this terminal).");
        ctx.map.note("wipe-check", flow.wipeCheck().running()                               ? "running"
                                   : flow.wipeCheck().failure() != WipeCheck::Failure::None ? "failed"
                                                                                            : "none");
        return text;
    }
    if (!flow.offersFreeUse()) {
        ctx.map.note("free-use-status", "no-browser");
        return t.tr("Not installed on this terminal (no browser session).");
    }
    ctx.map.note("free-use-status", "ready");
    if (flow.wipeCheck().state() == WipeCheck::State::Passed) {
        ctx.map.note("wipe-check", "passed");
        return t.tr("Ready again: the check of the wipe passed.");
    }
    return t.tr("Ready");
}

// What a facilitator can do about free use from here: answer the call for help, check the wipe.
Intent freeUseActions(const ViewContext& ctx, float width) {
    std::vector<Button> buttons;
    if (ctx.flow.freeUse().running() && ctx.flow.freeUse().helpRequested())
        buttons.push_back({"status.help-given", icon::Check, ctx.t.tr("Help given"), intent::AnswerFreeUseHelp{}});
    if (ctx.flow.wipeCheckOffered())
        buttons.push_back({"status.check-wipe", icon::Key, ctx.t.tr("Check the wipe again"), intent::CheckWipeAgain{}});
    if (buttons.empty()) return {};
    return buttonRows(ctx, buttons, width);
}

} // namespace

Intent TerminalStatusView::drawContent(const ViewContext& ctx) {
    const Theme& th = ctx.theme;
    const TerminalFacts& f = ctx.facts;
    Intent intent;
    // A little room at the sides: a bold "J" reaches left of where its line starts, and the area's
    // edge cut it.
    PageFrame page(ctx, "###status", ctx.t.tr("Terminal status"),
                   {{"status.back", icon::Back, ctx.t.tr("Back"), Intent{intent::BackToFacilitator{}}}},
                   {.side = th.unit * 0.3F});
    const float w = page.bodyWidth();
    fact(ctx, i18n::N_("Kiosk version"), f.kioskVersion, w);
    fact(ctx, i18n::N_("Tutorials"),
         ctx.t.trCount("{} loaded", "{} loaded", f.tutorialsLoaded) + " · " +
             ctx.t.trWith(i18n::N_("content {}"), f.contentVersion),
         w);
    for (const auto& skipped : f.tutorialsSkipped)
        fact(ctx, i18n::N_("Skipped"), skipped, w);
    std::string reader = f.cardReader.empty() ? std::string() : f.cardReader + " · ";
    reader += f.cardVerdict ? ctx.t.tr(eidMessage(*f.cardVerdict).what) : ctx.t.tr(i18n::N_("Looking…"));
    fact(ctx, i18n::N_("Card reader"), reader, w);
    if (f.readAloud) {
        fact(ctx, i18n::N_("Read aloud"), ctx.t.tr(readAloudState(*f.readAloud)), w);
        ctx.map.note("read-aloud", speechStatusCode(*f.readAloud));
    }
    fact(ctx, i18n::N_("Free use"), freeUseState(ctx), w);
    if (const Intent pressed = freeUseActions(ctx, w); !isNone(pressed)) intent = pressed;
    fact(ctx, i18n::N_("Free disk"),
         f.freeDiskBytes ? fmt::format("{:.1f} GB", static_cast<double>(*f.freeDiskBytes) / 1e9) : "?", w);
    fact(ctx, i18n::N_("Visit log"),
         f.visitLogFailing ? megabytes(f.databaseBytes) + " · " +
                                 ctx.t.tr("Visits cannot be recorded at the moment (the log says why); the kiosk "
                                          "keeps working.")
                           : megabytes(f.databaseBytes),
         w);
    fact(ctx, i18n::N_("Last sync with the Region"),
         f.lastAgentSync == "never" ? ctx.t.tr(i18n::N_("never (no sync with the server yet)")) : f.lastAgentSync, w);
    fact(ctx, i18n::N_("Old visits"), retention(ctx), w);
    // For tests and assistive tooling: the rule, and the oldest day the Region lacks.
    ctx.map.note("retention", code(f.retention.rule));
    ctx.map.note("oldest-not-received", f.oldestNotReceived ? isoDate(*f.oldestNotReceived) : "none");

    ImGui::Dummy(ImVec2(0, th.unit * 0.4F));
    wrapped(th.strong, colour::Text, ctx.t.tr("Report an equipment problem"), w);
    for (const Equipment item : allEquipment()) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float labelW = std::min(w * 0.25F, th.unit * 8);
        ImGui::GetWindowDrawList()->AddText(th.body, th.unit, ImVec2(at.x, at.y + th.unit * 0.5F), colour::Text,
                                            ctx.t.tr(label(item)));
        ImGui::SetCursorScreenPos(ImVec2(at.x + labelW, at.y));
        std::vector<Chip> states;
        for (const EquipmentState s : allEquipmentStates()) {
            const std::string value = std::string(code(item)) + ":" + std::string(code(s));
            states.push_back(
                {"equipment." + value, ctx.t.tr(label(s)), ctx.flow.facilitator().lastEquipmentReport() == value});
        }
        ImGui::BeginGroup();
        if (const auto i = chipRows(ctx, states, w - labelW)) {
            intent = intent::ReportEquipment{item, allEquipmentStates()[*i]};
        }
        ImGui::EndGroup();
    }
    if (!ctx.flow.facilitator().lastEquipmentReport().empty())
        wrapped(th.lead, colour::Primary, std::string(icon::Check) + "  " + ctx.t.tr("Recorded. Thank you."), w);
    return page.finish(intent);
}

} // namespace dps::kiosk::ui
