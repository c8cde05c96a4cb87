#include "kiosk/ui/KeyboardFocus.h"
#include "kiosk/ui/Theme.h"

#include <SDL_scancode.h>
#include <algorithm>
#include <imgui_internal.h>
#include <utility>
#include <vector>

namespace dps::kiosk::ui {
namespace {

bool focusDrawn = false; // the focused control was drawn in the last frame (one ImGui context)
// The pointer-only controls of this frame and the last (ImGui 1.86's Tab request counts them
// whatever their flags), and which way the last Tab went: one landing on them goes on, a frame
// later, the same way.
std::vector<ImGuiID> pointerOnlyNow, pointerOnlyLast;
int lastTab = 0;

// Where Enter means something of its own: the lesson's next page, a keypad's OK (the facilitator's
// unlock, the e-ID's PIN entry; the e-ID screen's other pages have buttons only).
bool enterIsTheScreensOwn(const KioskFlow& flow) {
    switch (flow.screen()) {
    case Screen::Player:
    case Screen::FacilitatorUnlock: return true;
    case Screen::EidCheck: return flow.eid().phase() == EidPhase::PinEntry;
    default: return false;
    }
}

} // namespace

void tabToNextControl() {
    ImGuiContext& g = *GImGui;
    const ImGuiIO& io = g.IO;
    // io.NavActive is what NewFrame found: off while a practice takes the keys (it turns keyboard
    // navigation off as it draws, and the app turns it on again before the next screen draws).
    if (!io.NavActive || !(io.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) || g.ActiveId != 0 || io.KeyCtrl ||
        io.KeyAlt)
        return;
    const bool onHold = lastTab != 0 && g.NavId != 0 &&
                        std::find(pointerOnlyLast.begin(), pointerOnlyLast.end(), g.NavId) != pointerOnlyLast.end();
    const bool back = onHold ? lastTab < 0 : io.KeyShift;
    lastTab = 0;
    if (!onHold && !ImGui::IsKeyPressed(SDL_SCANCODE_TAB)) return;
    // ImGui's own request (made in NewFrame, text fields only) is replaced by one that counts
    // every control, as its SetKeyboardFocusHere() does: the control after (or before) the focused
    // one in the order they are drawn in this window and the areas flattened into it (page, band).
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    g.NavWindow = window;
    ImGui::NavMoveRequestSubmit(ImGuiDir_None, back ? ImGuiDir_Up : ImGuiDir_Down,
                                ImGuiNavMoveFlags_Tabbing | ImGuiNavMoveFlags_FocusApi,
                                ImGuiScrollFlags_KeepVisibleEdgeX | ImGuiScrollFlags_KeepVisibleEdgeY);
    // A focus not shown, or on a control no longer drawn, is none (a new screen focuses its first
    // control without showing it, a tap hides the focus): Tab then starts at the first control,
    // Shift+Tab at the last.
    if (!onHold && (g.NavDisableHighlight || !focusDrawn)) g.NavId = 0;
    g.NavTabbingDir = back ? -1 : g.NavId == 0 ? 0 : +1;
    lastTab = back ? -1 : +1;
    g.NavTabbingResultFirst.Clear();
    g.NavTabbingCounter = -1;
}

bool digitsAreTyped(const KioskFlow& flow) {
    const Screen s = flow.screen();
    return isFacilitatorScreen(s) || (s == Screen::EidCheck && flow.eid().phase() == EidPhase::PinEntry);
}

void keysBeforeFrame(const KioskFlow& shown) {
    focusDrawn = GImGui->NavIdIsAlive; // NewFrame clears it
    pointerOnlyLast.swap(pointerOnlyNow);
    pointerOnlyNow.clear();
    ImGuiIO& io = ImGui::GetIO();
    if (!(io.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard)) return;
    // A numeric keypad as on cash machines (issue 21): 8, 2, 4 and 6 move as the arrows do, 5
    // presses (0 goes back: KioskApp). Its keys are scancodes, the same with Num Lock on or off.
    if (!digitsAreTyped(shown) && !io.WantTextInput) {
        constexpr std::pair<int, int> pad[] = {{SDL_SCANCODE_KP_8, ImGuiNavInput_KeyUp_},
                                               {SDL_SCANCODE_KP_2, ImGuiNavInput_KeyDown_},
                                               {SDL_SCANCODE_KP_4, ImGuiNavInput_KeyLeft_},
                                               {SDL_SCANCODE_KP_6, ImGuiNavInput_KeyRight_},
                                               {SDL_SCANCODE_KP_5, ImGuiNavInput_Activate}};
        for (const auto& [key, nav] : pad)
            if (ImGui::IsKeyDown(key)) io.NavInputs[nav] = 1.0F;
    }
    if (enterIsTheScreensOwn(shown)) return;
    // A text field takes Enter itself (ImGui's "input" key); a button counts only Activate.
    if (ImGui::IsKeyDown(SDL_SCANCODE_RETURN) || ImGui::IsKeyDown(SDL_SCANCODE_KP_ENTER))
        io.NavInputs[ImGuiNavInput_Activate] = 1.0F;
}

void focusRing(UiMap& map, const char* id, ImVec2 min, ImVec2 max, float unit, ImU32 ringColour) {
    if (!ImGui::IsItemFocused() || !ImGui::GetIO().NavVisible) return;
    map.note("focus", id);
    const ImVec2 pad(unit * 0.2F, unit * 0.2F);
    ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - pad.x, min.y - pad.y), ImVec2(max.x + pad.x, max.y + pad.y),
                                        ringColour != 0 ? ringColour : colour::Focus, unit * 0.5F, 0, unit * 0.15F);
}

void showFocus() { GImGui->NavDisableHighlight = false; }

PointerOnly::PointerOnly() { ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true); }
PointerOnly::~PointerOnly() {
    ImGui::PopItemFlag();
    pointerOnlyNow.push_back(GImGui->LastItemData.ID);
}

} // namespace dps::kiosk::ui
