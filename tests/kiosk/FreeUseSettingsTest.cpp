// [free_use] in kiosk.toml: its defaults, the start page's tiles as an administrator writes them,
// and every mistake reported at its file:line, all of them at once.
#include "kiosk/core/freeuse/FreeUseSettings.h"
#include "kiosk/app/KioskSettings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::kiosk::FreeUseSettings;
using dps::kiosk::kioskSchema;
using dps::kiosk::parseTile;
using dps::kiosk::tileProblem;
using testing::HasSubstr;

namespace {

// The problems of a kiosk.toml text, as "line: message".
std::vector<std::string> problems(const std::string& text) {
    try {
        (void)kioskSchema().parse(text, "kiosk.toml");
    } catch (const dps::config::ConfigError& e) {
        std::vector<std::string> out;
        for (const auto& p : e.problems())
            out.push_back(std::to_string(p.line) + ": " + p.message);
        return out;
    }
    return {};
}

} // namespace

TEST(FreeUseSettings, DefaultsOfferAnHourAndTheServicesPeopleComeFor) {
    const auto s = kioskSchema().defaults();
    EXPECT_TRUE(s.freeUseEnabled);
    EXPECT_EQ(s.freeUseMinutes, 60);
    EXPECT_EQ(s.freeUseIdleMinutes, 5);
    std::vector<std::string> urls;
    for (const auto& spec : s.tileSpecs())
        if (const auto t = parseTile(spec)) urls.push_back(t->url);
    EXPECT_THAT(urls, testing::ElementsAre("https://eservices.minfin.fgov.be/myminfin-web/", "https://www.csam.be/",
                                           "https://irisbox.brussels/", "https://www.actiris.brussels/",
                                           "https://www.vdab.be/", "https://www.leforem.be/",
                                           "https://mail.google.com/", "https://outlook.live.com/"));
    EXPECT_EQ(FreeUseSettings::defaultTiles().size(), urls.size());
}

TEST(FreeUseSettings, ATileHasOneNameOrOnePerLanguageWithEnglishThenTheFirstAsFallback) {
    const auto one = parseTile("https://www.vdab.be | VDAB");
    ASSERT_TRUE(one);
    EXPECT_EQ(one->nameIn("nl"), "VDAB");
    const auto each = parseTile("https://irisbox.brussels/ | fr: Ma commune | nl: Mijn gemeente | en: My municipality");
    ASSERT_TRUE(each);
    EXPECT_EQ(each->nameIn("fr"), "Ma commune");
    EXPECT_EQ(each->nameIn("nl"), "Mijn gemeente");
    EXPECT_EQ(each->nameIn("de"), "My municipality");
    const auto noEnglish = parseTile("https://www.example.be | fr: Mon CPAS | nl: Mijn OCMW");
    ASSERT_TRUE(noEnglish);
    EXPECT_EQ(noEnglish->nameIn("ar"), "Mon CPAS");
    // A colon that does not follow a language code is part of the name.
    EXPECT_EQ(parseTile("https://www.example.be | Aide: impôts")->nameIn("fr"), "Aide: impôts");
    EXPECT_FALSE(parseTile("   ")) << "an empty slot is no tile";
}

TEST(FreeUseSettings, ATileIsRefusedWithWhatIsWrong) {
    EXPECT_EQ(tileProblem(""), "");
    EXPECT_EQ(tileProblem("https://www.vdab.be/vacatures?q=a%20b#top | VDAB"), "");
    EXPECT_EQ(tileProblem("https://example.be:8443/ | Test"), "");
    EXPECT_THAT(tileProblem("http://www.vdab.be | VDAB"), HasSubstr("https://"));
    EXPECT_THAT(tileProblem("file:///etc/passwd | Files"), HasSubstr("https://"));
    EXPECT_THAT(tileProblem("https://www.vdab.be"), HasSubstr("a bar, then the name"));
    EXPECT_THAT(tileProblem("https:// | VDAB"), HasSubstr("host name"));
    EXPECT_THAT(tileProblem("https://localhost/ | Here"), HasSubstr("host name"));
    EXPECT_THAT(tileProblem("https://a..be/ | Here"), HasSubstr("host name"));
    EXPECT_THAT(tileProblem("https://user@evil.be/ | Here"), HasSubstr("host name"));
    EXPECT_THAT(tileProblem("https://example.be:x/ | Here"), HasSubstr("port"));
    EXPECT_THAT(tileProblem("https://example.be/a b | Here"), HasSubstr("percent-encoded"));
    EXPECT_THAT(tileProblem("https://example.be/\"><script> | Here"), HasSubstr("percent-encoded"));
    EXPECT_THAT(tileProblem("https://example.be/ | "), HasSubstr("empty"));
    EXPECT_THAT(tileProblem("https://example.be/ | " + std::string(41, 'x')), HasSubstr("longer than 40"));
    EXPECT_EQ(tileProblem("https://example.be/ | " + std::string(20, 'x') + "éééééééééééééééééééé"), "")
        << "40 characters, more bytes: characters are counted";
    EXPECT_THAT(tileProblem("https://example.be/ | fr: A | fr: B"), HasSubstr("two names for 'fr'"));
    EXPECT_THAT(tileProblem("https://example.be/ | A | B"), HasSubstr("two names for every language"));
    EXPECT_THAT(tileProblem("https://example.be/" + std::string(300, 'a') + " | A"), HasSubstr("longer than"));
    std::string many = "https://example.be/";
    for (const char* l : {"aa", "ab", "ac", "ad", "ae", "af", "ag", "ah", "ai", "aj", "ak", "al", "am"})
        many += std::string(" | ") + l + ": x";
    EXPECT_THAT(tileProblem(many), HasSubstr("more than 12 names"));
    EXPECT_THAT(tileProblem("https://example.be/ | A\tB"), HasSubstr("control character"));
}

TEST(FreeUseSettings, ANameWithABidirectionalOverrideIsRefusedButArabicIsNot) {
    // U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE, as UTF-8 (Unicode 15, UAX #9).
    EXPECT_THAT(tileProblem("https://example.be/ | \xE2\x80\xAElive"), HasSubstr("bidirectional override"));
    EXPECT_THAT(tileProblem("https://example.be/ | a\xE2\x81\xA6"
                            "b"),
                HasSubstr("bidirectional override"));
    // U+200F RIGHT-TO-LEFT MARK (E2 80 8F) is not an override.
    EXPECT_EQ(tileProblem("https://example.be/ | a\xE2\x80\x8F"), "");
    // "البلدية" (the municipality, Arabic): a right-to-left name is fine.
    EXPECT_EQ(tileProblem("https://example.be/ | ar: \xD8\xA7\xD9\x84\xD8\xA8\xD9\x84\xD8\xAF\xD9\x8A\xD8\xA9"), "");
}

TEST(FreeUseSettings, KioskTomlReportsEveryMistakeAtItsLine) {
    const std::string text = "[free_use]\n"
                             "enabled = \"yes\"\n"
                             "minutes = 600\n"
                             "idle_minutes = 1\n"
                             "tile_1 = \"http://www.vdab.be | VDAB\"\n"
                             "tile_2 = \"https://www.vdab.be | VDAB\"\n"
                             "tile_3 = \"https://example.be/ | fr: A | fr: B\"\n"
                             "tile_11 = \"https://example.be/ | A\"\n";
    EXPECT_THAT(problems(text), testing::ElementsAre(
                                    HasSubstr("2: 'free_use.enabled' must be true or false"),
                                    HasSubstr("3: 'free_use.minutes' = 600 is out of range: it must be between 5 "
                                              "and 240"),
                                    HasSubstr("4: 'free_use.idle_minutes' = 1 is out of range"),
                                    HasSubstr("5: 'free_use.tile_1' = \"http://www.vdab.be | VDAB\": the address "
                                              "must start with https://"),
                                    HasSubstr("7: 'free_use.tile_3'"), HasSubstr("8: unknown key 'free_use.tile_11'")));
}

TEST(FreeUseSettings, AnAdministratorsTilesReplaceTheDefaultsSlotBySlot) {
    const auto s = kioskSchema().parse("[free_use]\nminutes = 45\ntile_1 = \"https://www.my-dps.be/ | Our DPS\"\n"
                                       "tile_2 = \"\"\n",
                                       "kiosk.toml");
    EXPECT_EQ(s.freeUseMinutes, 45);
    EXPECT_EQ(s.tileSpecs()[0], "https://www.my-dps.be/ | Our DPS");
    EXPECT_EQ(s.tileSpecs()[1], "") << "a slot emptied removes that default";
    EXPECT_EQ(s.tileSpecs()[2], FreeUseSettings::defaultTileSpecs()[2]);
}
