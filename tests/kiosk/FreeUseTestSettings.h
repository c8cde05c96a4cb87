#pragma once
#include "kiosk/core/FlowSettings.h"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace dps::test {

// The settings the free-use flow tests start from (FreeUseFlowTest, WipeCheckTest, KioskStateTest):
// written out rather than left to FlowSettings' defaults, so that a changed default cannot change
// what these tests prove without one of them saying so. The first language is the preselected one.
inline kiosk::FlowSettings freeUseFlowSettings(std::vector<std::string> languages = {"fr", "nl", "en"},
                                               std::chrono::minutes idle = std::chrono::minutes(5)) {
    kiosk::FlowSettings s;
    s.languages = std::move(languages);
    s.features = {kiosk::Feature::Learn, kiosk::Feature::Finish};
    s.idleTimeout = std::chrono::seconds(300);
    s.stillThereCountdown = std::chrono::seconds(30);
    s.thankYouTime = std::chrono::seconds(15);
    s.freeUse.limit = std::chrono::minutes(60);
    s.freeUse.idle = idle;
    return s;
}

} // namespace dps::test
