// Translations come from the real compiled catalogues of the build tree.
#include "dps/i18n/Catalog.h"
#include "TempDir.h"
#include "dps/i18n/Languages.h"
#include "kiosk/ui/Labels.h"

#include <cctype>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <regex>
#include <thread>

using dps::i18n::Catalog;
using dps::i18n::Translator;

namespace {

const Catalog& testCatalog() {
    static const Catalog c(DPS_LOCALE_DIR, "dps-kiosk", {"fr", "nl", "en"});
    return c;
}

// msgid / msgid_plural pairs of the template extracted from the sources at build time.
std::vector<std::pair<std::string, std::string>> templateMessages() {
    std::ifstream in(DPS_POT_FILE);
    std::vector<std::pair<std::string, std::string>> out;
    std::string line;
    const std::regex id(R"re(^msgid "(.+)"$)re"), plural(R"re(^msgid_plural "(.+)"$)re");
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_match(line, m, id))
            out.emplace_back(m[1], "");
        else if (std::regex_match(line, m, plural) && !out.empty())
            out.back().second = m[1];
    }
    return out;
}

std::string unescape(std::string s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        out += s[i];
    }
    return out;
}

int placeholders(const std::string& s) {
    int n = 0;
    for (std::size_t p = s.find("{}"); p != std::string::npos; p = s.find("{}", p + 2))
        ++n;
    return n;
}

} // namespace

TEST(Catalog, TranslatesPerCallInEachLanguage) {
    EXPECT_EQ(testCatalog().translate("fr", "Start"), "Commencer");
    EXPECT_EQ(testCatalog().translate("nl", "Start"), "Starten");
    EXPECT_EQ(testCatalog().translate("en", "Start"), "Start");
}

TEST(Catalog, UnknownMessageFallsBackToItsSourceText) {
    EXPECT_EQ(testCatalog().translate("fr", "A sentence nobody translated"), "A sentence nobody translated");
}

TEST(Catalog, PluralsFollowEachLanguagesRule) {
    const char* one = "Back to the start in {} second.";
    const char* many = "Back to the start in {} seconds.";
    // French treats 0 as singular, Dutch and English do not.
    EXPECT_EQ(Translator(testCatalog(), "fr").trCount(one, many, 0), "Retour au début dans 0 seconde.");
    EXPECT_EQ(Translator(testCatalog(), "nl").trCount(one, many, 0), "Terug naar het begin over 0 seconden.");
    EXPECT_EQ(Translator(testCatalog(), "en").trCount(one, many, 1), "Back to the start in 1 second.");
    EXPECT_EQ(Translator(testCatalog(), "fr").trCount(one, many, 12), "Retour au début dans 12 secondes.");
}

TEST(Catalog, LanguagesCanBeUsedFromSeveralThreadsAtOnce) {
    std::atomic<int> wrong{0};
    auto work = [&](const char* lang, const char* expected) {
        for (int i = 0; i < 2000; ++i) {
            if (testCatalog().translate(lang, "End my visit") != expected) ++wrong;
        }
    };
    std::thread a(work, "fr", "Terminer ma visite"), b(work, "nl", "Mijn bezoek beëindigen");
    a.join();
    b.join();
    EXPECT_EQ(wrong, 0);
}

TEST(Catalog, MissingCatalogueIsAnErrorNamingTheFile) {
    try {
        Catalog c(DPS_LOCALE_DIR, "dps-kiosk", {"fr", "tr"});
        FAIL() << "Turkish has no catalogue yet";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(), testing::HasSubstr("tr/LC_MESSAGES/dps-kiosk.mo: no translation catalogue"));
    }
}

TEST(Catalog, BrokenPlaceholderInATranslationFallsBackToEnglish) {
    // A catalogue added on a terminal without a rebuild may break "{}"; the screen must not.
    dps::test::TempDir dir;
    std::filesystem::create_directories(dir.path() / "de" / "LC_MESSAGES");
    const auto po = dir / "de.po";
    dps::test::writeFile(po, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: "
                             "nplurals=2; plural=(n != 1);\\n\"\n\nmsgid \"{} second\"\nmsgid_plural \"{} "
                             "seconds\"\nmsgstr[0] \"{ Sekunde\"\nmsgstr[1] \"{ Sekunden\"\n");
    const std::string cmd =
        "msgfmt -o " + (dir.path() / "de/LC_MESSAGES/t.mo").string() + " " + po.string() + " 2>/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const Catalog c(dir.path(), "t", {"de"});
    EXPECT_EQ(Translator(c, "de").trCount("{} second", "{} seconds", 3), "3 seconds");
}

TEST(Catalog, EveryTranslationKeepsThePlaceholdersOfItsSource) {
    const auto messages = templateMessages();
    ASSERT_GT(messages.size(), 10U) << "the template " << DPS_POT_FILE << " looks empty";
    for (const char* lang : {"fr", "nl", "en"}) {
        for (const auto& [id, plural] : messages) {
            const std::string msgid = unescape(id);
            if (plural.empty()) {
                EXPECT_EQ(placeholders(testCatalog().translate(lang, msgid.c_str())), placeholders(msgid))
                    << lang << ": " << msgid;
            } else {
                const std::string msgidPlural = unescape(plural);
                for (long n : {0L, 1L, 2L, 5L}) {
                    EXPECT_EQ(placeholders(testCatalog().translatePlural(lang, msgid.c_str(), msgidPlural.c_str(), n)),
                              placeholders(msgidPlural))
                        << lang << ": " << msgid;
                }
            }
        }
    }
}

// Issue 18: "Tutoriels" is jargon to a visitor; every screen says lessons ("leçons", "lessen").
// The whole catalogue is checked: its facilitator and terminal screens are read by people who are
// not IT staff either.
TEST(Catalog, TheScreensSpeakOfLessonsNotTutorials) {
    const auto messages = templateMessages();
    ASSERT_GT(messages.size(), 10U);
    const auto jargon = [](std::string s) {
        for (auto& c : s)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s.find("tutori") != std::string::npos;
    };
    for (const char* lang : {"fr", "nl", "en"}) {
        for (const auto& [id, plural] : messages) {
            const std::string msgid = unescape(id);
            const std::string shown =
                plural.empty() ? testCatalog().translate(lang, msgid.c_str())
                               : testCatalog().translatePlural(lang, msgid.c_str(), unescape(plural).c_str(), 2);
            EXPECT_FALSE(jargon(shown)) << lang << ": " << shown;
        }
    }
}

// Issue 18 §13: the session summary said "0 minutes" for a session the log has as 3 min 42 s.
TEST(Catalog, ASessionsLengthIsSaidToTheSecond) {
    using dps::kiosk::ui::lastedWords;
    using std::chrono::seconds;
    EXPECT_EQ(lastedWords(Translator(testCatalog(), "fr"), seconds(222)), "3 min 42 s");
    EXPECT_EQ(lastedWords(Translator(testCatalog(), "nl"), seconds(222)), "3 min 42 s");
    EXPECT_EQ(lastedWords(Translator(testCatalog(), "en"), seconds(25)), "0 min 25 s");
    EXPECT_EQ(lastedWords(Translator(testCatalog(), "fr"), seconds(3725)), "1 h 2 min");
}

TEST(Languages, TheThreeRequiredLanguagesAreKnownByTheirOwnNames) {
    EXPECT_EQ(dps::i18n::findLanguage("fr")->endonym, "Français");
    EXPECT_EQ(dps::i18n::findLanguage("nl")->endonym, "Nederlands");
    EXPECT_EQ(dps::i18n::findLanguage("en")->endonym, "English");
    EXPECT_FALSE(dps::i18n::findLanguage("xx"));
}
