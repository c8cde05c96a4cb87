// dps-gen-visits: fills a kiosk.db with months of realistic visits for the agent → server
// end-to-end test (issue 6). Every row is written through the kiosk's own adapters
// (SqliteVisitLog, SqliteTerminalLog), so the file holds exactly what dps-kiosk writes; only the
// durability is relaxed (synchronous=OFF), since a test file need not survive a power cut.
//
// [SECTION] Options and time: the command line, local days in the terminal's time zone
// [SECTION] Catalogue: the real tutorials and the weighted codes a visit draws from
// [SECTION] Visit plans: what one visit does, as actions at offsets from its start
// [SECTION] Days: opening hours, closed days, fitting the visits into the day, equipment reports
// [SECTION] Writing: a plan through the adapters, kiosk restarts, the summary
#include "dps/core/Clock.h"
#include "dps/core/Timestamp.h"
#include "dps/log/Log.h"
#include "kiosk/adapters/content/TutorialLoader.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteTerminalLog.h"
#include "kiosk/adapters/store/SqliteVisitLog.h"
#include "kiosk/core/eid/Outcome.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace std::chrono;
using namespace dps::kiosk;
using dps::WallTime;
using Rng = std::mt19937_64;

// [SECTION] Options and time ------------------------------------------------------------------

struct Options {
    std::string db;
    int days = 120;
    std::string endDate;
    std::uint64_t seed = 1;
    double meanPerDay = 60;
    int appendToday = -1; // -1: not asked
    bool openVisit = false;
    std::string tutorials = DPS_SOURCE_DIR "/assets/tutorials";
    std::string timeZone = "Europe/Brussels";
};

std::optional<sys_days> parseDate(const std::string& s) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
    const year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd};
}

// The local date of a moment, computed as dps-kiosk computes a visit's local_date
// (SystemClock::local: the process's time zone, then localTimeAt).
std::string localDateOf(WallTime t) {
    const std::time_t secs = system_clock::to_time_t(t);
    std::tm tm{};
    ::localtime_r(&secs, &tm);
    return dps::isoDate(dps::localTimeAt(t, duration_cast<minutes>(seconds(tm.tm_gmtoff))).date);
}

// A local time of day (minutes after midnight, may run past 24 h) on a local date, as a wall time.
WallTime localToWall(sys_days date, int minute, int second = 0) {
    const year_month_day ymd{date};
    std::tm tm{};
    tm.tm_year = static_cast<int>(ymd.year()) - 1900;
    tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
    tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
    tm.tm_hour = minute / 60;
    tm.tm_min = minute % 60;
    tm.tm_sec = second;
    tm.tm_isdst = -1;
    return system_clock::from_time_t(std::mktime(&tm));
}

// [SECTION] Catalogue -------------------------------------------------------------------------

struct TutorialInfo {
    std::string id;
    int version = 1;
    int steps = 1;
};

template <class T> struct Weighted {
    std::vector<T> values;
    std::discrete_distribution<std::size_t> pick;
    Weighted(std::vector<T> v, std::vector<double> w) : values(std::move(v)), pick(w.begin(), w.end()) {}
    T operator()(Rng& rng) { return values[pick(rng)]; }
};

// Codes by how often a Brussels DPS sees them; every code of docs/visit-log.md appears.
struct Catalogue {
    std::vector<TutorialInfo> tutorials;
    Weighted<std::string> language{{"fr", "nl", "en"}, {55, 35, 10}};
    Weighted<Purpose> purpose{{Purpose::Learning, Purpose::Administrative, Purpose::JobSearch, Purpose::Banking,
                               Purpose::EidHelp, Purpose::Other},
                              {35, 20, 12, 10, 15, 8}};
    Weighted<Audience> audience{{Audience::JobSeekers, Audience::YoungPeople, Audience::Seniors, Audience::Disabilities,
                                 Audience::Precarious, Audience::Women},
                                {20, 12, 30, 8, 18, 12}};
    Weighted<Autonomy> autonomy{{Autonomy::FullHelp, Autonomy::SomeHelp, Autonomy::Alone}, {30, 50, 20}};
    Weighted<Referral> referral{
        {Referral::Municipality, Referral::Cpas, Referral::EmploymentService, Referral::Association, Referral::None},
        {12, 10, 10, 8, 60}};
    Weighted<Helped> helped{{Helped::Yes, Helped::Somewhat, Helped::No}, {60, 28, 12}};
    // The check's final verdicts (kiosk/core/eid/CardCheck.cpp: stops and warnings).
    Weighted<eid::Outcome> verdict{
        {eid::Outcome::CardValid, eid::Outcome::CardExpiringSoon, eid::Outcome::SigningCertificateAbsentNormal,
         eid::Outcome::AuthCertificateAbsentChild, eid::Outcome::PinTriesUnknown, eid::Outcome::CardExpired,
         eid::Outcome::CardMute, eid::Outcome::ReaderMissing, eid::Outcome::NotBelgianEid,
         eid::Outcome::CardNotPersonalised, eid::Outcome::CardReadError, eid::Outcome::ClockWrong,
         eid::Outcome::CertificateMissing, eid::Outcome::CertificateExpired, eid::Outcome::CertificateChainInvalid,
         eid::Outcome::PinBlocked, eid::Outcome::CardRemoved, eid::Outcome::ServiceUnavailable},
        {58, 6, 3, 2, 2, 7, 5, 2, 2, 0.5, 2, 0.3, 0.4, 2, 0.3, 3, 3, 0.5}};
    Weighted<eid::Outcome> pinResult{{eid::Outcome::PinRight, eid::Outcome::PinWrong, eid::Outcome::PinEntryCancelled,
                                      eid::Outcome::PinBlocked, eid::Outcome::CardRemoved},
                                     {60, 24, 10, 4, 2}};
    Weighted<Equipment> equipment{{Equipment::Printer, Equipment::CardReader, Equipment::Screen, Equipment::Keyboard,
                                   Equipment::Mouse, Equipment::Network},
                                  {35, 20, 8, 10, 12, 15}};
    Weighted<EquipmentState> problem{{EquipmentState::NotWorking, EquipmentState::WorksBadly, EquipmentState::Missing},
                                     {55, 35, 10}};
    // Staff names: they must never leave the terminal, which the end-to-end test can grep for.
    std::vector<std::string> facilitators{"Sofie Claes", "Karim Benali", "Anne Dubois"};
};

bool cardWorks(eid::Outcome o) {
    using eid::Outcome;
    return o == Outcome::CardValid || o == Outcome::CardExpiringSoon || o == Outcome::SigningCertificateAbsentNormal ||
           o == Outcome::AuthCertificateAbsentChild || o == Outcome::PinTriesUnknown;
}

// [SECTION] Visit plans -----------------------------------------------------------------------

struct Action {
    enum class Kind { Guide, Event, Touch, Equipment } kind;
    seconds at{0};
    VisitEvent event{VisitEvent::Kind::StepReached, {}, 0, 0, {}};
    Equipment item = Equipment::Printer;
    EquipmentState state = EquipmentState::NotWorking;
};

struct VisitPlan {
    std::string language;
    std::optional<GuidedVisit> guided;
    std::vector<Action> actions; // in time order
    seconds length{0};
    std::optional<EndReason> end; // nullopt: left open (the kiosk died, or --open-visit)
    std::optional<VisitOutcome> outcome;
    // Where the visitor is when the visit ends (a tutorial still open is abandoned there).
    const TutorialInfo* openTutorial = nullptr;
    int openStep = 0;
};

// Builds one visit's plan on a running offset from its start.
class PlanBuilder {
public:
    PlanBuilder(Rng& rng, Catalogue& cat) : rng_(rng), cat_(cat) {}

    VisitPlan build(bool guided, bool group, std::optional<EndReason> end) {
        plan_ = VisitPlan{};
        now_ = seconds(0);
        plan_.language = cat_.language(rng_);
        plan_.end = end;
        if (guided)
            buildGuided(group);
        else
            buildFree();
        finish();
        return std::move(plan_);
    }

    // A visitor at the terminal without an ending: the visit --open-visit leaves open.
    VisitPlan buildOpen() {
        plan_ = VisitPlan{};
        now_ = seconds(0);
        plan_.language = cat_.language(rng_);
        plan_.end = std::nullopt;
        wait(uniform(20, 60));
        const TutorialInfo& t = anyTutorial();
        tutorial(t, Fate::LeftOpen);
        plan_.length = now_;
        return std::move(plan_);
    }

    // A facilitator's report during the visit under way (also a visit event, without the name).
    static void addEquipment(VisitPlan& plan, seconds at, Equipment item, EquipmentState state) {
        Action a{Action::Kind::Equipment, at};
        a.item = item;
        a.state = state;
        const auto it = std::lower_bound(plan.actions.begin(), plan.actions.end(), at,
                                         [](const Action& x, seconds t) { return x.at < t; });
        plan.actions.insert(it, a);
    }

private:
    enum class Fate { Complete, Abandon, LeftOpen };

    seconds uniform(int lo, int hi) { return seconds(std::uniform_int_distribution<int>(lo, hi)(rng_)); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
    const TutorialInfo& anyTutorial() {
        return cat_.tutorials[std::uniform_int_distribution<std::size_t>(0, cat_.tutorials.size() - 1)(rng_)];
    }

    void event(VisitEvent e) { plan_.actions.push_back(Action{Action::Kind::Event, now_, std::move(e)}); }
    // Time passes with the visitor active: the kiosk writes a sign of life at most every 30 s.
    void wait(seconds d) {
        const seconds until = now_ + d;
        while (true) {
            const seconds next = now_ + uniform(35, 100);
            if (next >= until) break;
            now_ = next;
            plan_.actions.push_back(Action{Action::Kind::Touch, now_});
        }
        now_ = until;
    }
    void tutorialEvent(VisitEvent::Kind kind, const TutorialInfo& t, int step) {
        event(VisitEvent{kind, t.id, t.version, step, {}});
    }

    void tutorial(const TutorialInfo& t, Fate fate) {
        tutorialEvent(VisitEvent::Kind::TutorialStarted, t, 1);
        tutorialEvent(VisitEvent::Kind::StepReached, t, 1);
        const int last = fate == Fate::Complete ? t.steps : std::uniform_int_distribution<int>(1, t.steps)(rng_);
        for (int step = 2; step <= last; ++step) {
            wait(uniform(12, 55));
            tutorialEvent(VisitEvent::Kind::StepReached, t, step);
        }
        wait(uniform(10, 50));
        if (fate == Fate::Complete) {
            tutorialEvent(VisitEvent::Kind::TutorialCompleted, t, t.steps);
            wait(uniform(10, 40)); // the tutorial's end screen
        } else if (fate == Fate::Abandon) {
            tutorialEvent(VisitEvent::Kind::TutorialAbandoned, t, last);
            wait(uniform(5, 30));
        } else {
            plan_.openTutorial = &t;
            plan_.openStep = last;
        }
    }

    void eidCheck() {
        using eid::Outcome;
        wait(uniform(10, 40));
        auto verdict = [&](Outcome o) {
            event(VisitEvent{VisitEvent::Kind::EidCheckOutcome, {}, 0, 0, std::string(eid::outcomeCode(o))});
        };
        Outcome last = Outcome::CardMissing;
        if (chance(0.5))
            verdict(Outcome::CardMissing); // the screen opened before the card went in
        else
            last = Outcome::ServiceUnavailable; // (nothing recorded yet)
        for (int tries = 0; tries < 3; ++tries) {
            wait(uniform(8, 45));
            Outcome o = cat_.verdict(rng_);
            if (o == last) o = Outcome::CardValid;
            if (o != last) verdict(o);
            last = o;
            // Pulled out too early, or the wrong way round: the visitor tries again.
            if (o != Outcome::CardRemoved && o != Outcome::CardMute) break;
            if (o == Outcome::CardRemoved && chance(0.7)) {
                wait(uniform(5, 20));
                verdict(Outcome::CardMissing);
                last = Outcome::CardMissing;
            }
        }
        wait(uniform(15, 60)); // reading the result
        if (cardWorks(last) && chance(0.3)) {
            wait(uniform(20, 60)); // the risk explained, the PIN typed
            event(VisitEvent{
                VisitEvent::Kind::EidPinTest, {}, 0, 0, std::string(eid::outcomeCode(cat_.pinResult(rng_)))});
            wait(uniform(10, 40));
        }
    }

    // Free use: a quick look, an e-ID check, one or more tutorials.
    void buildFree() {
        wait(uniform(10, 50)); // the welcome, the language, the home screen
        const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
        const bool mayLeaveOpen = plan_.end != EndReason::Finished;
        if (r < 0.28) {
            wait(uniform(30, 240)); // a look at the catalogue
        } else if (r < 0.50) {
            eidCheck();
            if (chance(0.15)) tutorial(cat_.tutorials.front(), Fate::Abandon); // often eid-login
        } else {
            int n = r < 0.90 ? 1 : (chance(0.5) ? 2 : 3);
            if (chance(0.1)) eidCheck();
            for (int i = 0; i < n; ++i) {
                const bool last = i == n - 1;
                Fate fate = chance(0.5) ? Fate::Complete : Fate::Abandon;
                if (last && mayLeaveOpen && chance(0.45)) fate = Fate::LeftOpen;
                tutorial(anyTutorial(), fate);
                if (!last) wait(uniform(5, 30));
            }
        }
        if (plan_.end == EndReason::Finished) {
            wait(uniform(5, 25)); // the end questions, when they are on
            VisitOutcome o;
            if (chance(0.75)) o.cameFor = cat_.purpose(rng_);
            if (chance(0.70)) o.helped = cat_.helped(rng_);
            if (o.cameFor || o.helped) plan_.outcome = o;
        }
    }

    // A guided session, set up by a facilitator from the Welcome screen.
    void buildGuided(bool group) {
        GuidedVisit s;
        s.group = group;
        if (group) {
            s.groupSize = chance(0.05) ? std::uniform_int_distribution<int>(16, kMaxGroup)(rng_)
                                       : std::uniform_int_distribution<int>(kMinGroup, 12)(rng_);
        }
        s.purposes.insert(cat_.purpose(rng_));
        if (chance(0.35)) s.purposes.insert(cat_.purpose(rng_));
        s.consent = chance(0.55);
        if (s.consent) {
            const int n = std::discrete_distribution<int>({20, 45, 25, 10})(rng_);
            for (int i = 0; i < n; ++i)
                s.audiences.insert(cat_.audience(rng_));
        }
        wait(uniform(30, 150)); // the setup screen
        plan_.guided = s;
        plan_.actions.push_back(Action{Action::Kind::Guide, now_});
        const int n =
            group ? std::uniform_int_distribution<int>(2, 5)(rng_) : std::uniform_int_distribution<int>(1, 3)(rng_);
        for (int i = 0; i < n; ++i) {
            const bool last = i == n - 1;
            Fate fate = chance(0.8) ? Fate::Complete : Fate::Abandon;
            if (last && plan_.end != EndReason::FacilitatorEnded && chance(0.5)) fate = Fate::LeftOpen;
            const TutorialInfo& t = anyTutorial();
            // A group goes at the pace of its slowest participant.
            tutorial(t, fate);
            if (group) wait(uniform(120, 600));
            if (fate == Fate::LeftOpen) break;
        }
        if (!group && chance(0.25)) eidCheck();
        if (plan_.end == EndReason::FacilitatorEnded) {
            wait(uniform(30, 120)); // the summary
            VisitOutcome o;
            if (chance(0.85)) o.autonomy = cat_.autonomy(rng_);
            if (chance(0.8)) o.referral = cat_.referral(rng_);
            if (o.autonomy || o.referral) plan_.outcome = o;
        }
    }

    void finish() {
        if (plan_.end == EndReason::IdleTimeout) {
            // Nobody touched for visit.idle_timeout_seconds, then the 30 s countdown ran out.
            now_ += seconds(300 + 30);
        } else if (plan_.end) {
            now_ += uniform(2, 15);
        }
        plan_.length = now_;
    }

    Rng& rng_;
    Catalogue& cat_;
    VisitPlan plan_;
    seconds now_{0};
};

// Squeezes a plan by factor f (< 1) so a busy day fits in its opening hours.
void scale(VisitPlan& plan, double f) {
    auto s = [f](seconds t) {
        return seconds(static_cast<seconds::rep>(std::llround(static_cast<double>(t.count()) * f)));
    };
    for (auto& a : plan.actions)
        a.at = s(a.at);
    plan.length = std::max(s(plan.length), plan.actions.empty() ? seconds(1) : plan.actions.back().at);
}

// [SECTION] Days ------------------------------------------------------------------------------

struct Hours {
    int open = 0, close = 0; // minutes after midnight; close == open: closed
    [[nodiscard]] bool closed() const { return close <= open; }
    [[nodiscard]] int minutesOpen() const { return close - open; }
};

// Mon–Fri 9:00–19:00, Saturday 10:00–17:00, closed on Sundays and on the fixed public holidays.
Hours regularHours(sys_days date) {
    const weekday wd{date};
    const year_month_day ymd{date};
    const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
    const bool holiday = (m == 1 && d == 1) || (m == 5 && d == 1) || (m == 7 && d == 21) || (m == 8 && d == 15) ||
                         (m == 11 && d == 1) || (m == 11 && d == 11) || (m == 12 && d == 25);
    if (wd == Sunday || holiday) return {};
    if (wd == Saturday) return {10 * 60, 17 * 60};
    return {9 * 60, 19 * 60};
}

// [SECTION] Writing ---------------------------------------------------------------------------

struct Totals {
    int visits = 0, openDays = 0, interrupted = 0, equipment = 0, squeezedDays = 0, midnight = 0;
    int freeUse = 0;
};

class Generator {
public:
    // freeUseSeed: the free-use sessions' own random stream (issue 20), so that the visits drawn
    // from a seed stay the ones earlier versions of this generator drew.
    Generator(dps::storage::Database& db, Rng& rng, Catalogue& cat, std::uint64_t freeUseSeed)
        : db_(db), visits_(db), terminal_(db), rng_(rng), cat_(cat), plans_(rng, cat), freeUseRng_(freeUseSeed) {}

    // The visits of one local day, fitted into its opening hours.
    void day(sys_days date, double mean) {
        today_ = date;
        const Hours h = regularHours(date);
        const bool closedToday = h.closed() || chance(0.025); // plus the odd training day, strike, move
        if (closedToday) return;
        writeDueRepairs(date); // by the first facilitator in, before opening
        ++totals_.openDays;
        const int n = std::max(1, std::poisson_distribution<int>(mean * h.minutesOpen() / 600.0)(rng_));

        std::vector<VisitPlan> plans;
        plans.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            plans.push_back(randomVisit());
        // The last visitor of some days is still there at closing time.
        const bool cutAtClosing = chance(0.35);
        if (cutAtClosing) {
            VisitPlan& last = plans.back();
            if (last.end && (*last.end == EndReason::Finished || *last.end == EndReason::IdleTimeout ||
                             *last.end == EndReason::FacilitatorEnded)) {
                last.end = EndReason::Closing;
                last.outcome.reset();
            }
        }

        // Fit: at least 20 s between visitors; squeeze the visits if the day is too busy.
        const seconds open = minutes(h.minutesOpen());
        const seconds minGap{20};
        seconds total{0};
        for (const auto& p : plans)
            total += p.length;
        const seconds room = open - minGap * (n + 1) - minutes(10);
        if (total > room) {
            const double f = static_cast<double>(room.count()) / static_cast<double>(total.count());
            for (auto& p : plans)
                scale(p, f);
            total = seconds(0);
            for (const auto& p : plans)
                total += p.length;
            ++totals_.squeezedDays;
        }
        // The free time is spread over the gaps (the last one is after the last visit).
        std::vector<double> share(static_cast<std::size_t>(n) + 1);
        std::exponential_distribution<double> expo(1.0);
        double sum = 0;
        for (auto& s : share)
            sum += (s = expo(rng_));
        const double slack = static_cast<double>((open - total - minGap * (n + 1)).count());
        WallTime at = localToWall(date, h.open);
        const WallTime closing = localToWall(date, h.close);
        for (int i = 0; i < n; ++i) {
            at += minGap + seconds(static_cast<seconds::rep>(slack * share[static_cast<std::size_t>(i)] / sum));
            VisitPlan& p = plans[static_cast<std::size_t>(i)];
            if (i == n - 1 && p.end == EndReason::Closing)
                p.length = std::max(p.length, duration_cast<seconds>(closing - at));
            if (p.end == EndReason::Closing)
                p.length = std::min(p.length, std::max(seconds(1), duration_cast<seconds>(closing - at)));
            maybeReportDuring(p);
            write(p, at);
            at += p.length;
        }
        outsideHoursReports(date, h);
        if ((weekday{date} == Friday || weekday{date} == Saturday) && chance(0.2)) lateEvening(date);
    }

    // N more visits on a day already under way: after everything written so far.
    int append(sys_days date, int n) {
        WallTime at = std::max(localToWall(date, 9 * 60), lastActivity() + seconds(30));
        const WallTime latest = localToWall(date, 23 * 60);
        int added = 0;
        for (; added < n; ++added) {
            at += seconds(std::uniform_int_distribution<int>(20, 120)(rng_));
            if (at > latest) {
                dps::log::warning("the day {} is full: {} of {} visits added", localDateOf(at), added, n);
                break;
            }
            VisitPlan p = randomVisit();
            write(p, at);
            at += p.length;
        }
        return added;
    }

    void openVisit(sys_days date) {
        closeInterrupted();
        const WallTime at = std::max(localToWall(date, 10 * 60), lastActivity() + seconds(45));
        VisitPlan p = plans_.buildOpen();
        write(p, at);
    }

    // A visit left open by an earlier run (--open-visit) has since ended: the visitor finished.
    void finishOpenVisit() {
        auto st = db_.prepare("SELECT id, last_activity_at FROM visits WHERE end_reason IS NULL");
        std::vector<std::pair<VisitId, std::string>> open;
        while (st.step())
            open.emplace_back(st.integer(0), st.text(1));
        for (const auto& [id, last] : open) {
            const auto at = dps::fromIsoUtc(last);
            visits_.close(id, at.value_or(WallTime{}) + seconds(60), EndReason::Finished);
        }
    }

    // The kiosk's next start closes a visit left open when it died.
    void closeInterrupted() {
        if (!pendingInterrupted_) return;
        totals_.interrupted += visits_.closeInterrupted();
        pendingInterrupted_ = false;
    }

    const Totals& totals() const { return totals_; }

private:
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
    const std::string& facilitator() {
        return cat_.facilitators[std::uniform_int_distribution<std::size_t>(0, cat_.facilitators.size() - 1)(rng_)];
    }

    WallTime lastActivity() {
        auto st = db_.prepare("SELECT max(coalesce(ended_at, last_activity_at)) FROM visits");
        if (st.step() && !st.isNull(0)) return dps::fromIsoUtc(st.text(0)).value_or(WallTime{});
        return WallTime{};
    }

    VisitPlan randomVisit() {
        const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
        const bool guided = r < 0.055, group = r < 0.015;
        const double e = std::uniform_real_distribution<double>(0, 1)(rng_);
        EndReason end;
        if (guided)
            end = e < 0.93   ? EndReason::FacilitatorEnded
                  : e < 0.96 ? EndReason::IdleTimeout
                  : e < 0.98 ? EndReason::Shutdown
                             : EndReason::Interrupted;
        else
            end = e < 0.71    ? EndReason::Finished
                  : e < 0.98  ? EndReason::IdleTimeout
                  : e < 0.987 ? EndReason::Shutdown
                              : EndReason::Interrupted;
        return plans_.build(guided, group, end == EndReason::Interrupted ? std::nullopt : std::optional(end));
    }

    // About one report every ten open days, half of them during a visit.
    void maybeReportDuring(VisitPlan& p) {
        if (!chance(0.0015) || p.length < seconds(60)) return;
        const seconds at{std::uniform_int_distribution<seconds::rep>(10, p.length.count() - 10)(rng_)};
        const Equipment item = cat_.equipment(rng_);
        PlanBuilder::addEquipment(p, at, item, cat_.problem(rng_));
        scheduleRepair(item);
    }

    void outsideHoursReports(sys_days date, const Hours& h) {
        if (!chance(0.05)) return;
        // Before opening or after closing, no visit under way: in equipment_reports only.
        const int minute = chance(0.5) ? h.open - std::uniform_int_distribution<int>(5, 40)(rng_)
                                       : h.close + std::uniform_int_distribution<int>(5, 40)(rng_);
        report(localToWall(date, minute, 17), cat_.equipment(rng_), cat_.problem(rng_));
    }

    void writeDueRepairs(sys_days date) {
        for (auto it = repairs_.begin(); it != repairs_.end();) {
            if (it->first > date) {
                ++it;
                continue;
            }
            report(localToWall(date, 8 * 60 + 30 + std::uniform_int_distribution<int>(0, 25)(rng_)), it->second,
                   EquipmentState::Repaired);
            it = repairs_.erase(it);
        }
    }

    void report(WallTime at, Equipment item, EquipmentState state) {
        terminal_.equipment(at, facilitator(), item, state);
        ++totals_.equipment;
        if (state != EquipmentState::Repaired) scheduleRepair(item);
    }

    // Most problems are fixed 1 to 14 days later (reported again as "repaired"); some never are.
    void scheduleRepair(Equipment item) {
        if (chance(0.65)) repairs_.emplace_back(today_ + days(std::uniform_int_distribution<int>(1, 14)(rng_)), item);
    }

    // A facilitator keeps the room open for an evening event: one visit runs past midnight (its
    // events after midnight still count on the day it started), then a report at 00:1x, which
    // is the next local day but still the previous UTC day.
    void lateEvening(sys_days date) {
        ++totals_.midnight;
        VisitPlan p = plans_.build(false, false, EndReason::Finished);
        while (p.length < minutes(25))
            p = plans_.build(false, false, EndReason::Finished);
        const WallTime at = localToWall(date, 23 * 60 + std::uniform_int_distribution<int>(25, 45)(rng_));
        write(p, at);
        report(localToWall(date, 24 * 60 + std::uniform_int_distribution<int>(10, 25)(rng_)), cat_.equipment(rng_),
               cat_.problem(rng_));
    }

    void write(const VisitPlan& p, WallTime start) {
        closeInterrupted();
        const auto id = visits_.open(start, localDateOf(start), p.language);
        if (!id) throw std::runtime_error("could not open a visit");
        ++totals_.visits;
        // A free visit may go to the browser (issue 20): as FreeUseFlow writes it, the session at
        // its start (no end yet: a kiosk cut off leaves it so) and again when it ends, before
        // the visit closes. About one free visit in four; a few print, some use the e-ID or a stick.
        std::optional<FreeUseRecord> freeUse;
        if (!p.guided && std::bernoulli_distribution(0.25)(freeUseRng_)) {
            visits_.freeUse(*id, FreeUseRecord{});
            ++totals_.freeUse;
            FreeUseRecord r;
            const auto whole = duration_cast<minutes>(p.length + seconds(59)).count();
            r.minutes = static_cast<int>(
                std::uniform_int_distribution<long long>(1, std::max<long long>(whole, 1))(freeUseRng_));
            r.end = std::bernoulli_distribution(0.8)(freeUseRng_) ? FreeUseEnd::Finished : FreeUseEnd::TimeUp;
            r.pagesPrinted = std::bernoulli_distribution(0.3)(freeUseRng_)
                                 ? std::uniform_int_distribution<int>(1, 12)(freeUseRng_)
                                 : 0;
            r.eidUsed = std::bernoulli_distribution(0.2)(freeUseRng_);
            r.usbUsed = std::bernoulli_distribution(0.1)(freeUseRng_);
            freeUse = r;
        }
        for (const Action& a : p.actions) {
            const WallTime at = start + a.at;
            switch (a.kind) {
            case Action::Kind::Guide:
                if (!visits_.guide(*id, *p.guided)) throw std::runtime_error("could not record a guided session");
                break;
            case Action::Kind::Event: visits_.event(*id, at, a.event); break;
            case Action::Kind::Touch: visits_.touch(*id, at); break;
            case Action::Kind::Equipment:
                terminal_.equipment(at, facilitator(), a.item, a.state);
                ++totals_.equipment;
                visits_.event(*id, at,
                              VisitEvent{VisitEvent::Kind::EquipmentReported,
                                         {},
                                         0,
                                         0,
                                         std::string(code(a.item)) + ":" + std::string(code(a.state))});
                break;
            }
        }
        const WallTime end = start + p.length;
        if (!p.end) {
            pendingInterrupted_ = true; // the kiosk died here; or the visit --open-visit leaves open
            return;
        }
        // As KioskFlow::endVisit: a tutorial still open was abandoned where the visitor stopped.
        if (p.openTutorial)
            visits_.event(
                *id, end,
                VisitEvent{
                    VisitEvent::Kind::TutorialAbandoned, p.openTutorial->id, p.openTutorial->version, p.openStep, {}});
        if (freeUse) visits_.freeUse(*id, *freeUse);
        if (p.outcome) visits_.outcome(*id, *p.outcome);
        visits_.close(*id, end, *p.end);
    }

    dps::storage::Database& db_;
    SqliteVisitLog visits_;
    SqliteTerminalLog terminal_;
    Rng& rng_;
    Catalogue& cat_;
    PlanBuilder plans_;
    Rng freeUseRng_;
    Totals totals_;
    bool pendingInterrupted_ = false;
    std::vector<std::pair<sys_days, Equipment>> repairs_;
    sys_days today_{};
};

std::int64_t countOf(dps::storage::Database& db, const char* sql) {
    auto st = db.prepare(sql);
    return st.step() ? st.integer(0) : 0;
}

int run(const Options& o) {
    const auto started = steady_clock::now();
    ::setenv("TZ", o.timeZone.c_str(), 1);
    ::tzset();
    const auto end = parseDate(o.endDate);
    if (!end) {
        std::fprintf(stderr, "dps-gen-visits: --end-date %s is not a date written YYYY-MM-DD\n", o.endDate.c_str());
        return 2;
    }
    Catalogue cat;
    for (auto& t : loadLibrary(o.tutorials, {"fr", "nl", "en"}).tutorials)
        cat.tutorials.push_back({t.id, t.version, static_cast<int>(t.steps.size())});
    if (cat.tutorials.empty()) {
        std::fprintf(stderr, "dps-gen-visits: no tutorial found in %s\n", o.tutorials.c_str());
        return 2;
    }
    // The e-ID tutorial first: visitors who checked their card often try it next.
    std::stable_partition(cat.tutorials.begin(), cat.tutorials.end(),
                          [](const TutorialInfo& t) { return t.id == "eid-login"; });

    dps::storage::Database db = openKioskDatabase(o.db);
    // The kiosk commits every write with synchronous=FULL; a generated test file need not survive
    // a power cut, and with one fsync per write a terminal's 120 days would take minutes.
    db.exec("PRAGMA synchronous=OFF");
    if (o.days > 0 && countOf(db, "SELECT count(*) FROM visits") > 0) {
        std::fprintf(stderr,
                     "dps-gen-visits: %s already has visits: generate days into a new file (or use "
                     "--days 0 --append-today N)\n",
                     o.db.c_str());
        return 2;
    }

    Rng rng(o.seed);
    Generator gen(db, rng, cat, o.seed ^ 0x20f4ee5e20ULL);
    const sys_days first = *end - days(o.days - 1);
    // --visits-per-day-mean counts calendar days: the open days carry the closed ones' share.
    double openWeight = 0;
    for (int i = 0; i < o.days; ++i)
        openWeight += regularHours(first + days(i)).minutesOpen() / 600.0;
    const double perFullDay = openWeight > 0 ? o.meanPerDay * o.days / openWeight / (1 - 0.025) : 0;
    for (int i = 0; i < o.days; ++i)
        gen.day(first + days(i), perFullDay);

    const sys_days today = *end + days(1);
    int appended = 0;
    if (o.appendToday >= 0) {
        gen.finishOpenVisit();
        appended = gen.append(today, o.appendToday);
    }
    gen.closeInterrupted();
    if (o.openVisit) gen.openVisit(o.appendToday >= 0 ? today : *end);

    const auto& t = gen.totals();
    const double secs = duration<double>(steady_clock::now() - started).count();
    std::printf(
        "dps-gen-visits: %s: %lld visits (%lld open), %lld days with visits, %lld events, %lld equipment "
        "reports in the file; this run: %d visits (%d with a free-use session), %d open days of %d, %d appended, %d "
        "interrupted, %d past midnight, %d busy days squeezed, %.1f s\n",
        o.db.c_str(), static_cast<long long>(countOf(db, "SELECT count(*) FROM visits")),
        static_cast<long long>(countOf(db, "SELECT count(*) FROM visits WHERE end_reason IS NULL")),
        static_cast<long long>(countOf(db, "SELECT count(DISTINCT local_date) FROM visits")),
        static_cast<long long>(countOf(db, "SELECT count(*) FROM visit_events")),
        static_cast<long long>(countOf(db, "SELECT count(*) FROM equipment_reports")), t.visits, t.freeUse, t.openDays,
        o.days, appended, t.interrupted, t.midnight, t.squeezedDays, secs);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app{"Fills a kiosk.db with realistic visits, written by the kiosk's own adapters (issue 6's "
                 "end-to-end test)."};
    app.add_option("--db", o.db, "the kiosk.db to write (created if missing)")->required();
    app.add_option("--days", o.days, "how many days, ending on --end-date (0: none)")->check(CLI::Range(0, 3660));
    app.add_option("--end-date", o.endDate, "the last local day, YYYY-MM-DD")->required();
    app.add_option("--seed", o.seed, "the random seed (one per terminal)");
    app.add_option("--visits-per-day-mean", o.meanPerDay, "visits per calendar day on average (closed days included)")
        ->check(CLI::Range(0.0, 500.0));
    app.add_option("--append-today", o.appendToday,
                   "then add N visits on the day after --end-date, after everything already in the file")
        ->check(CLI::Range(0, 10000));
    app.add_flag("--open-visit", o.openVisit,
                 "leave one more visit open at the end (today with --append-today, else on --end-date)");
    app.add_option("--tutorials", o.tutorials, "the tutorials folder (for real ids, versions and step counts)");
    app.add_option("--tz", o.timeZone, "the terminal's time zone");
    CLI11_PARSE(app, argc, argv);
    dps::log::setLevel(dps::log::Level::Warning);
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dps-gen-visits: %s\n", e.what());
        return 1;
    }
}
