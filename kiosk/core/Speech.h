#pragma once
#include <string>

namespace dps::kiosk {

// Reading a text aloud in a language. say() and stop() return at once; speech runs elsewhere.
// What is spoken is never logged or kept.
class Speech {
public:
    virtual ~Speech() = default;
    // False when this terminal cannot speak (no sound device, no voice data): the button is hidden.
    [[nodiscard]] virtual bool available() const = 0;
    virtual void say(const std::string& text, const std::string& language) = 0;
    virtual void stop() = 0;
    [[nodiscard]] virtual bool speaking() const = 0;
};

} // namespace dps::kiosk
