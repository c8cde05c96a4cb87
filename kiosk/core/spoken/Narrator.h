#pragma once
#include "kiosk/core/spoken/SpokenControl.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk {

// A page as the voice guide hears it: a key that changes with the screen or the step, its text,
// and what it says is happening now (the digits of a PIN typed so far: said whenever it changes,
// even when only its numbers do).
struct SpokenPage {
    std::string key = {};
    std::string text = {};
    std::string live = {};
};

// The voice guide (issue 21, EN 301 549 clause 5.1: a closed product speaks for itself): when it
// is on, what the visitor must hear, and when. It decides; the words come from the caller
// (translated), the voice from the Speech port. Nothing it says is kept beyond the last sentence,
// which the visitor can ask to hear again; nothing is logged.
//
// Each drawn frame the app tells it the page (a key that changes with the screen or the step, and
// the page's text) and the control the focus is on. A new page says the page, then the focused
// control; a focus that moves says the control; a page whose text changes says the new text,
// unless only its numbers changed (a countdown ticking would talk over everything); a page's live
// words are said whenever they change. Whatever is said interrupts what was being said: the
// visitor's last action comes first.
class Narrator {
public:
    using Describe = std::function<std::string(const SpokenControl&)>;

    [[nodiscard]] bool on() const { return on_; }

    // Turns the guide on (the next frame says `help`, the page and the focused control: returns
    // nothing) or off (returns `bye`, to say at once).
    std::optional<std::string> toggle(const std::string& help, const std::string& bye);
    // The visit ended: off, with nothing said (the next person starts without it).
    void end();

    // After a drawn frame: what to say now, if anything (nothing while off).
    std::optional<std::string> frame(const SpokenPage& page, const std::optional<SpokenControl>& focus,
                                     const Describe& describe);

    // What was said last (the repeat key), empty when nothing was.
    [[nodiscard]] const std::string& last() const { return last_; }

private:
    std::string say(std::string text);
    void forgetPage();

    bool on_ = false;
    bool fresh_ = false; // just turned on: the next frame says the page whatever it is
    std::string help_;
    std::string pageKey_, pageText_, live_;
    std::optional<SpokenControl> focus_;
    std::string last_;
};

// The text with its digits taken out: two texts that differ only by their numbers (a countdown)
// are the same page for the guide.
std::string withoutDigits(const std::string& text);

// Parts joined into sentences: each ends with a full stop unless it ends with punctuation, so the
// voice pauses between them; empty parts are left out.
std::string spokenSentences(const std::vector<std::string>& parts);

} // namespace dps::kiosk
