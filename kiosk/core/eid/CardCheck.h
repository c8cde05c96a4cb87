#pragma once
#include "CardData.h"
#include "IdentityFacts.h"
#include "Outcome.h"
#include "SmartCard.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace dps::kiosk::eid {

// The steps a visitor sees, in order; each becomes a check mark or a problem.
enum class CheckStep { Service, Reader, Card, BelgianEid, Applet, Validity, Certificates, PinTries };

struct StepResult {
    CheckStep step;
    Outcome outcome;
    bool ok;
};

// What the check found. Dates, document type, applet and tries only: nothing that names anyone.
struct CheckReport {
    std::vector<StepResult> steps;
    Outcome verdict = Outcome::CardValid; // the first problem, or the last good news
    std::string readerName;               // for facilitators
    bool pinpad = false;
    CardData::Applet applet = CardData::Applet::Unknown;
    std::optional<std::chrono::year_month_day> validUntil;
    std::optional<int> documentType;
    std::optional<int> pinTriesLeft;
    bool signingCertificate = false;
    [[nodiscard]] bool cardWorks() const;
};

// Runs the e-ID self-check against a smart-card service. Synchronous: the kiosk runs it on a
// worker thread. today is the system's date (for validity and clock sanity).
CheckReport runCardCheck(SmartCardService& service, std::chrono::year_month_day today);

// Reads a whole transparent file: READ BINARY in 252-byte chunks until a short read, following
// 6C XX (wrong length) and stopping at 6B 00 (past the end). nullopt on a card error.
std::optional<Bytes> readFile(SmartCard& card, std::size_t maxSize = 8192);

} // namespace dps::kiosk::eid
