#pragma once
#include "kiosk/ui/View.h"

namespace dps::kiosk::ui {

// Tutorials by theme (tabs) and level: big cards with pictogram, title, level and minutes, and
// a mark on those finished during this visit.
class CatalogueView final : public View {
public:
    [[nodiscard]] Screen screen() const override { return Screen::Catalogue; }
    [[nodiscard]] std::string spokenText(const ViewContext& ctx) const override;

    [[nodiscard]] bool centred() const override { return false; }

protected:
    Intent drawContent(const ViewContext& ctx) override;
};

const char* themeLabel(const std::string& theme); // untranslated msgid

} // namespace dps::kiosk::ui
