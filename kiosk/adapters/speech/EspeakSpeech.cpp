#include "kiosk/adapters/speech/EspeakSpeech.h"

#include "dps/log/Log.h"

#include <espeak-ng/speak_lib.h>

#include <cstdlib>
#include <filesystem>

namespace dps::kiosk {
namespace {

// espeak-ng reports the end of a message through a C callback; it reaches the one live instance.
std::atomic<EspeakSpeech*> g_instance{nullptr};
std::function<void()>* g_onChange = nullptr;

int playbackEvents(short*, int, espeak_EVENT* events) {
    for (espeak_EVENT* e = events; e && e->type != espeakEVENT_LIST_TERMINATED; ++e) {
        if (e->type == espeakEVENT_MSG_TERMINATED)
            EspeakSpeech::markFinished();
        else if (e->type == espeakEVENT_WORD || e->type == espeakEVENT_SENTENCE || e->type == espeakEVENT_END)
            EspeakSpeech::markHeard();
    }
    return 0;
}

} // namespace

EspeakSpeech::EspeakSpeech(std::function<void()> onChange) : onChange_(std::move(onChange)) {
    g_instance = this;
    g_onChange = &onChange_;
    worker_ = std::thread([this] { work(); });
}

EspeakSpeech::~EspeakSpeech() {
    {
        const std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_one();
    worker_.join();
    g_instance = nullptr;
    g_onChange = nullptr;
}

void EspeakSpeech::markFinished() {
    if (EspeakSpeech* self = g_instance) {
        {
            const std::lock_guard lock(self->mutex_);
            self->watch_.stopped();
        }
        self->speaking_ = false;
        self->status_ = SpeechStatus::Works;
        if (g_onChange && *g_onChange) (*g_onChange)();
    }
}

void EspeakSpeech::markHeard() {
    if (EspeakSpeech* self = g_instance) {
        const std::lock_guard lock(self->mutex_);
        self->watch_.heard(std::chrono::steady_clock::now());
    }
}

void EspeakSpeech::say(const std::string& text, const std::string& language) {
    if (!available_) return;
    speaking_ = true;
    {
        const std::lock_guard lock(mutex_);
        request_ = Request{false, text, language, rate_};
    }
    wake_.notify_one();
}

void EspeakSpeech::stop() {
    if (!available_) return;
    speaking_ = false;
    {
        const std::lock_guard lock(mutex_);
        request_ = Request{true, {}, {}};
    }
    wake_.notify_one();
}

bool EspeakSpeech::soundDevicePresent() {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/dev/snd", ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("pcmC", 0) == 0 && name.back() == 'p') return true; // an ALSA playback device
    }
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    return runtime && (std::filesystem::exists(std::filesystem::path(runtime) / "pulse" / "native", ec) ||
                       std::filesystem::exists(std::filesystem::path(runtime) / "pipewire-0", ec));
}

void EspeakSpeech::work() {
    // espeak-ng initialises without a sound card and then fails silently: look first.
    const int rate = soundDevicePresent() ? espeak_Initialize(AUDIO_OUTPUT_PLAYBACK, 0, nullptr, 0) : -1;
    if (rate <= 0) {
        const bool device = soundDevicePresent();
        status_ = device ? SpeechStatus::NoEngine : SpeechStatus::NoSoundDevice;
        if (device)
            log::info("read-aloud is not available on this terminal: espeak-ng could not start");
        else
            log::info("read-aloud is not available on this terminal: no sound output was found");
        if (onChange_) onChange_();
    } else {
        espeak_SetSynthCallback(playbackEvents);
        espeak_SetParameter(espeakRATE, kNormalRate, 0);
        status_ = SpeechStatus::Works;
        available_ = true;
        if (onChange_) onChange_();
    }
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto due = watch_.deadline();
        const auto ready = [this] { return quit_ || request_.has_value(); };
        if (due)
            wake_.wait_until(lock, *due, ready);
        else
            wake_.wait(lock, ready);
        if (quit_) break;
        if (!request_) {
            // Nothing heard in time: the sound output took the reading and played nothing.
            if (watch_.failed(std::chrono::steady_clock::now())) {
                watch_.stopped();
                lock.unlock();
                espeak_Cancel();
                speaking_ = false;
                status_ = SpeechStatus::LastReadingFailed;
                log::warning("read-aloud: nothing was heard within a few seconds: the sound output does not play");
                if (onChange_) onChange_();
                lock.lock();
            }
            continue;
        }
        Request r = std::move(*request_);
        request_.reset();
        if (r.stop)
            watch_.stopped();
        else
            watch_.started(std::chrono::steady_clock::now());
        lock.unlock();
        espeak_Cancel();
        if (!r.stop) {
            // The rate after the voice: choosing a voice sets the voice's own.
            if (espeak_SetVoiceByName(r.language.c_str()) != EE_OK ||
                espeak_SetParameter(espeakRATE, r.rate, 0) != EE_OK ||
                espeak_Synth(r.text.c_str(), r.text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
                             nullptr) != EE_OK) {
                log::warning("read-aloud failed for language {}", r.language);
                speaking_ = false;
                status_ = SpeechStatus::LastReadingFailed;
                const std::lock_guard relock(mutex_);
                watch_.stopped();
            }
        }
        if (onChange_) onChange_();
        lock.lock();
    }
    lock.unlock();
    if (available_) {
        espeak_Cancel();
        espeak_Terminate();
    }
}

std::optional<double> EspeakSpeech::secondsOfSpeech(const std::string& text, const std::string& language) {
    static long samples = 0;
    static const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
    if (rate <= 0) return std::nullopt;
    espeak_SetSynthCallback([](short*, int n, espeak_EVENT*) {
        samples += n;
        return 0;
    });
    if (espeak_SetVoiceByName(language.c_str()) != EE_OK) return std::nullopt;
    samples = 0;
    if (espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr) != EE_OK)
        return std::nullopt;
    espeak_Synchronize();
    return static_cast<double>(samples) / rate;
}

} // namespace dps::kiosk
