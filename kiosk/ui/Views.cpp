#include "Views.h"
#include "views/CatalogueView.h"
#include "views/EidCheckView.h"
#include "views/FinishView.h"
#include "views/HomeView.h"
#include "views/PlayerView.h"
#include "views/StillThereView.h"
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
    return views;
}

} // namespace dps::kiosk::ui
