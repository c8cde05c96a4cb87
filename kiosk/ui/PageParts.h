#pragma once
#include "kiosk/ui/View.h"
#include "kiosk/ui/Widgets.h"

#include <functional>
#include <string>
#include <vector>

namespace dps::kiosk::ui {

// Layout pieces the full screens share: a button described by its id, icon, label and intent;
// rows of them that wrap; wrapped text; the bottom row of a screen.
struct Button {
    const char* id;
    const char* icon;
    std::string label;
    Intent intent;
    ButtonLook look = ButtonLook::Choice;
};

// The visitor chose large text (150 or 200 %).
bool largeText(const ViewContext& ctx);
// Titles: the heading font, or bold body text with large text.
ImFont* titleFont(const ViewContext& ctx);
float buttonWidth(const ViewContext& ctx, const Button& b, float available);
// Buttons left to right from the cursor, wrapping at width; the intent of the one pressed.
Intent buttonRows(const ViewContext& ctx, const std::vector<Button>& buttons, float width);
int rowsFor(const ViewContext& ctx, const std::vector<Button>& buttons, float width);
// The height buttons need at the bottom of the screen.
float footerHeight(const ViewContext& ctx, const std::vector<Button>& buttons, float width);
// Draws buttons at the very bottom of the screen (after the content).
Intent footer(const ViewContext& ctx, const std::vector<Button>& buttons, float width);
// Text wrapped at the window's edge, or at width when one is given.
void wrapped(ImFont* font, ImU32 ink, const std::string& text, float width = 0);

// A question over the screen, which is dimmed and takes no taps until it is answered: a title,
// a sentence, and two buttons side by side (the first is the safe one). The screen under it is
// drawn disabled by its view. The intent of the button pressed.
struct Question {
    const char* title;
    const char* body;
    Button stay, go;
};
Intent askOverScreen(const ViewContext& ctx, const Question& q);

// A row of chips that are on or off (purposes, audiences, languages…): the id of the one pressed.
struct Chip {
    std::string id; // in the UI map
    std::string label;
    bool on = false;
    bool enabled = true;
};
std::optional<std::size_t> chipRows(const ViewContext& ctx, const std::vector<Chip>& chips, float width);

} // namespace dps::kiosk::ui
