#include "server/store/ScopeSql.h"

#include <fmt/core.h>

namespace dps::server {

std::string inScope(const Scope& scope, const char* column) {
    if (scope.dpsId) return fmt::format("{} = ?1", column);
    if (scope.municipality) return fmt::format("{} IN (SELECT id FROM dps WHERE municipality = ?9)", column);
    return "1";
}

void bindScope(storage::Statement& st, const Scope& scope) {
    if (scope.dpsId) st.bind(1, *scope.dpsId);
    if (scope.municipality) st.bind(9, std::string_view(*scope.municipality));
}

} // namespace dps::server
