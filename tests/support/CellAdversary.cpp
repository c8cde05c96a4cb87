#include "CellAdversary.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>

namespace dps::test {

struct LinearAdversary::Problem {
    glp_prob* lp = glp_create_prob();
    ~Problem() { glp_delete_prob(lp); }
};

LinearAdversary::LinearAdversary() : p_(std::make_unique<Problem>()) {
    glp_term_out(GLP_OFF);
    glp_set_obj_dir(p_->lp, GLP_MIN);
}

LinearAdversary::~LinearAdversary() = default;

int LinearAdversary::unknown() {
    const int col = glp_add_cols(p_->lp, 1);
    glp_set_col_bnds(p_->lp, col, GLP_LO, 0.0, 0.0);
    glp_set_col_kind(p_->lp, col, GLP_IV);
    return col;
}

void LinearAdversary::sumBetween(const std::vector<int>& unknowns, std::int64_t lo, std::optional<std::int64_t> hi) {
    const int row = glp_add_rows(p_->lp, 1);
    // GLPK's arrays start at 1.
    std::vector<int> index(1, 0);
    std::vector<double> one(1, 0.0);
    for (const int u : unknowns) {
        index.push_back(u);
        one.push_back(1.0);
    }
    glp_set_mat_row(p_->lp, row, static_cast<int>(unknowns.size()), index.data(), one.data());
    const auto l = static_cast<double>(lo);
    if (!hi)
        glp_set_row_bnds(p_->lp, row, GLP_LO, l, 0.0);
    else if (*hi == lo)
        glp_set_row_bnds(p_->lp, row, GLP_FX, l, l);
    else
        glp_set_row_bnds(p_->lp, row, GLP_DB, l, static_cast<double>(*hi));
}

LinearAdversary::Range LinearAdversary::range(const std::vector<int>& unknowns, bool integer) {
    glp_prob* lp = p_->lp;
    const int cols = glp_get_num_cols(lp);
    for (int c = 1; c <= cols; ++c)
        glp_set_obj_coef(lp, c, 0.0);
    for (const int u : unknowns)
        glp_set_obj_coef(lp, u, 1.0);
    Range out;
    for (const int dir : {GLP_MIN, GLP_MAX}) {
        glp_set_obj_dir(lp, dir);
        glp_smcp simplex;
        glp_init_smcp(&simplex);
        simplex.msg_lev = GLP_MSG_OFF;
        simplex.presolve = GLP_OFF;
        if (glp_simplex(lp, &simplex) != 0) {
            // A basis gone bad after many solves: start again from the standard one.
            glp_std_basis(lp);
            if (glp_simplex(lp, &simplex) != 0) throw std::runtime_error("GLPK's simplex failed");
        }
        const int status = glp_get_status(lp);
        if (status == GLP_NOFEAS) throw std::runtime_error("the published figures contradict each other");
        if (status == GLP_UNBND) {
            out.unbounded = true;
            continue;
        }
        if (status != GLP_OPT) throw std::runtime_error("GLPK's simplex found no optimum");
        double best = glp_get_obj_val(lp);
        if (integer) {
            glp_iocp mip;
            glp_init_iocp(&mip);
            mip.msg_lev = GLP_MSG_OFF;
            if (glp_intopt(lp, &mip) != 0) throw std::runtime_error("GLPK's branch and bound failed");
            if (glp_mip_status(lp) == GLP_NOFEAS) throw std::runtime_error("no integer counts fit the figures");
            if (glp_mip_status(lp) != GLP_OPT) throw std::runtime_error("GLPK's branch and bound found no optimum");
            best = glp_mip_obj_val(lp);
        }
        // Outer integer bounds of the linear optimum (the same value for an integer one).
        if (dir == GLP_MIN)
            out.min = static_cast<std::int64_t>(std::ceil(best - 1e-6));
        else
            out.max = static_cast<std::int64_t>(std::floor(best + 1e-6));
    }
    return out;
}

namespace {

int monthIndex(const std::string& month) {
    return std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5, 2)) - 1;
}
std::string monthName(int index) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
    return buf;
}
std::pair<int, int> monthsOf(const std::string& period) {
    if (period.size() != 16 || period.substr(7, 2) != "..") throw std::invalid_argument("not a period: " + period);
    return {monthIndex(period.substr(0, 7)), monthIndex(period.substr(9, 7))};
}

} // namespace

std::vector<CellRange> attack(const PublishedBreakdown& published, bool integer) {
    using Kind = PublishedBreakdown::Kind;
    std::set<std::string> codes, dps, periods; // codes: the unknowns' (not the sums)
    std::set<std::string> asCodes;             // every code a cell is read for, sums too
    for (const auto& [key, cell] : published.cells) {
        periods.insert(std::get<1>(key));
        asCodes.insert(std::get<2>(key));
    }
    for (const auto& [sum, of] : published.sums) {
        asCodes.insert(sum);
        codes.insert(of.begin(), of.end());
    }
    for (const auto& c : asCodes)
        if (!published.sums.count(c)) codes.insert(c);
    asCodes.insert(codes.begin(), codes.end());
    for (const auto& [area, period] : published.withheld)
        periods.insert(period);
    for (const auto& [area, covered] : published.areas)
        dps.insert(covered.begin(), covered.end());

    // The runs of months no period splits: cut at every period's first month and after its last.
    std::set<int> cuts;
    for (const auto& p : periods) {
        const auto [from, to] = monthsOf(p);
        cuts.insert(from);
        cuts.insert(to + 1);
    }
    std::vector<std::pair<int, int>> runs;
    for (auto it = cuts.begin(); it != cuts.end() && std::next(it) != cuts.end(); ++it) {
        const int from = *it, to = *std::next(it) - 1;
        const bool covered = std::any_of(periods.begin(), periods.end(), [&](const std::string& p) {
            const auto [a, b] = monthsOf(p);
            return a <= from && to <= b;
        });
        if (covered) runs.emplace_back(from, to);
    }

    // The constraints, over unknowns numbered here; then solved per set of unknowns they tie
    // together (the periods of a grid that does not overlap are independent: smaller problems).
    struct Row {
        std::vector<int> vars;
        std::int64_t lo = 0;
        std::optional<std::int64_t> hi;
    };
    std::vector<Row> rows;
    int unknowns = 0;
    std::map<std::tuple<std::string, std::string, std::size_t>, int> x; // (DPS, code, run) → unknown
    for (const auto& d : dps)
        for (const auto& c : codes)
            for (std::size_t r = 0; r < runs.size(); ++r)
                x[{d, c, r}] = unknowns++;
    for (const auto& d : dps)
        for (std::size_t r = 0; r < runs.size(); ++r) {
            Row row;
            for (const auto& c : codes)
                row.vars.push_back(x.at({d, c, r}));
            row.lo = published.total(d, monthName(runs[r].first), monthName(runs[r].second));
            row.hi = row.lo;
            rows.push_back(std::move(row));
        }
    const auto sumOf = [&](const std::string& area, const std::string& period, const std::string& code) {
        const auto it = published.areas.find(area);
        if (it == published.areas.end()) throw std::invalid_argument("an area nobody said the DPS of: " + area);
        const auto [from, to] = monthsOf(period);
        const auto sum = published.sums.find(code);
        const std::vector<std::string> of = sum == published.sums.end() ? std::vector<std::string>{code} : sum->second;
        std::vector<int> out;
        for (const auto& d : it->second)
            for (const auto& c : of)
                for (std::size_t r = 0; r < runs.size(); ++r)
                    if (from <= runs[r].first && runs[r].second <= to) out.push_back(x.at({d, c, r}));
        return out;
    };
    for (const auto& [key, cell] : published.cells) {
        Row row{sumOf(std::get<0>(key), std::get<1>(key), std::get<2>(key)), 0, std::nullopt};
        switch (cell.kind) {
        case Kind::Value: row.lo = cell.value, row.hi = cell.value; break;
        case Kind::Small: row.lo = 1, row.hi = published.k - 1; break;
        case Kind::Hidden: row.lo = published.k; break;
        case Kind::Withheld: continue;
        }
        rows.push_back(std::move(row));
    }

    // Which unknowns a constraint ties together (union-find), and one problem per group.
    std::vector<int> root(static_cast<std::size_t>(unknowns));
    for (int u = 0; u < unknowns; ++u)
        root[u] = u;
    const std::function<int(int)> find = [&](int u) { return root[u] == u ? u : root[u] = find(root[u]); };
    for (const auto& row : rows)
        for (std::size_t i = 1; i < row.vars.size(); ++i)
            root[find(row.vars[i])] = find(row.vars[0]);
    std::map<int, std::unique_ptr<LinearAdversary>> problems; // group → its problem
    std::vector<int> column(static_cast<std::size_t>(unknowns));
    for (int u = 0; u < unknowns; ++u) {
        auto& p = problems[find(u)];
        if (!p) p = std::make_unique<LinearAdversary>();
        column[u] = p->unknown();
    }
    for (const auto& row : rows) {
        if (row.vars.empty()) continue; // a total of no code read (a withheld area's only)
        std::vector<int> cols;
        for (const int u : row.vars)
            cols.push_back(column[u]);
        problems.at(find(row.vars[0]))->sumBetween(cols, row.lo, row.hi);
    }
    // A sum over several groups (a withheld cell's runs) ranges over the sum of its parts' ranges.
    const auto range = [&](const std::vector<int>& vars) {
        std::map<int, std::vector<int>> parts;
        for (const int u : vars)
            parts[find(u)].push_back(column[u]);
        LinearAdversary::Range out;
        for (const auto& [group, cols] : parts) {
            const auto part = problems.at(group)->range(cols, integer);
            out.min += part.min;
            out.max += part.max;
            out.unbounded = out.unbounded || part.unbounded;
        }
        return out;
    };

    std::map<PublishedBreakdown::Key, Kind> asked;
    for (const auto& [key, cell] : published.cells)
        if (cell.kind != Kind::Value) asked.emplace(key, cell.kind);
    for (const auto& [area, period] : published.withheld)
        for (const auto& c : asCodes)
            asked.emplace(PublishedBreakdown::Key{area, period, c}, Kind::Withheld);
    std::vector<CellRange> out;
    for (const auto& [key, kind] : asked) {
        const auto& [area, period, code] = key;
        out.push_back({area, period, code, kind, range(sumOf(area, period, code))});
    }
    return out;
}

} // namespace dps::test
