#include "kiosk/core/eid/CardCheck.h"

#include "kiosk/core/eid/CardFiles.h"
#include "kiosk/core/eid/CardLoss.h"
#include "kiosk/core/eid/CertificateFile.h"
#include "kiosk/core/eid/Validity.h"

#include <algorithm>

namespace dps::kiosk::eid {
namespace {

// A certificate that starts more than a day after "now" means the clock is behind, not that the
// card is wrong (a day covers time zones and a card personalised this morning).
constexpr std::chrono::hours kClockSlack{24};

std::chrono::year_month_day dayOf(std::chrono::sys_seconds t) {
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)};
}

class Run {
public:
    Run(SmartCardService& service, const CheckContext& context) : service_(service), ctx_(context) {}

    CheckReport go() {
        CardError error = CardError::None;
        const auto readers = service_.readers(error);
        if (error == CardError::NoService) return stop(CheckStep::Service, Outcome::ServiceUnavailable);
        pass(CheckStep::Service, Outcome::ServiceUnavailable);
        const ReaderInfo* reader = choose(readers);
        if (!reader) {
            report_.readerName = ctx_.reader;
            return stop(CheckStep::Reader, Outcome::ReaderMissing);
        }
        report_.readerName = reader->name;
        pass(CheckStep::Reader, Outcome::ReaderMissing);
        if (!reader->cardPresent) return stop(CheckStep::Card, Outcome::CardMissing);
        if (reader->mute) return stop(CheckStep::Card, Outcome::CardMute);
        auto card = service_.connect(reader->name, error);
        if (!card) return stop(CheckStep::Card, outcomeOf(error, Outcome::CardMute));
        pass(CheckStep::Card, Outcome::CardMissing);
        card_ = card.get();
        report_.pinpad = card->hasPinpad();

        const auto selected = send(command::selectApplet());
        if (!selected) return stop(CheckStep::BelgianEid, lost());
        if (!selected->ok()) return stop(CheckStep::BelgianEid, Outcome::NotBelgianEid);
        pass(CheckStep::BelgianEid, Outcome::NotBelgianEid);

        const auto data = send(command::getCardData());
        if (!data) return stop(CheckStep::Applet, lost());
        const auto cardData = data->ok() ? readCardData(data->data) : std::nullopt;
        if (!cardData) return stop(CheckStep::Applet, Outcome::CardReadError);
        report_.applet = cardData->applet;
        if (!cardData->personalised) return stop(CheckStep::Applet, Outcome::CardNotPersonalised);
        pass(CheckStep::Applet, Outcome::CardNotPersonalised);

        if (const auto stopped = validity()) return *stopped;
        if (const auto stopped = certificates()) return *stopped;
        return pinTries(*cardData);
    }

    [[nodiscard]] bool glitched() const { return glitch_; }

private:
    // The reader asked for by name, else the one with a card, else the first.
    const ReaderInfo* choose(const std::vector<ReaderInfo>& readers) const {
        if (!ctx_.reader.empty()) {
            const auto it = std::find_if(readers.begin(), readers.end(),
                                         [&](const ReaderInfo& r) { return r.name == ctx_.reader; });
            return it == readers.end() ? nullptr : &*it;
        }
        if (readers.empty()) return nullptr;
        const auto withCard =
            std::find_if(readers.begin(), readers.end(), [](const ReaderInfo& r) { return r.cardPresent; });
        return withCard == readers.end() ? &readers.front() : &*withCard;
    }

    std::optional<CheckReport> validity() {
        const auto today = dayOf(ctx_.now);
        if (clockLooksWrong(today)) return stop(CheckStep::Validity, Outcome::ClockWrong);
        const auto selected = select(kDfId, kIdentity);
        if (!selected) return stop(CheckStep::Validity, lost());
        if (!*selected) return stop(CheckStep::Validity, Outcome::CardReadError);
        auto file = readFile(*card_);
        if (!file) return stop(CheckStep::Validity, lost());
        const auto facts = readIdentityFacts(*file); // wipes the file, whatever it holds
        if (!facts || !facts->validFrom) return stop(CheckStep::Validity, Outcome::CardReadError);
        report_.validUntil = facts->validUntil;
        report_.documentType = facts->documentType;
        switch (judgeValidity(*facts->validFrom, *facts->validUntil, today)) {
        case Validity::Expired: return stop(CheckStep::Validity, Outcome::CardExpired);
        case Validity::NotYetValid: return stop(CheckStep::Validity, Outcome::ClockWrong);
        case Validity::ExpiresSoon: warn(CheckStep::Validity, Outcome::CardExpiringSoon); break;
        case Validity::Valid: pass(CheckStep::Validity, Outcome::CardValid); break;
        }
        return std::nullopt;
    }

    // Authentication and signing certificates: present, in date, and issued through the card's
    // Citizen CA by a bundled Belgian root. Minors' cards have no signing certificate, and a young
    // child's Kids-ID none to log in either: both normal. (Telling a minor's card from an adult's
    // would need the birth date, which the check never reads.)
    std::optional<CheckReport> certificates() {
        const bool kids = report_.documentType && isKidsId(*report_.documentType);
        std::optional<Bytes> auth, sign;
        if (auto stopped = readCertificate(kAuthCert, auth)) return stopped;
        if (auto stopped = readCertificate(kSignCert, sign)) return stopped;
        report_.signingCertificate = sign.has_value();
        if (!auth && !kids) return stop(CheckStep::Certificates, Outcome::CertificateMissing);
        if (!auth && !sign) {
            warn(CheckStep::Certificates, Outcome::AuthCertificateAbsentChild);
            return std::nullopt;
        }
        std::optional<Bytes> ca;
        if (auto stopped = readCertificate(kCitizenCa, ca)) return stopped;
        if (!ca) return stop(CheckStep::Certificates, Outcome::CertificateMissing);

        std::optional<std::chrono::sys_seconds> firstEnd;
        for (const auto* cert : {&auth, &sign}) {
            if (!*cert) continue;
            const auto dates = ctx_.certificates.dates(**cert);
            if (!dates) return stop(CheckStep::Certificates, Outcome::CardReadError);
            if (dates->notBefore > ctx_.now + kClockSlack) return stop(CheckStep::Certificates, Outcome::ClockWrong);
            firstEnd = firstEnd ? std::min(*firstEnd, dates->notAfter) : dates->notAfter;
        }
        report_.certificatesValidUntil = dayOf(*firstEnd);
        if (*firstEnd < ctx_.now) return stop(CheckStep::Certificates, Outcome::CertificateExpired);
        for (const auto* cert : {&auth, &sign}) {
            if (!*cert) continue;
            const ChainVerdict v = ctx_.certificates.verify(**cert, *ca);
            if (v == ChainVerdict::Malformed) return stop(CheckStep::Certificates, Outcome::CardReadError);
            if (v != ChainVerdict::Trusted) return stop(CheckStep::Certificates, Outcome::CertificateChainInvalid);
        }
        if (!auth)
            warn(CheckStep::Certificates, Outcome::AuthCertificateAbsentChild);
        else if (!sign)
            warn(CheckStep::Certificates, Outcome::SigningCertificateAbsentNormal);
        else
            pass(CheckStep::Certificates, Outcome::CertificateMissing);
        return std::nullopt;
    }

    // The DER certificate in file fid, without the zero bytes after it; out stays empty when the
    // card holds none there (zero bytes only, or no such file). A report when the check stops:
    // the card was lost, or the file holds something else than a certificate.
    std::optional<CheckReport> readCertificate(std::uint16_t fid, std::optional<Bytes>& out) {
        const auto exists = select(kDfCerts, fid);
        if (!exists) return stop(CheckStep::Certificates, lost());
        if (!*exists) return std::nullopt;
        Bytes file;
        if (!readFileInto(*card_, file, kReadChunk)) return stop(CheckStep::Certificates, lost());
        const CertificateFileStart start = inspectCertificateFile(file);
        if (start.kind == CertificateFileStart::Kind::NoCertificate) return std::nullopt;
        if (start.kind == CertificateFileStart::Kind::Malformed)
            return stop(CheckStep::Certificates, Outcome::CardReadError);
        // Only the certificate's own bytes: the padding after it is not worth a READ BINARY.
        if (!readFileInto(*card_, file, start.length)) return stop(CheckStep::Certificates, lost());
        if (file.size() < start.length) return stop(CheckStep::Certificates, Outcome::CardReadError); // cut short
        file.resize(start.length);
        out = std::move(file);
        return std::nullopt;
    }

    CheckReport pinTries(const CardData& data) {
        if (givesPinTriesInCardData(data)) {
            const auto withPin = send(command::getCardDataWithPin());
            if (!withPin) return stop(CheckStep::PinTries, lost());
            const auto parsed = withPin->ok() ? readCardData(withPin->data) : std::nullopt;
            if (parsed && parsed->pinTriesLeft) report_.pinTriesLeft = parsed->pinTriesLeft;
        }
        if (!report_.pinTriesLeft && canAskPinStatus(data.applet)) {
            const auto status = send(command::pinStatus());
            if (!status) return stop(CheckStep::PinTries, lost());
            const Status s = classify(status->sw);
            if (s.kind == Status::Kind::Ok)
                report_.pinTriesLeft = 3;
            else if (s.kind == Status::Kind::WrongPin || s.kind == Status::Kind::PinBlocked)
                report_.pinTriesLeft = s.triesLeft;
        }
        if (!report_.pinTriesLeft) {
            warn(CheckStep::PinTries, Outcome::PinTriesUnknown); // applet 1.1: not asked, on purpose
            return report_;
        }
        if (*report_.pinTriesLeft == 0) return stop(CheckStep::PinTries, Outcome::PinBlocked);
        pass(CheckStep::PinTries, Outcome::PinOk);
        return report_;
    }

    // Selects a file by its FID chain from the master file (all applets accept it): whether it
    // exists, or nullopt when the card was lost.
    std::optional<bool> select(std::uint16_t df, std::uint16_t ef) {
        for (const std::uint16_t fid : {std::uint16_t{0x3F00}, df, ef}) {
            const auto r = send(command::selectFile(fid));
            if (!r) return std::nullopt;
            if (!r->ok()) return false;
        }
        return true;
    }

    std::optional<Response> send(const Bytes& command) {
        const auto raw = card_->transmit(command);
        if (!raw) {
            glitch_ = card_->lastError() == CardError::CommError;
            return std::nullopt;
        }
        if (raw->empty()) return std::nullopt; // no answer at all: the card is gone, or mute now
        auto r = parseResponse(*raw);
        if (!r) malformed_ = true;
        return r;
    }

    Outcome lost() {
        if (malformed_) return Outcome::CardReadError;
        return explainLoss(service_, report_.readerName, card_->lastError());
    }

    void pass(CheckStep step, Outcome o) { report_.steps.push_back({step, o, true}); }
    void warn(CheckStep step, Outcome o) {
        report_.steps.push_back({step, o, true});
        report_.verdict = o;
    }
    CheckReport stop(CheckStep step, Outcome o) {
        report_.steps.push_back({step, o, false});
        report_.verdict = o;
        return report_;
    }

    SmartCardService& service_;
    const CheckContext& ctx_;
    SmartCard* card_ = nullptr;
    bool malformed_ = false, glitch_ = false;
    CheckReport report_;
};

} // namespace

bool CheckReport::cardWorks() const {
    for (const auto& s : steps) {
        if (!s.ok) return false;
    }
    return !steps.empty() && steps.back().step == CheckStep::PinTries;
}

bool CheckReport::pinTestPossible() const { return cardWorks() && pinTriesLeft.value_or(1) > 0; }

CheckReport runCardCheck(SmartCardService& service, const CheckContext& context) {
    CheckReport report;
    // SCARD_E_COMM_DATA_LOST is a glitch on the wire: the next connection resets the card and
    // starts again from the applet selection.
    for (int attempt = 0; attempt < 2; ++attempt) {
        Run run(service, context);
        report = run.go();
        if (!run.glitched()) break;
    }
    return report;
}

bool readFileInto(SmartCard& card, Bytes& out, std::size_t upTo) {
    std::size_t chunk = kReadChunk;
    bool last = false; // the card said how many bytes are left: the next chunk is the file's last
    while (out.size() < upTo) {
        const auto length = static_cast<std::uint8_t>(std::min(chunk, upTo - out.size()));
        const auto raw = card.transmit(command::readBinary(out.size(), length));
        if (!raw) return false;
        const auto r = parseResponse(*raw);
        if (!r) return false;
        const Status s = classify(r->sw);
        // 6C XX, "Le incorrect, XX indicates the expected length": only XX bytes are left (ISO
        // 7816-4: "the exact number of available data bytes"), so reading them ends the file, as
        // in eid-mw's ReadFile.
        if (s.kind == Status::Kind::WrongLength && !last && s.correctLength > 0 && s.correctLength < length) {
            chunk = static_cast<std::size_t>(s.correctLength);
            last = true;
            continue;
        }
        if (s.kind == Status::Kind::PastEnd) break; // the file's size was a multiple of the chunk
        if (!r->ok() || r->data.size() > length) return false;
        out.insert(out.end(), r->data.begin(), r->data.end());
        // A short chunk: the reader's driver did the 6C XX re-send itself.
        if (last || r->data.size() < length) break;
    }
    return true;
}

std::optional<Bytes> readFile(SmartCard& card, std::size_t maxSize) {
    Bytes out;
    out.reserve(1024);
    if (!readFileInto(card, out, maxSize)) return std::nullopt;
    return out;
}

} // namespace dps::kiosk::eid
