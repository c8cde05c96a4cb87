#pragma once
#include "kiosk/ui/View.h"

#include <memory>
#include <vector>

namespace dps::kiosk::ui {

// Every screen's view, registered in one list.
std::vector<std::unique_ptr<View>> makeViews();

} // namespace dps::kiosk::ui
