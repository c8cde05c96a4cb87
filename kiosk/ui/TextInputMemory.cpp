#include "kiosk/ui/TextInputMemory.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <string.h> // explicit_bzero

namespace dps::kiosk::ui {

void wipeTextInputMemory() {
    ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return;
    ImGuiInputTextState& s = g->InputTextState;
    if (s.TextW.Data) explicit_bzero(s.TextW.Data, static_cast<std::size_t>(s.TextW.Size) * sizeof(ImWchar));
    if (s.TextA.Data) explicit_bzero(s.TextA.Data, static_cast<std::size_t>(s.TextA.Size));
    if (s.InitialTextA.Data) explicit_bzero(s.InitialTextA.Data, static_cast<std::size_t>(s.InitialTextA.Size));
    explicit_bzero(&s.Stb, sizeof s.Stb); // holds the undo history, typed characters included
    s.CurLenA = s.CurLenW = 0;
    s.ID = 0;
    ImGui::ClearActiveID();
}

} // namespace dps::kiosk::ui
