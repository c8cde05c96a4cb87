// Benchmark (not part of ctest): prints figures and ratios for
//  1. loading tutorials at start: 100 tutorials (the shipped ones copied under new ids) through the
//     full loader and validator, beside the peer: yaml-cpp parsing the same files and nothing else;
//  2. drawing frames: the player on a practice exercise beside the Welcome screen, software renderer,
//     offscreen, 1366x768.
//   build/ci/bin/dps-kiosk-bench [SOURCE_DIR]
#include "kiosk/adapters/content/TutorialLoader.h"
#include "kiosk/app/KioskApp.h"
#include "kiosk/app/ScreenshotSupport.h"
#include "kiosk/ui/Images.h"
#include "kiosk/ui/Runner.h"
#include "kiosk/ui/UiMap.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <regex>

namespace fs = std::filesystem;
using namespace dps::kiosk;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

template <class F> double timeMs(F f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// 100 tutorials: each shipped one copied under a new id (pictures included).
fs::path makeHundred(const fs::path& shipped, const fs::path& into) {
    std::vector<fs::path> sources;
    for (const auto& e : fs::directory_iterator(shipped)) {
        if (e.is_directory()) sources.push_back(e.path());
    }
    std::sort(sources.begin(), sources.end());
    for (int i = 0; i < 100; ++i) {
        const fs::path& src = sources[static_cast<std::size_t>(i) % sources.size()];
        const std::string id = src.filename().string() + "-" + std::to_string(i);
        fs::create_directories(into / id);
        for (const auto& f : fs::directory_iterator(src)) {
            if (f.path().extension() == ".png") fs::copy_file(f.path(), into / id / f.path().filename());
        }
        std::ifstream in(src / "tutorial.yaml");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        text = std::regex_replace(text, std::regex("^id: .*$", std::regex::multiline), "id: " + id);
        text = std::regex_replace(text, std::regex("^next: .*$", std::regex::multiline), "");
        std::ofstream(into / id / "tutorial.yaml") << text;
    }
    return into;
}

} // namespace

int main(int argc, char** argv) {
    const fs::path source = argc > 1 ? argv[1] : DPS_SOURCE_DIR;
    const fs::path work = fs::temp_directory_path() / "dps-kiosk-bench";
    fs::remove_all(work);
    const fs::path dir = makeHundred(source / "assets" / "tutorials", work / "tutorials");
    const std::vector<std::string> languages{"fr", "nl", "en"};

    std::vector<double> full, peer;
    std::size_t loaded = 0;
    for (int run = 0; run < 7; ++run) {
        full.push_back(timeMs([&] { loaded = loadLibrary(dir, languages).tutorials.size(); }));
        peer.push_back(timeMs([&] {
            for (const auto& e : fs::directory_iterator(dir))
                (void)YAML::LoadFile((e.path() / "tutorial.yaml").string());
        }));
    }
    std::printf("tutorial loading, %zu tutorials (median of 7 runs)\n", loaded);
    std::printf("  dps-kiosk loader + validator  %7.1f ms   (target: under 200 ms)\n", median(full));
    std::printf("  peer: yaml-cpp parse only     %7.1f ms   ratio %.2fx\n", median(peer), median(full) / median(peer));

    // Frames, drawn offscreen with the software renderer, as a kiosk without a GPU does.
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    ui::RunnerOptions ro;
    ro.fullscreen = false;
    ro.renderer = "software";
    ro.offscreen = true;
    ui::Runner runner(ro);
    const std::vector<Tutorial> tutorials = loadLibrary(source / "assets" / "tutorials", languages).tutorials;
    const dps::i18n::Catalog catalog(fs::path(DPS_BUILD_DATA_DIR) / "locale", "dps-kiosk", languages);
    UnrecordedVisits visits;
    dps::ManualClock clock;
    const ui::FontFiles fonts{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                              "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
                              "/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf"};
    auto maker = [&](float size, bool contrast) { return ui::applyTheme(ImVec2(1366, 768), 0, fonts, size, contrast); };
    FlowSettings settings;
    settings.languages = languages;
    auto measure = [&](const char* name, auto prepare) {
        KioskFlow flow(settings, visits, clock, tutorials);
        prepare(flow);
        ui::UiMap map("");
        ui::Images images(runner.renderer());
        KioskApp app(flow, catalog, maker, map, "", images);
        runner.timeFrames(app, 10); // warm-up: fonts uploaded, pictures decoded
        const auto ms = runner.timeFrames(app, 200);
        std::printf("  %-34s mean %5.2f ms   p95 %5.2f ms\n", name,
                    std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size()), percentile(ms, 0.95));
        return std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
    };
    std::printf("frame time, 1366x768, software renderer (200 frames)\n");
    const double welcome = measure("peer: Welcome screen", [](KioskFlow&) {});
    const double player = measure("player, drag-and-drop exercise", [](KioskFlow& f) {
        f.apply(intent::StartVisit{});
        f.apply(intent::OpenCatalogue{});
        f.apply(intent::OpenTutorial{"email-attachment"});
        f.run()->skipTo(4);
    });
    std::printf("  ratio player / Welcome: %.2fx; a frame under 16.7 ms keeps 60 frames per second\n",
                player / welcome);
    fs::remove_all(work);
    return 0;
}
