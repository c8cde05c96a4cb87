#pragma once
#include "kiosk/core/ReadingWatch.h"
#include "kiosk/core/Speech.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace dps::kiosk {

// Speech through espeak-ng's library (Debian's libespeak-ng), played on the default sound device.
// espeak-ng is set up on a worker thread, so a slow start never delays the first frame, and every
// request goes through that thread, so the UI never waits on the library.
class EspeakSpeech final : public Speech {
public:
    // onChange is called (from another thread) when speech starts or ends, to redraw the button.
    explicit EspeakSpeech(std::function<void()> onChange);
    EspeakSpeech(const EspeakSpeech&) = delete;
    EspeakSpeech& operator=(const EspeakSpeech&) = delete;
    ~EspeakSpeech() override;

    [[nodiscard]] bool available() const override { return available_; }
    void say(const std::string& text, const std::string& language) override;
    void stop() override;
    [[nodiscard]] bool speaking() const override { return speaking_; }
    [[nodiscard]] SpeechStatus status() const override { return status_; }
    void setRate(int wordsPerMinute) override { rate_ = wordsPerMinute; }

    // Synthesises into memory instead of the speakers and returns how many seconds of speech the
    // text makes (nullopt if the language has no voice). For tests and machines without sound;
    // only in a process that has no EspeakSpeech.
    static std::optional<double> secondsOfSpeech(const std::string& text, const std::string& language);

    static void markFinished();
    // A word of the current reading was played (espeak-ng's event thread).
    static void markHeard();
    // An ALSA playback device, or a PulseAudio/PipeWire session to play through.
    static bool soundDevicePresent();

private:
    void work();

    std::function<void()> onChange_;
    std::atomic<bool> available_{false}, speaking_{false};
    std::atomic<int> rate_{kNormalRate};
    std::atomic<SpeechStatus> status_{SpeechStatus::Starting};
    std::mutex mutex_;
    std::condition_variable wake_;
    struct Request {
        bool stop = false;
        std::string text, language;
        int rate = kNormalRate;
    };
    std::optional<Request> request_;
    ReadingWatch watch_; // under mutex_
    bool quit_ = false;
    std::thread worker_;
};

} // namespace dps::kiosk
