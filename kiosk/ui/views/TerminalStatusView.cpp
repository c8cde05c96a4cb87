#include "kiosk/ui/views/TerminalStatusView.h"
#include "dps/core/Clock.h"
#include "kiosk/presentation/EidMessages.h"
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Labels.h"
#include "kiosk/ui/PageFrame.h"

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

// Free use on this terminal: a session under way with its time left and a call for help, or why
// none can start.
std::string freeUseState(const ViewContext& ctx) {
    const KioskFlow& flow = ctx.flow;
    const i18n::Translator& t = ctx.t;
    if (flow.freeUse().running()) {
        std::string text = t.trCount("In free use, {} min left", "In free use, {} min left",
                                     static_cast<long>((flow.freeUseTimeLeft().count() + 59) / 60));
        if (flow.freeUse().helpRequested()) text += " · " + std::string(t.tr("help asked"));
        ctx.map.note("free-use-status", flow.freeUse().helpRequested() ? "running-help" : "running");
        return text;
    }
    if (!flow.settings().freeUse.enabled) {
        ctx.map.note("free-use-status", "off");
        return t.tr("Off (free_use.enabled in kiosk.toml).");
    }
    if (!flow.lastWipeVerified()) {
        ctx.map.note("free-use-status", "wipe-not-verified");
        return t.tr("Stopped: the last session's wipe could not be verified (the log says why). Restart the kiosk "
                    "once the computer has been checked.");
    }
    if (!flow.offersFreeUse()) {
        ctx.map.note("free-use-status", "no-browser");
        return t.tr("Not installed on this terminal (no browser session).");
    }
    ctx.map.note("free-use-status", "ready");
    return t.tr("Ready");
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
