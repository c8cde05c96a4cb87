// agent.toml as administrators get it: the shipped file and docs/agent.md follow the schema.
#include "agent/cli/AgentSettings.h"
#include "TempDir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::agent::agentSchema;

TEST(AgentSettings, ShippedExampleIsExactlyWhatTheProgramPrints) {
    const std::string shipped = dps::test::readFile(std::string(DPS_SOURCE_DIR) + "/packaging/agent.toml");
    EXPECT_EQ(shipped, agentSchema().defaultsAsToml())
        << "regenerate with: build/ci/bin/dps-agent --print-default-config > packaging/agent.toml";
}

TEST(AgentSettings, ShippedExampleLoads) {
    const auto s = agentSchema().load(std::string(DPS_SOURCE_DIR) + "/packaging/agent.toml");
    EXPECT_EQ(s.kioskDatabase, "/var/lib/dps-kiosk/kiosk.db");
}

TEST(AgentSettings, EveryKeyIsDocumented) {
    const std::string docs = dps::test::readFile(std::string(DPS_SOURCE_DIR) + "/docs/agent.md");
    ASSERT_FALSE(docs.empty());
    for (const auto& entry : agentSchema().entries())
        EXPECT_THAT(docs, testing::HasSubstr("`" + entry.key + "`")) << entry.key << " is not in docs/agent.md";
}

TEST(AgentSettings, AMistakeIsReportedWithItsLine) {
    try {
        (void)agentSchema().parse("[sync]\ninterval_seconds = 0\n", "/etc/dps-agent/agent.toml");
        FAIL() << "an interval of 0 must be refused";
    } catch (const dps::config::ConfigError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        EXPECT_THAT(e.problems()[0].str(), testing::HasSubstr("agent.toml:2:"));
    }
}
