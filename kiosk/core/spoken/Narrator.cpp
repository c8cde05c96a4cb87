#include "kiosk/core/spoken/Narrator.h"

#include <algorithm>
#include <string_view>

namespace dps::kiosk {

std::string withoutDigits(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    std::copy_if(text.begin(), text.end(), std::back_inserter(out), [](char c) { return c < '0' || c > '9'; });
    return out;
}

std::string spokenSentences(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) {
        const auto end = part.find_last_not_of(" \n");
        if (end == std::string::npos) continue;
        if (!out.empty()) out += ' ';
        const std::string_view text(part.data(), end + 1);
        out += text;
        bool closed = false;
        for (const std::string_view mark : {".", "!", "?", ":", ";", "\u2026"})
            closed = closed || text.ends_with(mark);
        if (!closed) out += '.';
    }
    return out;
}

std::optional<std::string> Narrator::toggle(const std::string& help, const std::string& bye) {
    on_ = !on_;
    if (!on_) {
        forgetPage();
        return say(bye);
    }
    fresh_ = true;
    help_ = help;
    return std::nullopt;
}

void Narrator::end() {
    on_ = false;
    fresh_ = false;
    forgetPage();
    last_.clear();
}

void Narrator::forgetPage() {
    focus_.reset();
    pageKey_.clear();
    pageText_.clear();
    live_.clear();
}

std::optional<std::string> Narrator::frame(const SpokenPage& page, const std::optional<SpokenControl>& focus,
                                           const Describe& describe) {
    if (!on_) return std::nullopt;
    // Described only when said: most frames say nothing.
    const auto control = [&] { return focus ? describe(*focus) : std::string(); };
    if (fresh_ || page.key != pageKey_) {
        const std::string help = fresh_ ? help_ : std::string();
        fresh_ = false;
        pageKey_ = page.key;
        pageText_ = page.text;
        live_ = page.live;
        focus_ = focus;
        return say(spokenSentences({help, page.text, page.live, control()}));
    }
    const bool moved = focus && focus != focus_;
    if (focus) focus_ = focus;
    const bool textChanged = withoutDigits(page.text) != withoutDigits(pageText_);
    pageText_ = page.text;
    if (page.live != live_ || textChanged) {
        live_ = page.live;
        return say(
            spokenSentences({textChanged ? page.text : std::string(), page.live, moved ? control() : std::string()}));
    }
    // The focus left the controls (a tap, or Tab's frame between two controls): nothing to say,
    // and coming back to the same control says nothing again.
    if (!moved) return std::nullopt;
    return say(control());
}

std::string Narrator::say(std::string text) {
    last_ = text;
    return text;
}

} // namespace dps::kiosk
