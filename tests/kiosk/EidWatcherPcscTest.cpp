// The kiosk's card watcher on real parts: it follows pcscd's reader and card events, restarts the
// check when a pulled card is back, and comes back by itself when pcscd is restarted.
#include "EidTestPki.h"
#include "PrivatePcscd.h"
#include "VirtualCard.h"
#include "kiosk/adapters/eid/OpenSslCertificates.h"
#include "kiosk/adapters/eid/PcscService.h"
#include "kiosk/app/EidWatcher.h"

#include <atomic>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

using dps::kiosk::EidWatcher;
namespace eid = dps::kiosk::eid;
using dps::test::FakeCard;
using dps::test::FakeCardState;
using dps::test::VirtualCard;
using std::chrono::last;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;

namespace {

// Every verdict the watcher delivers, in order, as the kiosk's UI thread would take them.
class Watching {
public:
    explicit Watching(const std::filesystem::path& roots)
        : watcher_(
              std::make_unique<eid::PcscService>(), std::make_unique<eid::OpenSslCertificates>(roots),
              [this] { ++wakes_; }, EidWatcher::Options{}) {
        watcher_.setActive(true);
    }

    // Waits until the watcher delivers `wanted`; the verdicts seen on the way are kept.
    bool waitFor(eid::Outcome wanted, milliseconds timeout = seconds(8)) {
        const auto end = steady_clock::now() + timeout;
        while (steady_clock::now() < end) {
            if (auto d = watcher_.take()) {
                seen.push_back(d->report.verdict);
                last = d->report;
                if (d->report.verdict == wanted) return true;
            }
            std::this_thread::sleep_for(milliseconds(10));
        }
        return false;
    }
    // How many checks ran in a quiet period: an idle watcher must not keep the card busy.
    int deliveriesDuring(milliseconds period) {
        int n = 0;
        const auto end = steady_clock::now() + period;
        while (steady_clock::now() < end) {
            if (watcher_.take()) ++n;
            std::this_thread::sleep_for(milliseconds(10));
        }
        return n;
    }
    EidWatcher& watcher() { return watcher_; }
    // The verdicts seen so far, for a failure message.
    [[nodiscard]] std::string seenText() const {
        std::string t;
        for (const auto o : seen)
            t += std::string(eid::outcomeCode(o)) + " ";
        return t;
    }

    std::vector<eid::Outcome> seen;
    eid::CheckReport last;

private:
    std::atomic<int> wakes_{0};
    EidWatcher watcher_;
};

} // namespace

TEST(EidWatcherPcsc, InsertingACardMovesOnByItselfAndAnIdleCardIsLeftAlone) {
    const int port = dps::test::freePortPair();
    dps::test::PrivatePcscd pcscd(port, true);
    pcscd.useInThisProcess();
    const dps::test::EidTestPki pki;
    auto state = std::make_shared<FakeCardState>(pki.card());
    VirtualCard card(port, std::make_unique<FakeCard>(state), {.insertedAtStart = false});
    Watching w(pki.rootsDir());
    ASSERT_TRUE(w.waitFor(eid::Outcome::CardMissing)) << w.seenText();
    card.insert();
    ASSERT_TRUE(w.waitFor(eid::Outcome::CardValid)) << w.seenText();
    const int commands = state->commands.load();
    // Nothing changes in the reader: no check runs again (it would keep the card busy).
    EXPECT_EQ(w.deliveriesDuring(milliseconds(1500)), 0);
    EXPECT_EQ(state->commands.load(), commands);
    // Taken out and put back: checked again.
    card.pull();
    ASSERT_TRUE(w.waitFor(eid::Outcome::CardMissing)) << w.seenText();
    card.insert();
    EXPECT_TRUE(w.waitFor(eid::Outcome::CardValid)) << w.seenText();
}

TEST(EidWatcherPcsc, ACardPulledMidCheckIsCheckedAgainWhenItIsBack) {
    const int port = dps::test::freePortPair();
    dps::test::PrivatePcscd pcscd(port, true);
    pcscd.useInThisProcess();
    const dps::test::EidTestPki pki;
    auto state = std::make_shared<FakeCardState>(pki.card());
    VirtualCard card(port, std::make_unique<FakeCard>(state), {.pullAfter = 8});
    Watching w(pki.rootsDir());
    ASSERT_TRUE(w.waitFor(eid::Outcome::CardRemoved)) << w.seenText();
    EXPECT_FALSE(card.inserted());
    std::this_thread::sleep_for(milliseconds(600));
    card.insert(); // the emulator only pulls once: its count is past 8 now…
    EXPECT_TRUE(w.waitFor(eid::Outcome::CardValid)) << w.seenText();
}

TEST(EidWatcherPcsc, PcscdStoppedDuringTheCheckAndRestartedIsFollowed) {
    const int port = dps::test::freePortPair();
    dps::test::PrivatePcscd pcscd(port, true);
    pcscd.useInThisProcess();
    const dps::test::EidTestPki pki;
    auto state = std::make_shared<FakeCardState>(pki.card());
    std::atomic<bool> stopNow{false};
    // pcscd goes away while the check is reading the card (its 6th command).
    VirtualCard card(port, std::make_unique<FakeCard>(state), {.onCommand = [&](int n) {
                         if (n == 6) stopNow = true;
                     }});
    Watching w(pki.rootsDir());
    std::thread stopper([&] {
        while (!stopNow)
            std::this_thread::sleep_for(milliseconds(2));
        pcscd.stop();
    });
    ASSERT_TRUE(w.waitFor(eid::Outcome::ServiceUnavailable)) << w.seenText();
    stopper.join();
    // Nobody answers for a while: the watcher backs off instead of spinning.
    std::this_thread::sleep_for(milliseconds(1200));
    pcscd.start();
    ASSERT_TRUE(w.waitFor(eid::Outcome::CardValid, seconds(12))) << w.seenText();
    EXPECT_TRUE(w.last.cardWorks());
}

TEST(EidWatcherPcsc, ThePinTestRunsOnTheWatcherThreadAndTheCheckFollows) {
    const int port = dps::test::freePortPair();
    dps::test::PrivatePcscd pcscd(port, true);
    pcscd.useInThisProcess();
    const dps::test::EidTestPki pki;
    auto profile = pki.card();
    profile.pin = "4321";
    auto state = std::make_shared<FakeCardState>(profile);
    VirtualCard card(port, std::make_unique<FakeCard>(state));
    Watching w(pki.rootsDir());
    ASSERT_TRUE(w.waitFor(eid::Outcome::CardValid)) << w.seenText();
    w.watcher().requestPinTest(eid::PinBlock::fromDigits("0000"), w.last.readerName, "fr");
    std::optional<eid::PinTestResult> result;
    for (int i = 0; i < 300 && !result; ++i) {
        result = w.watcher().takePinResult();
        std::this_thread::sleep_for(milliseconds(10));
    }
    ASSERT_TRUE(result);
    EXPECT_EQ(result->outcome, eid::Outcome::PinWrong);
    EXPECT_EQ(result->triesLeft, 2);
    // The check runs again after the test, and now shows two tries.
    const auto end = steady_clock::now() + seconds(5);
    while (steady_clock::now() < end && w.last.pinTriesLeft != 2) {
        (void)w.waitFor(eid::Outcome::CardValid, milliseconds(200));
    }
    EXPECT_EQ(w.last.pinTriesLeft, 2);
}
