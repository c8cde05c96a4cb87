// The start page's address (kiosk/core/freeuse/StartPage.h): the visit's language and the tiles in
// the fragment, percent-encoded as RFC 3986 section 2.1 says (every byte but the unreserved
// characters of section 2.3 as %XX, upper-case hex), so that no name or address, however hostile,
// can end its value, add a field or put a space or quote into the runner's --url.
#include "kiosk/core/freeuse/StartPage.h"
#include "kiosk/core/freeuse/FreeUseSettings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using dps::kiosk::FreeUseSettings;
using dps::kiosk::kStartAddressMax;
using dps::kiosk::kStartPageFile;
using dps::kiosk::percentEncoded;
using dps::kiosk::startAddress;
using dps::kiosk::StartPage;
using dps::kiosk::startPageIn;

namespace {

// RFC 3986's percent-decoding, written here from the RFC rather than from the encoder.
std::string decoded(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The fragment's fields in order, split on '&' and the first '=' as the page's URLSearchParams does.
std::vector<std::pair<std::string, std::string>> fields(const std::string& url) {
    const std::size_t hash = url.find('#');
    std::vector<std::pair<std::string, std::string>> out;
    std::string rest = url.substr(hash + 1);
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string field = rest.substr(0, amp);
        const std::size_t eq = field.find('=');
        out.emplace_back(field.substr(0, eq), decoded(field.substr(eq + 1)));
        rest = amp == std::string::npos ? "" : rest.substr(amp + 1);
    }
    return out;
}

} // namespace

TEST(StartPage, TheDefaultTilesInFrenchAsTheFragmentCarriesThem) {
    const auto address = startAddress(startPageIn(FreeUseSettings{}, "fr"));
    EXPECT_EQ(address.tilesLeftOut, 0u);
    // "·" is U+00B7, C2 B7 in UTF-8; "/" and ":" are reserved (RFC 3986 2.2), so encoded too.
    EXPECT_THAT(address.url, testing::StartsWith(std::string(kStartPageFile) +
                                                 "#lang=fr&t=MyMinfin&u=https%3A%2F%2Feservices.minfin.fgov.be%2F"
                                                 "myminfin-web%2F&t=CSAM%20%C2%B7%20My%20e-gov&u=https%3A%2F%2Fwww."
                                                 "csam.be%2F&t=Ma%20commune&u=https%3A%2F%2Firisbox.brussels%2F"));
    const auto f = fields(address.url);
    ASSERT_EQ(f.size(), 1 + 2 * FreeUseSettings::defaultTiles().size());
    EXPECT_EQ(f[5], std::make_pair(std::string("t"), std::string("Ma commune")));
}

TEST(StartPage, TheLanguageIsOneThePageKnowsElseEnglish) {
    EXPECT_THAT(startAddress(StartPage{"nl", {}}).url, testing::EndsWith("#lang=nl"));
    EXPECT_THAT(startAddress(StartPage{"en", {}}).url, testing::EndsWith("#lang=en"));
    EXPECT_THAT(startAddress(StartPage{"de", {}}).url, testing::EndsWith("#lang=en"));
    EXPECT_THAT(startAddress(StartPage{"fr&t=x", {}}).url, testing::EndsWith("#lang=en"));
}

TEST(StartPage, HostileNamesAndAddressesStayOneValueEach) {
    const std::vector<std::string> hostile = {
        "&t=Fake&u=https://evil.example/", // a field of its own
        "x#lang=nl",                       // a second fragment
        "<img src=x onerror=alert(1)>",    // markup
        "\" onclick=\"alert(1)",           // quotes that end an attribute
        "100% ok %41 %zz %",               // percent signs, valid and not
        "a\\b c\td",                       // backslash, space, tab
        "\xE2\x80\xAE"
        "evil",                         // U+202E RIGHT-TO-LEFT OVERRIDE
        "Caf\xC3\xA9 \xF0\x9F\x93\xA7", // é and an emoji, 2 and 4 bytes
        "+plus+=equals=",
    };
    StartPage page{"fr", {}};
    for (const auto& name : hostile)
        page.tiles.push_back({name, "https://example.be/a?b=c&d=" + name});
    const auto address = startAddress(page);
    ASSERT_EQ(address.tilesLeftOut, 0u);
    // Nothing the runner refuses (space, control, quote, backslash) and one fragment only.
    for (const char c : address.url) {
        const auto u = static_cast<unsigned char>(c);
        EXPECT_TRUE(u > 0x20 && u < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '+')
            << "character " << int(u) << " in " << address.url;
    }
    EXPECT_EQ(std::count(address.url.begin(), address.url.end(), '#'), 1);
    const auto f = fields(address.url);
    ASSERT_EQ(f.size(), 1 + 2 * hostile.size());
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        EXPECT_EQ(f[1 + 2 * i], std::make_pair(std::string("t"), hostile[i]));
        EXPECT_EQ(f[2 + 2 * i], std::make_pair(std::string("u"), "https://example.be/a?b=c&d=" + hostile[i]));
    }
}

TEST(StartPage, EveryByteIsEncodedButTheUnreservedOnes) {
    std::string all;
    for (int b = 0; b < 256; ++b)
        all += static_cast<char>(b);
    const std::string encoded = percentEncoded(all);
    EXPECT_EQ(decoded(encoded), all);
    // 66 unreserved characters (ALPHA, DIGIT, "-._~") as they are, 190 bytes as three characters.
    EXPECT_EQ(encoded.size(), 66u + 190u * 3u);
    EXPECT_EQ(percentEncoded("\xC2\xB7"), "%C2%B7"); // upper-case hex (RFC 3986 2.1 "should")
    EXPECT_EQ(percentEncoded("A-z_0.9~"), "A-z_0.9~");
}

TEST(StartPage, TilesThatDoNotFitAreLeftOutWholeFromTheLast) {
    StartPage page{"en", {}};
    for (int i = 0; i < 10; ++i) // 10 tiles of the longest address kiosk.toml accepts
        page.tiles.push_back({"Tile " + std::to_string(i), "https://example.be/" + std::string(280, 'a')});
    const auto address = startAddress(page);
    EXPECT_LE(address.url.size(), kStartAddressMax);
    // "&t=Tile%200" (11) + "&u=https%3A%2F%2Fexample.be%2F" (30) + 280 = 321 a tile after the page's
    // 45: 6 fit in 2048, 4 do not.
    EXPECT_EQ(address.tilesLeftOut, 4u);
    const auto f = fields(address.url);
    ASSERT_EQ(f.size(), 1u + 2u * 6u);
    EXPECT_EQ(f.back().second, page.tiles[5].url);
    // Nothing fits: the page alone, in its language.
    const auto none = startAddress(page, kStartPageFile, 60);
    EXPECT_EQ(none.tilesLeftOut, 10u);
    EXPECT_EQ(none.url, std::string(kStartPageFile) + "#lang=en");
}
