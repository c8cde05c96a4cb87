#pragma once
#include "kiosk/core/eid/SmartCard.h"

#include <cstdint>
#include <vector>

namespace dps::kiosk::eid {

// The smart-card service over pcsc-lite (pcscd). A context that pcscd dropped (restart, crash)
// is released and established again at the next call, as pcsc-lite 1.9.9 needs.
class PcscService final : public SmartCardService {
public:
    PcscService() = default;
    PcscService(const PcscService&) = delete;
    PcscService& operator=(const PcscService&) = delete;
    ~PcscService() override;

    std::vector<ReaderInfo> readers(CardError& error) override;
    std::unique_ptr<SmartCard> connect(const std::string& reader, CardError& error) override;
    bool waitForChange(std::chrono::milliseconds timeout) override;

private:
    bool ensureContext(CardError& error);
    void dropContext();
    // Reader names now (empty on any error, with the error set).
    std::vector<std::string> listReaders(CardError& error);

    std::intptr_t context_ = 0; // SCARDCONTEXT
    bool established_ = false;
    // What waitForChange last saw: reader names and their states (pcsc-lite's dwEventState).
    std::vector<std::string> knownReaders_;
    std::vector<unsigned long> knownStates_;
    bool knownValid_ = false;
};

// pcsc-lite's result codes in the check's words.
CardError cardErrorFrom(long pcscResult);

} // namespace dps::kiosk::eid
