#pragma once
#include "kiosk/ui/PageParts.h"

#include <string>
#include <vector>

namespace dps::kiosk::ui {

// The frame of a screen that lays out its own areas (View::scrollsAsOnePage() false: the
// facilitator's screens): a title at the top, a body that scrolls between the title and the
// footer, and the footer's buttons pinned at the bottom of the screen. One place for that frame,
// so the screens cannot drift apart. Constructed where the screen starts (it draws the title and
// opens the body); the view draws the body, then finish() closes it and draws the footer:
//
//     PageFrame page(ctx, "###status", ctx.t.tr("Terminal status"), {{"status.back", …}});
//     … the body, at most page.bodyWidth() wide …
//     return page.finish(intent);
class PageFrame {
public:
    struct Look {
        // Room at the body's sides (a bold "J" reaches left of where its line starts).
        float side = 0;
        // A finger drags the body to scroll it; off where the body is a keypad.
        bool dragScrolls = true;
    };

    PageFrame(const ViewContext& ctx, const char* bodyId, const std::string& title, std::vector<Button> footer);
    PageFrame(const ViewContext& ctx, const char* bodyId, const std::string& title, std::vector<Button> footer,
              Look look);
    PageFrame(const PageFrame&) = delete;
    PageFrame& operator=(const PageFrame&) = delete;
    // Closes the body if finish() was not reached, so an early return cannot unbalance ImGui.
    ~PageFrame();

    // The screen's width inside its padding, which the body and the footer share.
    [[nodiscard]] float width() const { return width_; }
    // What the body's lines may take: the width without the scroll bar and the side room.
    [[nodiscard]] float bodyWidth() const { return bodyWidth_; }
    [[nodiscard]] float bodyHeight() const { return bodyHeight_; }

    // Closes the body (what the view notes after it is then outside it).
    void endBody();
    // Closes the body and draws the footer: the intent of the footer's button pressed, else body's.
    Intent finish(Intent body);

private:
    const ViewContext& ctx_;
    std::vector<Button> footer_;
    Look look_;
    float width_ = 0;
    float bodyWidth_ = 0;
    float bodyHeight_ = 0;
    bool bodyOpen_ = false;
};

} // namespace dps::kiosk::ui
