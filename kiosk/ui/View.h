#pragma once
#include "dps/i18n/Catalog.h"
#include "kiosk/core/Intent.h"
#include "kiosk/core/KioskFlow.h"
#include "kiosk/core/Speech.h"
#include "kiosk/core/TerminalFacts.h"
#include "kiosk/ui/Images.h"
#include "kiosk/ui/Theme.h"
#include "kiosk/ui/UiMap.h"

#include <string>
#include <vector>

namespace dps::kiosk::ui {

// What a view may read while it draws. It changes nothing: it answers with an Intent.
struct ViewContext {
    const KioskFlow& flow;
    // The tutorial being followed: exercise views call its exercise's rule methods (the
    // exercise's own intents), nothing else.
    TutorialRun* run;
    const i18n::Catalog& catalog;
    const i18n::Translator& t; // the visitor's language
    const Theme& theme;
    UiMap& map;
    const std::string& siteName;
    Images& images;
    const Speech* speech; // nullptr or unavailable: no read-aloud button
    // Where the e-ID screen's pictures are (<data_dir>/eid-pictures).
    const std::filesystem::path& eidPictures;
    // For the facilitators' terminal status panel.
    const TerminalFacts& facts;

    // A tutorial text in the visitor's language; when only another language has it, that text
    // with a visible mark (a globe and the language shown).
    [[nodiscard]] std::string text(const LocalText& t) const;
    // The same without the mark, for reading aloud.
    [[nodiscard]] std::string plainText(const LocalText& t) const;
};

// Read-aloud's text from a screen's parts (title, words, each button's word): each ends with a
// full stop unless it ends with punctuation already, so the voice pauses between them.
std::string sentences(const std::vector<std::string>& parts);

// Base of every screen: draw() sets up the full-screen window and the kiosk's top band, then
// calls drawContent(), so no screen can forget them.
//
// A visitor's screen is one page that scrolls under the band (with a scroll bar and a fade at
// the bottom edge when there is more), and optionally a footer kept at the bottom of the screen
// (drawFooter). The band is its own area, drawn over nothing and under nothing: what scrolls
// never reaches it, and a tap there reaches only the band. A new page (another screen, or what
// pageKey() names: a tutorial's step) starts at the top. Short pages are centred vertically
// using the height they had on the previous frame; the first frame of a page is measured, not
// shown. Facilitator screens (scrollsAsOnePage() false) lay out their own areas below the band.
class View {
public:
    virtual ~View() = default;
    [[nodiscard]] virtual Screen screen() const = 0;
    // Short screens sit in the middle; screens that fill the height start at the top.
    [[nodiscard]] virtual bool centred() const { return true; }
    // Text size, contrast and language belong to visitors' screens, not to facilitator mode.
    [[nodiscard]] virtual bool showsBandButtons() const { return true; }
    // False: the view lays out its own areas (with their own scrolling) in the whole window.
    [[nodiscard]] virtual bool scrollsAsOnePage() const { return true; }
    // True: the view is the whole window, with no band (the free-use session bar, a thin strip
    // above the browser, draws its own controls).
    [[nodiscard]] virtual bool wholeWindow() const { return false; }
    // What the band's read-aloud button says on this screen, in the visitor's language; empty:
    // no such button (facilitator screens, and screens with a read-aloud button of their own).
    [[nodiscard]] virtual std::string spokenText(const ViewContext& ctx) const;

    // How long the place's name in the top band is held to open facilitator mode.
    static constexpr float kFacilitatorHold = 2.0F;
    Intent draw(const ViewContext& ctx);
    // What the voice guide says when this page opens (issue 21): spokenText(), or what the view
    // gave narrate() as it drew the last frame (a tutorial's step, the e-ID check's verdict).
    [[nodiscard]] std::string narration(const ViewContext& ctx) const {
        return narrated_.empty() ? spokenText(ctx) : narrated_;
    }
    // What the page says is happening now, for the voice guide (the digits of a PIN typed so
    // far, never which): said whenever it changes. Given by the view while drawing, or empty.
    [[nodiscard]] const std::string& live() const { return live_; }
    // Which page of the screen is shown (pageKey): the voice guide says a new one.
    [[nodiscard]] std::string page(const ViewContext& ctx) const { return pageKey(ctx); }
    // False while the layout is still moving (the first frame of a screen is measured, not
    // shown): the UI map must not publish positions that are about to change.
    [[nodiscard]] bool settled() const { return settled_; }

protected:
    virtual Intent drawContent(const ViewContext& ctx) = 0;
    // Buttons kept at the bottom of the screen, outside the scrolling page, drawn after
    // drawContent() (which may leave there what they need). Nothing by default.
    virtual Intent drawFooter(const ViewContext&) { return {}; }
    // What the page shows within the screen (a tutorial's step): when it changes, the page
    // starts again at the top.
    [[nodiscard]] virtual std::string pageKey(const ViewContext&) const { return {}; }
    // The page's text for the voice guide, when spokenText() is not it (a view with a read-aloud
    // button of its own); called while drawing, each frame.
    void narrate(std::string text) { narrated_ = std::move(text); }
    void announce(std::string text) { live_ = std::move(text); }

private:
    Intent drawBand(const ViewContext& ctx);
    Intent drawPage(const ViewContext& ctx, bool fresh);
    Intent drawFixed(const ViewContext& ctx, bool fresh);

    float contentHeight_ = -1; // unknown until measured
    float footerHeight_ = 0;
    float pageWidth_ = 0;
    int lastFrame_ = -2;
    int topFrames_ = 0; // frames a new page is still held at its top
    std::string shownKey_;
    std::string narrated_;
    std::string live_;
    bool settled_ = false;
    bool holdFired_ = false; // the facilitator control opens once per press
};

} // namespace dps::kiosk::ui
