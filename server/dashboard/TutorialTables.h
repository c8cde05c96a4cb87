#pragma once
// The tutorials' figures of one area (a DPS, a municipality or the region) as the templates show
// them (_tutorials.mustache): each tutorial's started, completed and left, each level's started
// and completed, read from the period's protected table (BreakdownTables, group "tutorials"), and
// the completion rates worked out of cells shown exactly: where either is "<k" or hidden the
// rate is not shown, since it would tell what they hide (docs/dashboard.md).
#include "server/dashboard/BreakdownTables.h"
#include "server/dashboard/PageRenderer.h"
#include "server/dashboard/TutorialCatalogue.h"

#include <string>

namespace dps::server {

[[nodiscard]] mustache::data tutorialTables(const std::string& language, const BreakdownTables& tables,
                                            const Scope& area, const TutorialCatalogue& catalogue, int k);

} // namespace dps::server
