#include "Views.h"
#include "views/CatalogueView.h"
#include "views/ClosedView.h"
#include "views/ClosingSoonView.h"
#include "views/EidCheckView.h"
#include "views/EndQuestionsView.h"
#include "views/FacilitatorSettingsView.h"
#include "views/FacilitatorUnlockView.h"
#include "views/FacilitatorView.h"
#include "views/FinishView.h"
#include "views/GuidedSetupView.h"
#include "views/HomeView.h"
#include "views/PlayerView.h"
#include "views/SessionSummaryView.h"
#include "views/StillThereView.h"
#include "views/TerminalStatusView.h"
#include "views/TutorialEndView.h"
#include "views/WelcomeView.h"

namespace dps::kiosk::ui {

std::vector<std::unique_ptr<View>> makeViews() {
    std::vector<std::unique_ptr<View>> views;
    views.push_back(std::make_unique<WelcomeView>());
    views.push_back(std::make_unique<HomeView>());
    views.push_back(std::make_unique<CatalogueView>());
    views.push_back(std::make_unique<PlayerView>());
    views.push_back(std::make_unique<TutorialEndView>());
    views.push_back(std::make_unique<EidCheckView>());
    views.push_back(std::make_unique<FinishView>());
    views.push_back(std::make_unique<StillThereView>());
    views.push_back(std::make_unique<EndQuestionsView>());
    views.push_back(std::make_unique<ClosingSoonView>());
    views.push_back(std::make_unique<ClosedView>());
    views.push_back(std::make_unique<FacilitatorUnlockView>());
    views.push_back(std::make_unique<FacilitatorView>());
    views.push_back(std::make_unique<GuidedSetupView>());
    views.push_back(std::make_unique<SessionSummaryView>());
    views.push_back(std::make_unique<TerminalStatusView>());
    views.push_back(std::make_unique<FacilitatorSettingsView>());
    return views;
}

} // namespace dps::kiosk::ui
