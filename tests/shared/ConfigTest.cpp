// The TOML loader against a small schema: every mistake an administrator can make is reported
// with the file and line, and nothing falls back silently to a default.
#include "TempDir.h"
#include "dps/config/Schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::config::ConfigError;
using dps::config::Schema;
using testing::HasSubstr;

namespace {

struct ExampleSettings {
    std::int64_t timeout = 0;
    double scale = 0;
    bool fullscreen = false;
    std::string mode;
    std::filesystem::path database;
    std::vector<std::string> languages;
};

const Schema<ExampleSettings>& exampleSchema() {
    static const Schema<ExampleSettings> s = [] {
        Schema<ExampleSettings> x("test");
        x.integer("visit.timeout", &ExampleSettings::timeout, 300, 5, 7200, "Seconds.");
        x.number("display.scale", &ExampleSettings::scale, 1.0, 0.0, 4.0, "Scale.");
        x.boolean("display.fullscreen", &ExampleSettings::fullscreen, true, "Full screen.");
        x.string("display.mode", &ExampleSettings::mode, "auto", "Mode.", {"auto", "software"});
        x.path("storage.database", &ExampleSettings::database, "/var/lib/x.db", "Database.");
        x.stringList("kiosk.languages", &ExampleSettings::languages, {"fr", "nl"}, "Languages.", {"fr", "nl", "en"}, 1);
        x.retired("visit.old_timeout", dps::config::Kind::Integer, [](const dps::config::Value& v) {
            return "'visit.old_timeout' = " + std::to_string(std::get<std::int64_t>(v)) +
                   " is no longer read: write timeout";
        });
        return x;
    }();
    return s;
}

std::vector<std::string> configProblemsOf(const std::string& text) {
    try {
        (void)exampleSchema().parse(text, "/etc/test/kiosk.toml");
    } catch (const ConfigError& e) {
        std::vector<std::string> out;
        for (const auto& p : e.problems())
            out.push_back(p.str());
        return out;
    }
    return {};
}

} // namespace

TEST(Config, EmptyFileGivesEveryDefault) {
    const ExampleSettings s = exampleSchema().parse("", "k.toml");
    EXPECT_EQ(s.timeout, 300);
    EXPECT_DOUBLE_EQ(s.scale, 1.0);
    EXPECT_TRUE(s.fullscreen);
    EXPECT_EQ(s.mode, "auto");
    EXPECT_EQ(s.database, "/var/lib/x.db");
    EXPECT_EQ(s.languages, (std::vector<std::string>{"fr", "nl"}));
}

TEST(Config, ValuesInTheFileReplaceDefaults) {
    const ExampleSettings s = exampleSchema().parse(R"(
[visit]
timeout = 60
[display]
scale = 2       # an integer is accepted where a number is expected
fullscreen = false
mode = "software"
[kiosk]
languages = ["en"]
)",
                                                    "k.toml");
    EXPECT_EQ(s.timeout, 60);
    EXPECT_DOUBLE_EQ(s.scale, 2.0);
    EXPECT_FALSE(s.fullscreen);
    EXPECT_EQ(s.mode, "software");
    EXPECT_EQ(s.languages, std::vector<std::string>{"en"});
}

TEST(Config, UnknownKeyIsAnErrorWithItsLineAndASuggestion) {
    const auto problems = configProblemsOf("[visit]\n\ntimout = 60\n");
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_EQ(problems[0], "/etc/test/kiosk.toml:3: unknown key 'visit.timout' (did you mean 'visit.timeout'?)");
}

TEST(Config, UnknownSectionIsAnError) {
    const auto problems = configProblemsOf("[visits]\ntimeout = 60\n");
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_THAT(problems[0], HasSubstr("kiosk.toml:1: unknown key 'visits'"));
}

TEST(Config, WrongTypeIsAnErrorWithItsLine) {
    const auto problems = configProblemsOf("[visit]\ntimeout = \"300\"\n");
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_EQ(problems[0], "/etc/test/kiosk.toml:2: 'visit.timeout' must be a whole number, not a string");
}

TEST(Config, OutOfRangeIsAnErrorWithTheAllowedRange) {
    const auto problems = configProblemsOf("[visit]\ntimeout = 2\n");
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_EQ(problems[0],
              "/etc/test/kiosk.toml:2: 'visit.timeout' = 2 is out of range: it must be between 5 and 7200");
}

TEST(Config, ValueOutsideTheChoicesIsAnError) {
    const auto problems = configProblemsOf("[display]\nmode = \"gpu\"\n");
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_THAT(problems[0],
                HasSubstr(":2: 'display.mode' has the value \"gpu\", which is not one of: auto, software"));
}

TEST(Config, ListItemsAreCheckedOneByOne) {
    const auto problems = configProblemsOf("[kiosk]\nlanguages = [\n  \"fr\",\n  \"xx\",\n  3,\n]\n");
    ASSERT_EQ(problems.size(), 2U);
    EXPECT_THAT(problems[0], HasSubstr(":4: 'kiosk.languages' has the value \"xx\""));
    EXPECT_THAT(problems[1], HasSubstr(":5: 'kiosk.languages' must hold only strings"));
}

TEST(Config, EmptyListBelowItsMinimumIsAnError) {
    const auto problems = configProblemsOf("[kiosk]\nlanguages = []\n");
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_THAT(problems[0], HasSubstr(":2: 'kiosk.languages' must list at least 1"));
}

TEST(Config, SyntaxErrorNamesItsLine) {
    const auto problems = configProblemsOf("[visit]\ntimeout = 60\nscale = = 3\n");
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_THAT(problems[0], HasSubstr("/etc/test/kiosk.toml:3: "));
}

TEST(Config, EveryProblemOfAFileIsReportedAtOnce) {
    const auto problems = configProblemsOf("[visit]\ntimeout = 1\n[display]\nfullscreen = \"yes\"\ncolour = 3\n");
    ASSERT_EQ(problems.size(), 3U);
    EXPECT_THAT(problems[0], HasSubstr(":2:"));
    EXPECT_THAT(problems[1], HasSubstr(":4:"));
    EXPECT_THAT(problems[2], HasSubstr(":5:"));
}

TEST(Config, RelativePathIsTakenFromTheFilesFolder) {
    const ExampleSettings s =
        exampleSchema().parse("[storage]\ndatabase = \"data/kiosk.db\"\n", "/srv/demo/kiosk.toml");
    EXPECT_EQ(s.database, "/srv/demo/data/kiosk.db");
}

TEST(Config, MissingFileIsAnErrorNotDefaults) {
    dps::test::TempDir dir;
    try {
        (void)exampleSchema().load(dir / "absent.toml");
        FAIL() << "a missing file must not load";
    } catch (const ConfigError& e) {
        EXPECT_THAT(e.what(), HasSubstr("absent.toml: cannot read the configuration file"));
    }
}

TEST(Config, LoadReadsARealFile) {
    dps::test::TempDir dir;
    dps::test::writeFile(dir / "k.toml", "[visit]\ntimeout = 42\n");
    EXPECT_EQ(exampleSchema().load(dir / "k.toml").timeout, 42);
}

TEST(Config, DefaultsAsTomlLoadsBackToTheDefaults) {
    const std::string text = exampleSchema().defaultsAsToml();
    EXPECT_THAT(text, HasSubstr("[visit]\n# Seconds. Allowed: 5 to 7200.\ntimeout = 300\n"));
    const ExampleSettings s = exampleSchema().parse(text, "/x/k.toml");
    const ExampleSettings d = exampleSchema().defaults();
    EXPECT_EQ(s.timeout, d.timeout);
    EXPECT_EQ(s.mode, d.mode);
    EXPECT_EQ(s.languages, d.languages);
    EXPECT_EQ(s.database, d.database);
}

TEST(Config, ARetiredKeyLoadsWithANoteSetsNothingAndIsNeverOffered) {
    std::vector<dps::config::ConfigProblem> notes;
    const ExampleSettings s =
        exampleSchema().parse("[visit]\ntimeout = 60\n\nold_timeout = 90\n", "/etc/test/kiosk.toml", &notes);
    EXPECT_EQ(s.timeout, 60);
    ASSERT_EQ(notes.size(), 1U);
    EXPECT_EQ(notes[0].str(), "/etc/test/kiosk.toml:4: 'visit.old_timeout' = 90 is no longer read: write timeout");
    EXPECT_THAT(exampleSchema().defaultsAsToml(), testing::Not(HasSubstr("old_timeout")));
    EXPECT_EQ(
        configProblemsOf("[visit]\nold_timeout = \"90\"\n"),
        std::vector<std::string>{"/etc/test/kiosk.toml:2: 'visit.old_timeout' must be a whole number, not a string"});
    EXPECT_EQ(configProblemsOf("[visit]\nold_timeou = 1\n"),
              std::vector<std::string>{"/etc/test/kiosk.toml:2: unknown key 'visit.old_timeou'"})
        << "what is no longer read is never suggested";
    EXPECT_EQ(exampleSchema().parse("", "k.toml").timeout, 300);
}
