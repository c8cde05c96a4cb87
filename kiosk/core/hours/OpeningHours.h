#pragma once
#include "dps/core/Clock.h"

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk {

// When the public digital space is open, per weekday, as configured ("09:00-12:00, 13:00-17:00";
// "" closed all day). Not configured at all: always open.
class OpeningHours {
public:
    struct Period {
        std::chrono::minutes from, to; // since midnight; from < to <= 24:00
    };

    OpeningHours() = default; // always open
    // One text per weekday, Monday first. nullopt with the reason in problem when a text is not
    // of the form "HH:MM-HH:MM, HH:MM-HH:MM".
    static std::optional<OpeningHours> parse(const std::array<std::string, 7>& days, std::string* problem = nullptr);
    // What is wrong with one weekday's text ("" when nothing is): for the configuration's check.
    static std::string checkDay(const std::string& text);

    [[nodiscard]] bool alwaysOpen() const { return !configured_; }
    [[nodiscard]] bool isOpen(const LocalTime& t) const;
    // While open: how long until it closes (the end of the current period). nullopt when closed,
    // or always open.
    [[nodiscard]] std::optional<std::chrono::minutes> untilClosing(const LocalTime& t) const;
    // How long until it opens or closes next (within a week); nullopt when always open, or closed
    // all week.
    [[nodiscard]] std::optional<std::chrono::minutes> untilNextChange(const LocalTime& t) const;
    // The periods of a weekday (Monday = 0), for the "closed" screen.
    [[nodiscard]] const std::vector<Period>& day(unsigned mondayBased) const { return week_.at(mondayBased); }

private:
    bool configured_ = false;
    std::array<std::vector<Period>, 7> week_{};
};

// Monday = 0 … Sunday = 6.
unsigned mondayIndex(std::chrono::weekday d);

} // namespace dps::kiosk
