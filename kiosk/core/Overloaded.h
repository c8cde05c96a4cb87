#pragma once

namespace dps::kiosk {

// One visitor for std::visit from several lambdas, one per alternative:
// std::visit(Overloaded{[](const A&) {…}, [](const B&) {…}}, v).
template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;

} // namespace dps::kiosk
