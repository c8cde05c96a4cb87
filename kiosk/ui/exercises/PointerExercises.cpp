// Practice with the mouse or a finger: click targets, double-click, drag and drop, scroll.
#include "kiosk/ui/Icons.h"
#include "kiosk/ui/Widgets.h"
#include "kiosk/ui/exercises/ExerciseView.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <fmt/core.h>
#include <optional>

namespace dps::kiosk::ui {
namespace {

void counter(const ViewContext& ctx, int done, int total) {
    const std::string text = fmt::format("{} / {}", done, total);
    ImGui::PushFont(ctx.theme.heading);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

// A drag-drop target as the content names it (kDropTargets); open while something is over it.
const char* targetIcon(const std::string& pictogram, bool over) {
    if (pictogram == "envelope") return icon::Envelope;
    if (pictogram == "basket") return icon::Basket;
    return over ? icon::FolderOpen : icon::Folder;
}

ImVec2 placeInArea(ImVec2 origin, ImVec2 area, float fx, float fy, float size) {
    return ImVec2(origin.x + std::clamp(fx * area.x - size * 0.5F, 0.0F, area.x - size),
                  origin.y + std::clamp(fy * area.y - size * 0.5F, 0.0F, area.y - size));
}

} // namespace

void drawClickTargets(const ViewContext& ctx, ClickTargetsRun& run, Practice& p, Demo demo) {
    const Theme& th = ctx.theme;
    p.missing = ctx.t.tr("Click on each round target.");
    const ImVec2 top = ImGui::GetCursorScreenPos();
    counter(ctx, run.hits(), run.count());
    if (run.done()) return doneBanner(ctx);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 field(p.area.x, std::max(th.touchTarget() * 1.6F, p.area.y - (origin.y - top.y)));
    const float d = th.touchTarget() * run.size();
    const ImVec2 at = placeInArea(origin, field, run.x(), run.y(), d);
    ImGui::SetCursorScreenPos(at);
    const bool hit = ImGui::InvisibleButton("target", ImVec2(d, d));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 c(at.x + d * 0.5F, at.y + d * 0.5F);
    draw->AddCircleFilled(c, d * 0.5F, ImGui::IsItemHovered() ? colour::PrimaryHover : colour::Primary, 48);
    draw->AddCircleFilled(c, d * 0.18F, colour::OnPrimary, 24);
    ctx.map.record("exercise.target", at, ImVec2(at.x + d, at.y + d));
    if (hit)
        run.hit();
    else if (ImGui::IsMouseClicked(0) && ImGui::IsWindowHovered() && !ImGui::IsItemHovered() &&
             ImGui::IsMouseHoveringRect(origin, ImVec2(origin.x + field.x, origin.y + field.y)))
        run.miss();
    if (demo) {
        // From the far side of the practice area to the circle's centre.
        const ImVec2 from(origin.x + field.x * (run.x() < 0.5F ? 0.85F : 0.15F),
                          origin.y + field.y * (run.y() < 0.5F ? 0.8F : 0.2F));
        demoPointer(ctx, DemoGesture::Click, *demo, from, c);
    }
    // The field keeps its size in the page, wherever the target is.
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(field);
}

void drawDoubleClick(const ViewContext& ctx, DoubleClickRun& run, Practice& p, Demo demo) {
    const Theme& th = ctx.theme;
    p.missing = ctx.t.tr("Double-click on the folder.");
    counter(ctx, run.openedCount(), run.count());
    if (run.done()) return doneBanner(ctx);
    practiceText(ctx.t.tr("Double-click: press the left button twice, quickly, without moving."), colour::Text);
    const float s = th.unit * 5;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (p.area.x - s) * 0.5F);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool activated = ImGui::InvisibleButton("folder", ImVec2(s, s));
    const bool hovered = ImGui::IsItemHovered();
    if (hovered && ImGui::IsMouseDoubleClicked(0))
        run.opened();
    else if (hovered && ImGui::IsMouseClicked(0))
        run.singleClick(ImGui::GetTime());
    // With the keyboard, Space on the focused folder opens it, as Enter does in a file manager.
    else if (activated && !ImGui::IsMouseReleased(0))
        run.opened();
    const ImU32 col = hovered ? colour::PrimaryHover : colour::Primary;
    ImGui::GetWindowDrawList()->AddText(th.tileIcon, s, at, col, icon::Folder);
    ctx.map.record("exercise.folder", at, ImVec2(at.x + s, at.y + s));
    if (demo)
        demoPointer(ctx, DemoGesture::DoubleClick, *demo, ImVec2(at.x + s * 1.5F, at.y + s * 1.1F),
                    ImVec2(at.x + s * 0.5F, at.y + s * 0.55F));
    // Two clicks too far apart are two single clicks to the computer: say so, or the visitor
    // clicks on slowly, not knowing why nothing opens.
    if (run.tooSlow())
        practiceText(ctx.t.tr("Almost! The two clicks were too slow: press twice, a little quicker."), colour::Accent);
    ctx.map.note("double-click", run.tooSlow() ? "too-slow" : "waiting");
}

void drawDragDrop(const ViewContext& ctx, const DragDropExercise& e, DragDropRun& run, Practice& p, Demo demo) {
    const Theme& th = ctx.theme;
    int placed = 0;
    for (int i = 0; i < run.count(); ++i)
        placed += run.placed(i) ? 1 : 0;
    const std::string item = ctx.text(e.item), target = ctx.text(e.target);
    p.missing = fmt::format(fmt::runtime(ctx.t.tr("Drag each “{}” onto “{}”.")), item, target);
    counter(ctx, placed, run.count());
    if (run.done()) return doneBanner(ctx);
    const ImVec2 start = ImGui::GetCursorPos();
    const float inner = p.area.x;
    const float room = std::max(p.area.y - ImGui::GetItemRectSize().y - ImGui::GetStyle().ItemSpacing.y,
                                static_cast<float>(run.count()) * (th.touchTarget() + th.unit * 0.4F));

    // The box first, so an item dragged over it is drawn on top.
    const ImVec2 box(inner * 0.45F, room);
    ImGui::SetCursorPos(ImVec2(start.x + inner - box.x, start.y));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 boxMax(at.x + box.x, at.y + box.y);
    // Keyboard: Space on an item picks it up, Space on the box puts it there.
    if (ImGui::InvisibleButton("box", box) && run.picked() && !ImGui::IsMouseReleased(0)) run.putPicked();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const bool over = ImGui::IsMouseHoveringRect(at, boxMax) && ImGui::IsAnyItemActive();
    draw->AddRectFilled(at, boxMax, over ? colour::PrimaryHover : colour::SurfaceHover, th.unit * 0.5F);
    draw->AddRect(at, boxMax, colour::Outline, th.unit * 0.5F, 0, th.unit * 0.12F);
    draw->AddText(th.tileIcon, th.unit * 2.5F, ImVec2(at.x + box.x * 0.5F - th.unit * 1.25F, at.y + th.unit),
                  over ? colour::OnPrimary : colour::Primary, targetIcon(e.targetPictogram, over));
    draw->AddText(th.body, th.unit, ImVec2(at.x + th.unit * 0.5F, boxMax.y - th.unit * 1.6F),
                  over ? colour::OnPrimary : colour::Text, target.c_str(), nullptr, box.x - th.unit);
    ctx.map.record("exercise.box", at, boxMax);

    // Each item is pressed, carried with the pointer, and let go: on the box it stays there.
    const ImVec2 chip(inner * 0.45F, th.touchTarget());
    std::optional<ImVec2> firstItem; // where "Show me" picks one up
    for (int i = 0; i < run.count(); ++i) {
        if (run.placed(i)) continue;
        ImGui::SetCursorPos(ImVec2(start.x, start.y + static_cast<float>(i) * (chip.y + th.unit * 0.4F)));
        const std::string id = "exercise.item." + std::to_string(i);
        const std::string label = std::string(icon::File) + "  " + item + " " + std::to_string(i + 1);
        if (ImGui::InvisibleButton(id.c_str(), chip) && !ImGui::IsMouseReleased(0)) run.pick(i);
        keepDrag();
        ImVec2 a = ImGui::GetItemRectMin();
        ctx.map.record(id, a, ImGui::GetItemRectMax());
        if (!firstItem) firstItem = a;
        if (ImGui::IsItemActive() && ImGui::IsMouseDragging(0, 2.0F)) {
            const ImVec2 d = ImGui::GetMouseDragDelta(0, 2.0F);
            a = ImVec2(a.x + d.x, a.y + d.y);
        }
        if (ImGui::IsItemDeactivated()) {
            const ImVec2 m = ImGui::GetIO().MousePos;
            const bool moved =
                std::abs(ImGui::GetMouseDragDelta(0, 0).x) + std::abs(ImGui::GetMouseDragDelta(0, 0).y) > 4 ||
                ImGui::IsMouseHoveringRect(at, boxMax);
            if (moved) run.dropped(i, m.x >= at.x && m.x <= boxMax.x && m.y >= at.y && m.y <= boxMax.y);
        }
        ImDrawList* top = ImGui::IsItemActive() ? ImGui::GetForegroundDrawList() : draw;
        const ImVec2 b(a.x + chip.x, a.y + chip.y);
        const bool lifted = ImGui::IsItemActive() || run.picked() == i;
        top->AddRectFilled(a, b, lifted ? colour::SurfaceHover : colour::Surface, th.unit * 0.4F);
        top->AddRect(a, b, lifted ? colour::Focus : colour::Outline, th.unit * 0.4F, 0,
                     th.unit * (lifted ? 0.2F : 0.12F));
        const ImVec2 ts = th.body->CalcTextSizeA(th.unit, FLT_MAX, chip.x - th.unit * 0.6F, label.c_str());
        top->AddText(th.body, th.unit,
                     ImVec2(a.x + std::max(th.unit * 0.3F, (chip.x - ts.x) * 0.5F), a.y + (chip.y - ts.y) * 0.5F),
                     colour::Text, label.c_str(), nullptr, chip.x - th.unit * 0.6F);
    }
    if (demo && firstItem) {
        // An outline of the item travels with the pointer while it is held, and goes back.
        const ImVec2 from(firstItem->x + chip.x * 0.5F, firstItem->y + chip.y * 0.5F);
        const ImVec2 to(at.x + box.x * 0.5F, at.y + box.y * 0.5F);
        const DemoFrame f = demoFrame(DemoGesture::Drag, *demo);
        if (f.pressed) {
            const ImVec2 c(from.x + (to.x - from.x) * f.travel, from.y + (to.y - from.y) * f.travel);
            const ImVec2 a(c.x - chip.x * 0.5F, c.y - chip.y * 0.5F), b(c.x + chip.x * 0.5F, c.y + chip.y * 0.5F);
            draw->AddRect(a, b, colour::Focus, th.unit * 0.4F, 0, th.unit * 0.2F);
        }
        demoPointer(ctx, DemoGesture::Drag, *demo, from, to);
    }
    ImGui::SetCursorPos(start);
    ImGui::Dummy(ImVec2(inner, box.y));
}

void drawScroll(const ViewContext& ctx, const ScrollExercise& e, ScrollRun& run, Practice& p, Demo demo) {
    const Theme& th = ctx.theme;
    const std::string find = ctx.text(e.find);
    const std::string ask = fmt::format(fmt::runtime(ctx.t.tr("Scroll down to find “{}”, then click it.")), find);
    p.missing = ask;
    if (run.done()) return doneBanner(ctx);
    const float top = ImGui::GetCursorPosY();
    practiceText(ask, colour::Text);
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, th.unit * 1.6F);
    // The list is the lesson's own scrolling area: it fits the practice area, so the page around
    // it need not scroll while it is used.
    const float h = std::max(th.unit * 6, p.area.y - (ImGui::GetCursorPosY() - top));
    ImGui::BeginChild("###list", ImVec2(p.area.x, h), true);
    for (int line = 0; line < run.lines(); ++line) {
        ImGui::PushID(line);
        const bool target = line == run.targetLine();
        const std::string label = target ? find : fmt::format("{}", line + 1);
        if (ImGui::Selectable(label.c_str(), false, 0, ImVec2(0, th.unit * 1.6F))) run.clicked(line);
        if (target) {
            ctx.map.record("exercise.find", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        }
        ImGui::PopID();
    }
    dragToScroll(th.unit); // a finger drags the list, as on a phone
    ImGui::EndChild();
    ImGui::PopStyleVar();
    const ImVec2 listMin = ImGui::GetItemRectMin(), listMax = ImGui::GetItemRectMax();
    ctx.map.record("exercise.list", listMin, listMax);
    if (demo) {
        // The scroll bar held and pulled down (a finger dragging the list works too).
        const float x = listMax.x - th.unit * 0.8F;
        demoPointer(ctx, DemoGesture::Scroll, *demo, ImVec2(x, listMin.y + th.unit * 1.5F),
                    ImVec2(x, listMin.y + (listMax.y - listMin.y) * 0.7F));
    }
}

} // namespace dps::kiosk::ui
