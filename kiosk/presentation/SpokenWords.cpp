#include "kiosk/presentation/SpokenWords.h"

#include <fmt/core.h>

namespace dps::kiosk {

using i18n::N_;

std::string speakable(std::string_view label) {
    std::string out;
    out.reserve(label.size());
    bool space = true; // no space at the start
    for (std::size_t i = 0; i < label.size();) {
        const auto c = static_cast<unsigned char>(label[i]);
        const std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        const std::string_view glyph = label.substr(i, n);
        i += n;
        // U+E000..U+F8FF, three bytes EE 80 80 .. EF A3 BF: Font Awesome's icons.
        if (glyph.size() == 3) {
            const unsigned cp = ((static_cast<unsigned char>(glyph[0]) & 0x0FU) << 12) |
                                ((static_cast<unsigned char>(glyph[1]) & 0x3FU) << 6) |
                                (static_cast<unsigned char>(glyph[2]) & 0x3FU);
            if (cp >= 0xE000 && cp <= 0xF8FF) continue;
        }
        if (glyph == " " || glyph == "\n" || glyph == "\t") {
            if (!space) out += ' ';
            space = true;
            continue;
        }
        out += glyph;
        space = false;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::string describeControl(const SpokenControl& control, const i18n::Translator& t) {
    const char* role = N_("button");
    switch (control.role) {
    case SpokenRole::Button: role = N_("button"); break;
    case SpokenRole::Choice: role = N_("choice"); break;
    case SpokenRole::Key: role = N_("key"); break;
    case SpokenRole::Field: role = N_("text field"); break;
    }
    std::string out = fmt::format("{}, {}", t.tr(role), speakable(control.name));
    if (control.chosen) out += fmt::format(", {}", *control.chosen ? t.tr("chosen") : t.tr("not chosen"));
    if (control.waiting) out += fmt::format(", {}", t.tr("not available yet"));
    return out;
}

std::string voiceGuideHelp(const i18n::Translator& t) {
    return t.tr("Voice guide on. Tab or the arrows move from one control to the next, Enter chooses, F2 says it "
                "again, F1 turns the voice guide off.");
}

std::string voiceGuideHint(const i18n::Translator& t) {
    return t.tr("For the voice guide, press F1, or hold the space bar for two seconds.");
}

std::string voiceGuideOff(const i18n::Translator& t) { return t.tr("Voice guide off."); }

} // namespace dps::kiosk
