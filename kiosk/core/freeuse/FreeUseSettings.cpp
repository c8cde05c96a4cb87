#include "kiosk/core/freeuse/FreeUseSettings.h"

#include <algorithm>
#include <cctype>

namespace dps::kiosk {
namespace {

std::string trimmedSpec(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::vector<std::string> parts(const std::string& spec) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t bar = spec.find('|', start);
        out.push_back(trimmedSpec(spec.substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
        if (bar == std::string::npos) return out;
        start = bar + 1;
    }
}

bool hostChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; }

// An address the browser may open from the start page: https, a host name with a dot, an optional
// port, then a path of visible ASCII (percent-encoded where it is not).
std::string urlProblem(const std::string& url) {
    constexpr std::string_view scheme = "https://";
    if (url.size() > kTileUrlMax) return "the address is longer than " + std::to_string(kTileUrlMax) + " characters";
    if (!url.starts_with(scheme)) return "the address must start with https://";
    const std::string rest = url.substr(scheme.size());
    const std::size_t end = std::min(rest.find_first_of("/?#"), rest.size());
    const std::string authority = rest.substr(0, end);
    const std::size_t colon = authority.find(':');
    const std::string host = authority.substr(0, colon);
    if (host.empty() || !std::all_of(host.begin(), host.end(), hostChar) || host.find('.') == std::string::npos ||
        host.front() == '.' || host.front() == '-' || host.back() == '.' || host.find("..") != std::string::npos)
        return "the address has no valid host name (like www.example.be)";
    if (colon != std::string::npos) {
        const std::string port = authority.substr(colon + 1);
        if (port.empty() || port.size() > 5 ||
            !std::all_of(port.begin(), port.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return "the address's port must be a number";
    }
    for (const char c : rest.substr(end)) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`' || c == '{' ||
            c == '}' || c == '|' || c == '^')
            return "the address has a space or a character that must be percent-encoded";
    }
    return {};
}

// Characters of a UTF-8 text (its bytes that do not continue a character).
std::size_t characters(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string nameProblem(const std::string& name) {
    if (name.empty()) return "a tile's name is empty";
    if (characters(name) > kTileNameMax) return "the name \"" + name + "\" is longer than 40 characters";
    if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return "a name has a control character";
    // Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, UTF-8 E2 80 AA-AE and
    // E2 81 A6-A9) would let a name show other text than it holds: "\u202Eevil" reads "live".
    // Right-to-left names (Arabic) need none of them: the start page isolates each name.
    for (std::size_t i = 0; i + 2 < name.size(); ++i) {
        const auto b1 = static_cast<unsigned char>(name[i + 1]), b2 = static_cast<unsigned char>(name[i + 2]);
        if (static_cast<unsigned char>(name[i]) == 0xE2 &&
            ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)))
            return "a name has a bidirectional override character (U+202A to U+202E, U+2066 to U+2069)";
    }
    return {};
}

bool languageCode(const std::string& s) {
    return s.size() >= 2 && s.size() <= 3 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Reads a tile; problem says why it cannot.
std::optional<FreeUseTile> read(const std::string& spec, std::string& problem) {
    if (spec.size() > kTileSpecMax) {
        problem = "a tile is longer than " + std::to_string(kTileSpecMax) + " characters";
        return std::nullopt;
    }
    const auto items = parts(spec);
    if (items.size() < 2) {
        problem = "write the address, a bar, then the name: \"https://www.example.be | Example\"";
        return std::nullopt;
    }
    if (items.size() - 1 > kTileNamesMax) {
        problem = "a tile has more than " + std::to_string(kTileNamesMax) + " names";
        return std::nullopt;
    }
    FreeUseTile tile;
    tile.url = items[0];
    if (problem = urlProblem(tile.url); !problem.empty()) return std::nullopt;
    for (std::size_t i = 1; i < items.size(); ++i) {
        std::string language, name = items[i];
        // "fr: Ma commune": a name for one language. A colon elsewhere belongs to the name.
        if (const std::size_t colon = name.find(':'); colon != std::string::npos) {
            const std::string before = trimmedSpec(name.substr(0, colon));
            if (languageCode(before)) {
                language = before;
                name = trimmedSpec(name.substr(colon + 1));
            }
        }
        if (problem = nameProblem(name); !problem.empty()) return std::nullopt;
        for (const auto& [l, n] : tile.names) {
            if (l == language) {
                problem = language.empty() ? "a tile has two names for every language"
                                           : "a tile has two names for '" + language + "'";
                return std::nullopt;
            }
        }
        tile.names.emplace_back(language, name);
    }
    return tile;
}

} // namespace

const std::string& FreeUseTile::nameIn(const std::string& language) const {
    for (const auto& [l, n] : names)
        if (l == language) return n;
    for (const auto& [l, n] : names)
        if (l.empty() || l == "en") return n;
    return names.front().second;
}

std::string tileProblem(const std::string& spec) {
    if (trimmedSpec(spec).empty()) return {};
    std::string problem;
    (void)read(spec, problem);
    return problem;
}

std::optional<FreeUseTile> parseTile(const std::string& spec) {
    if (trimmedSpec(spec).empty()) return std::nullopt;
    std::string problem;
    return read(spec, problem);
}

std::vector<std::string> FreeUseSettings::defaultTileSpecs() {
    // The addresses are the services' own public entry pages. The municipality's is IRISbox, the
    // online counter of Brussels' 19 municipalities: a DPS elsewhere writes its own.
    return {"https://eservices.minfin.fgov.be/myminfin-web/ | MyMinfin",
            "https://www.csam.be/ | CSAM · My e-gov",
            "https://irisbox.brussels/ | fr: Ma commune | nl: Mijn gemeente | en: My municipality",
            "https://www.actiris.brussels/ | Actiris",
            "https://www.vdab.be/ | VDAB",
            "https://www.leforem.be/ | Le Forem",
            "https://mail.google.com/ | Gmail",
            "https://outlook.live.com/ | Outlook",
            "",
            ""};
}

std::vector<FreeUseTile> FreeUseSettings::defaultTiles() {
    std::vector<FreeUseTile> tiles;
    for (const auto& spec : defaultTileSpecs())
        if (auto t = parseTile(spec)) tiles.push_back(std::move(*t));
    return tiles;
}

StartPage startPageIn(const FreeUseSettings& settings, const std::string& language) {
    StartPage page{language, {}};
    for (const auto& t : settings.tiles)
        page.tiles.push_back({t.nameIn(language), t.url});
    return page;
}

} // namespace dps::kiosk
