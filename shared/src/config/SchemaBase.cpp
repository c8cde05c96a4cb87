#include "dps/config/Schema.h"

#include <stdexcept>

namespace dps::config {

void SchemaBase::add(Entry entry) {
    for (const auto& e : entries_) {
        if (e.key == entry.key) throw std::logic_error("configuration key declared twice: " + entry.key);
    }
    entries_.push_back(std::move(entry));
}

void SchemaBase::applyDefaults(void* target) const {
    for (const auto& e : entries_)
        if (e.assign) e.assign(target, e.fallback); // a retired key sets nothing
}

} // namespace dps::config
