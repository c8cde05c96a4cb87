#pragma once
#include "kiosk/core/Speech.h"

#include <filesystem>
#include <memory>
#include <string>

namespace dps::kiosk {

// --speech-capture PIPE (tests only, issue 21): every say() and stop() is also written to a named
// pipe the test reads ("say LANG TEXT" and "stop", a line each), and speech is available whether
// or not this machine has a sound device, so a test on a virtual display hears what a visitor
// would. Only a pipe: what is spoken can be read from an e-ID card, and is never written to disk.
class SpeechCapture final : public Speech {
public:
    // Throws std::runtime_error when `pipe` is not a named pipe or cannot be opened.
    SpeechCapture(Speech& inner, const std::filesystem::path& pipe);
    SpeechCapture(const SpeechCapture&) = delete;
    SpeechCapture& operator=(const SpeechCapture&) = delete;
    ~SpeechCapture() override;

    [[nodiscard]] bool available() const override { return true; }
    void say(const std::string& text, const std::string& language) override;
    void stop() override;
    [[nodiscard]] bool speaking() const override { return inner_.speaking(); }
    [[nodiscard]] SpeechStatus status() const override { return inner_.status(); }
    void setRate(int wordsPerMinute) override;

private:
    void write(const std::string& line);

    Speech& inner_;
    int fd_ = -1;
};

} // namespace dps::kiosk
