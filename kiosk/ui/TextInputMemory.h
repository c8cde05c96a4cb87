#pragma once

namespace dps::kiosk::ui {

// Dear ImGui keeps its own copies of the text being edited (and an undo buffer) after a field
// loses focus. When a visitor leaves a step or a visit, they are zeroed so nothing typed (a
// practice password above all) stays in memory.
void wipeTextInputMemory();

} // namespace dps::kiosk::ui
