#pragma once
#include "kiosk/adapters/browser/Child.h"
#include "kiosk/adapters/browser/InputWatch.h"
#include "kiosk/core/freeuse/BrowserSession.h"
#include "kiosk/core/freeuse/StartPage.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk::browser {

struct RunnerBrowserOptions {
    // The root service's socket (packaging/free-use/dps-free-use.socket), reached by dps-kiosk only.
    std::string serviceSocket = "/run/dps-free-use.sock";
    // Without systemd (the tests): this program is the service, run by the adapter over a
    // socketpair for each session. Empty: the socket above.
    std::vector<std::string> serviceCommand;
    // The compositor's socket the browser joins (the kiosk's own: $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY).
    std::string waylandSocket;
    std::string startPageFile = std::string(kStartPageFile);
    // The browser the runner starts (checked by unavailable() only; the runner has its own default).
    std::string browser = "/usr/lib/chromium/chromium";
    // What tells the visitor's input (InputWatch::swayidle() by default); its environment gets
    // WAYLAND_DISPLAY. Empty: no input is ever reported (the idle rule then ends sessions).
    std::vector<std::string> inputWatch = InputWatch::swayidle();
};

// BrowserSession over the root session runner (docs/free-use.md "How the kiosk starts a
// session"): one connection to the free-use service per session. start() writes the request,
// stop() closes the kiosk's half of the connection (Finish), poll() reads what the service wrote
// (the runner's report when the session is over) and the input watch. No call blocks.
class RunnerBrowser final : public BrowserSession {
public:
    explicit RunnerBrowser(RunnerBrowserOptions options);
    ~RunnerBrowser() override;
    bool start(const StartPage& page) override;
    void stop() override;
    BrowserNews poll() override;

    // Why free use cannot be offered on this terminal ("" when it can): no runner or service
    // socket installed, no compositor, no swayidle.
    static std::string unavailable(const RunnerBrowserOptions& options, const std::string& runner);

private:
    void closeConnection();
    void readService();
    void finish(const std::string& problem);

    RunnerBrowserOptions options_;
    int fd_ = -1;
    std::unique_ptr<Child> service_;
    std::unique_ptr<InputWatch> input_;
    std::string received_;
    bool stopAsked_ = false;
    bool endNoticed_ = false;          // crashed/closed news given for a session that ended by itself
    bool closedByVisitor_ = false;     // the runner said ended=closed
    std::optional<WipeReport> report_; // the session is over; given by poll() once stop() was asked
    bool reported_ = false;
};

} // namespace dps::kiosk::browser
