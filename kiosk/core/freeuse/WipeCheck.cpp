// A check of the wipe: a session with nothing in it, started and ended, whose wipe must be verified.
#include "kiosk/core/freeuse/WipeCheck.h"

namespace dps::kiosk {

void WipeCheck::start(BrowserSession& browser, const std::string& language, SteadyTime now) {
    if (running()) return;
    failure_ = Failure::None;
    // No tiles: nobody uses this session; it exists only to be wiped.
    if (!browser.start(StartPage{language, {}})) {
        state_ = State::Failed;
        failure_ = Failure::NotStarted;
        return;
    }
    browser.stop();
    state_ = State::Running;
    from_ = now;
}

bool WipeCheck::update(BrowserSession& browser, SteadyTime now) {
    if (!running()) return false;
    const BrowserNews news = browser.poll();
    if (news.wiped) {
        state_ = news.wiped->verified ? State::Passed : State::Failed;
        failure_ = news.wiped->verified ? Failure::None : Failure::NotVerified;
        return news.wiped->verified;
    }
    if (now >= from_ + kWait) {
        state_ = State::Failed;
        failure_ = Failure::NoReport;
    }
    return false;
}

} // namespace dps::kiosk
