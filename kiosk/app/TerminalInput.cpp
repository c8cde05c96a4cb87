#include "kiosk/app/TerminalInput.h"

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace dps::kiosk {

void readPin(eid::PinEntry& pin) {
    const bool tty = ::isatty(STDIN_FILENO) != 0;
    termios before{};
    if (tty && ::tcgetattr(STDIN_FILENO, &before) == 0) {
        termios quiet = before;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char c = 0;
    bool spoiled = false;
    while (::read(STDIN_FILENO, &c, 1) == 1 && c != '\n') {
        if (!spoiled && !pin.add(c)) spoiled = true; // nothing half-typed is used
    }
    c = 0;
    if (spoiled) pin.clear();
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
        std::fputc('\n', stderr);
    }
}

bool readNewPin(eid::PinEntry& pin, const char* prompt) {
    eid::PinEntry again;
    std::fputs(prompt, stderr);
    readPin(pin);
    std::fputs("The same PIN again: ", stderr);
    readPin(again);
    return pin.digits() == again.digits();
}

} // namespace dps::kiosk
