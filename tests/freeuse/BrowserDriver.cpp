// dps-free-use-driver: the kiosk's free-use adapter (kiosk/adapters/browser/RunnerBrowser) driven
// as the flow drives it, for tests/freeuse/session.test.mjs: start() on a start page, poll() every
// 100 ms, stop() when told, and what happened printed one line each:
//   start=1|0   input   crashed   closed   wiped verified=1|0 wiped=processes,home[,print jobs][,usb]
// Standard input: "stop" (or its end) asks the stop. A session that ends by itself ("crashed",
// "closed") is stopped at once, as FreeUseFlow does.
//   dps-free-use-driver --wayland SOCKET [--lang fr] [--tile SPEC]... [--service-socket PATH]
//       [--no-input-watch] [-- SERVICE COMMAND...]
#include "kiosk/adapters/browser/RunnerBrowser.h"
#include "kiosk/core/freeuse/FreeUseSettings.h"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <poll.h>
#include <string>
#include <unistd.h>

using namespace dps::kiosk;

int main(int argc, char** argv) {
    browser::RunnerBrowserOptions options;
    FreeUseSettings settings;
    std::string language = "en";
    bool tilesGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << a << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--wayland") {
            options.waylandSocket = value();
        } else if (a == "--lang") {
            language = value();
        } else if (a == "--tile") {
            const std::string spec = value();
            if (!tilesGiven) settings.tiles.clear();
            tilesGiven = true;
            const auto tile = parseTile(spec);
            if (!tile) {
                std::cerr << "bad tile: " << tileProblem(spec) << "\n";
                return 2;
            }
            settings.tiles.push_back(*tile);
        } else if (a == "--service-socket") {
            options.serviceSocket = value();
        } else if (a == "--no-input-watch") {
            options.inputWatch.clear();
        } else if (a == "--") {
            for (++i; i < argc; ++i)
                options.serviceCommand.emplace_back(argv[i]);
        } else {
            std::cerr << "unknown argument " << a << "\n";
            return 2;
        }
    }
    browser::RunnerBrowser session(options);
    const bool started = session.start(startPageIn(settings, language));
    std::cout << "start=" << (started ? 1 : 0) << std::endl;
    if (!started) return 1;
    bool stopped = false, stdinOpen = true;
    for (;;) {
        pollfd in{STDIN_FILENO, POLLIN, 0};
        if (stdinOpen && ::poll(&in, 1, 100) > 0) {
            char buffer[64];
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n <= 0) stdinOpen = false;
            if ((n <= 0 || std::string(buffer, static_cast<std::size_t>(n)).find("stop") != std::string::npos) &&
                !stopped) {
                session.stop();
                stopped = true;
            }
        } else if (!stdinOpen) {
            ::usleep(100 * 1000);
        }
        const BrowserNews news = session.poll();
        if (news.input) std::cout << "input" << std::endl;
        if (news.crashed || news.closed) {
            std::cout << (news.closed ? "closed" : "crashed") << std::endl;
            if (!stopped) session.stop();
            stopped = true;
        }
        if (news.wiped) {
            std::string wiped;
            for (const auto& w : news.wiped->wiped)
                wiped += (wiped.empty() ? "" : ",") + w;
            std::cout << "wiped verified=" << (news.wiped->verified ? 1 : 0) << " wiped=" << wiped << std::endl;
            return 0;
        }
    }
}
