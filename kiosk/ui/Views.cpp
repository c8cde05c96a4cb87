#include "kiosk/ui/Views.h"
#include "kiosk/ui/views/CatalogueView.h"
#include "kiosk/ui/views/ClosedView.h"
#include "kiosk/ui/views/ClosingSoonView.h"
#include "kiosk/ui/views/EidCheckView.h"
#include "kiosk/ui/views/EndQuestionsView.h"
#include "kiosk/ui/views/FacilitatorSettingsView.h"
#include "kiosk/ui/views/FacilitatorUnlockView.h"
#include "kiosk/ui/views/FacilitatorView.h"
#include "kiosk/ui/views/FinishView.h"
#include "kiosk/ui/views/FreeUseBarView.h"
#include "kiosk/ui/views/FreeUseErasedView.h"
#include "kiosk/ui/views/FreeUseIntroView.h"
#include "kiosk/ui/views/GuidedSetupView.h"
#include "kiosk/ui/views/HomeView.h"
#include "kiosk/ui/views/PlayerView.h"
#include "kiosk/ui/views/SessionSummaryView.h"
#include "kiosk/ui/views/StillThereView.h"
#include "kiosk/ui/views/TerminalStatusView.h"
#include "kiosk/ui/views/TutorialEndView.h"
#include "kiosk/ui/views/WelcomeView.h"

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
    views.push_back(std::make_unique<FreeUseIntroView>());
    views.push_back(std::make_unique<FreeUseBarView>());
    views.push_back(std::make_unique<FreeUseErasedView>());
    return views;
}

} // namespace dps::kiosk::ui
