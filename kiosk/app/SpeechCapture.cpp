#include "kiosk/app/SpeechCapture.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace dps::kiosk {

SpeechCapture::SpeechCapture(Speech& inner, const std::filesystem::path& pipe) : inner_(inner) {
    // O_NONBLOCK on a pipe nobody reads fails with ENXIO rather than hanging the kiosk's start.
    fd_ = ::open(pipe.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0)
        throw std::runtime_error("--speech-capture " + pipe.string() + ": " + std::strerror(errno) +
                                 " (a named pipe with a reader)");
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || !S_ISFIFO(st.st_mode)) {
        ::close(fd_);
        throw std::runtime_error("--speech-capture " + pipe.string() +
                                 ": not a named pipe (what is spoken is never written to a file)");
    }
    // A test that stops reading must not end the kiosk (a write to a pipe without a reader raises
    // SIGPIPE): tests only, so the whole process may ignore it.
    ::signal(SIGPIPE, SIG_IGN);
    // Blocking from here on: a line is written whole, in order.
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
}

SpeechCapture::~SpeechCapture() {
    if (fd_ >= 0) ::close(fd_);
}

void SpeechCapture::write(const std::string& line) {
    std::string out = line;
    for (char& c : out)
        if (c == '\n') c = ' ';
    out += '\n';
    for (std::size_t done = 0; done < out.size();) {
        const ssize_t n = ::write(fd_, out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return; // the test stopped reading: speech goes on
        done += static_cast<std::size_t>(n);
    }
}

void SpeechCapture::say(const std::string& text, const std::string& language) {
    write("say " + language + " " + text);
    if (inner_.available()) inner_.say(text, language);
}

void SpeechCapture::setRate(int wordsPerMinute) {
    write("rate " + std::to_string(wordsPerMinute));
    inner_.setRate(wordsPerMinute);
}

void SpeechCapture::stop() {
    write("stop");
    inner_.stop();
}

} // namespace dps::kiosk
