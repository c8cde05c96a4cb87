#pragma once
#include <string>
#include <string_view>

namespace dps::kiosk {

// What read-aloud can do on this terminal, for the facilitators' status panel (a visitor only
// sees the button, or not).
enum class SpeechStatus {
    Starting,          // the speech engine is being set up
    Works,             // ready; the last reading, if any, was heard
    NoSoundDevice,     // no sound output was found: no button
    NoEngine,          // espeak-ng could not start: no button
    LastReadingFailed, // the button is there, but the last reading was not heard
};
std::string_view speechStatusCode(SpeechStatus s); // "works", "no_sound_device"…

// Reading a text aloud in a language. say() and stop() return at once; speech runs elsewhere.
// What is spoken is never logged or kept.
class Speech {
public:
    virtual ~Speech() = default;
    // False when this terminal cannot speak (no sound device, no voice data): the button is hidden.
    [[nodiscard]] virtual bool available() const = 0;
    virtual void say(const std::string& text, const std::string& language) = 0;
    virtual void stop() = 0;
    // True from say() until the reading ends, is stopped, or fails.
    [[nodiscard]] virtual bool speaking() const = 0;
    [[nodiscard]] virtual SpeechStatus status() const = 0;
    // How fast the next readings go, in words a minute (the voice guide's slower and faster keys,
    // issue 21), until changed again.
    virtual void setRate(int wordsPerMinute) = 0;
    // Read-aloud's pace: slower than espeak-ng's 175, easier to follow; and the guide's bounds.
    static constexpr int kNormalRate = 145, kSlowestRate = 85, kFastestRate = 325, kRateStep = 20;
};

} // namespace dps::kiosk
