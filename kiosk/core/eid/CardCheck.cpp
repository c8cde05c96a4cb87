#include "CardCheck.h"

#include "Validity.h"

#include <string.h> // explicit_bzero

namespace dps::kiosk::eid {
namespace {

constexpr std::uint16_t kDfId = 0xDF01, kDfCerts = 0xDF00;
constexpr std::uint16_t kIdentity = 0x4031, kAuthCert = 0x5038, kSignCert = 0x5039;

class Run {
public:
    Run(SmartCardService& service, std::chrono::year_month_day today) : service_(service), today_(today) {}

    CheckReport go() {
        CardError error = CardError::None;
        const auto readers = service_.readers(error);
        if (error == CardError::NoService) return stop(CheckStep::Service, Outcome::ServiceUnavailable);
        pass(CheckStep::Service, Outcome::ServiceUnavailable);
        if (readers.empty() || error == CardError::NoReaders) return stop(CheckStep::Reader, Outcome::ReaderMissing);
        // The reader with a card, else the first one.
        const ReaderInfo* reader = &readers.front();
        for (const auto& r : readers) {
            if (r.cardPresent) {
                reader = &r;
                break;
            }
        }
        report_.readerName = reader->name;
        report_.pinpad = reader->pinpad;
        pass(CheckStep::Reader, Outcome::ReaderMissing);
        if (!reader->cardPresent) return stop(CheckStep::Card, Outcome::CardMissing);
        if (reader->mute) return stop(CheckStep::Card, Outcome::CardMute);
        auto card = service_.connect(reader->name, error);
        if (!card) return stop(CheckStep::Card, fromError(error, Outcome::CardMute));
        pass(CheckStep::Card, Outcome::CardMissing);
        card_ = card.get();

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

private:
    std::optional<CheckReport> validity() {
        if (clockLooksWrong(today_)) return stop(CheckStep::Validity, Outcome::ClockWrong);
        const auto selected = select(kDfId, kIdentity);
        if (!selected) return stop(CheckStep::Validity, lost());
        if (!*selected) return stop(CheckStep::Validity, Outcome::CardReadError);
        auto file = readFile(*card_);
        if (!file) return stop(CheckStep::Validity, lost());
        const auto facts = readIdentityFacts(*file); // wipes the file, whatever it holds
        if (!facts || !facts->validFrom) return stop(CheckStep::Validity, Outcome::CardReadError);
        report_.validUntil = facts->validUntil;
        report_.documentType = facts->documentType;
        switch (judgeValidity(*facts->validFrom, *facts->validUntil, today_)) {
        case Validity::Expired: return stop(CheckStep::Validity, Outcome::CardExpired);
        case Validity::NotYetValid: return stop(CheckStep::Validity, Outcome::ClockWrong);
        case Validity::ExpiresSoon: warn(CheckStep::Validity, Outcome::CardExpiringSoon); break;
        case Validity::Valid: pass(CheckStep::Validity, Outcome::CardValid); break;
        }
        return std::nullopt;
    }

    // Whether each certificate is there. Their dates and chain are checked by the adapter that
    // has OpenSSL (later); a child's card without a signing certificate is normal.
    std::optional<CheckReport> certificates() {
        const auto auth = present(kAuthCert);
        if (!auth) return stop(CheckStep::Certificates, lost());
        const auto sign = present(kSignCert);
        if (!sign) return stop(CheckStep::Certificates, lost());
        report_.signingCertificate = *sign;
        const bool kids = report_.documentType && isKidsId(*report_.documentType);
        if (!*auth && !kids) return stop(CheckStep::Certificates, Outcome::CertificateMissing);
        if (!*sign && !kids) return stop(CheckStep::Certificates, Outcome::CertificateMissing);
        if (!*sign)
            warn(CheckStep::Certificates, Outcome::SigningCertificateAbsentNormal);
        else
            pass(CheckStep::Certificates, Outcome::CertificateMissing);
        return std::nullopt;
    }

    CheckReport pinTries(const CardData& data) {
        if (data.applet == CardData::Applet::V18) {
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
            return finish();
        }
        if (*report_.pinTriesLeft == 0) return stop(CheckStep::PinTries, Outcome::PinBlocked);
        pass(CheckStep::PinTries, Outcome::PinOk);
        return finish();
    }

    std::optional<bool> present(std::uint16_t fid) { return select(kDfCerts, fid); }

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
        if (!raw) return std::nullopt;
        auto r = parseResponse(*raw);
        if (!r) malformed_ = true;
        return r;
    }

    Outcome lost() const {
        if (malformed_) return Outcome::CardReadError;
        return fromError(card_->lastError(), Outcome::CardReadError);
    }

    static Outcome fromError(CardError e, Outcome otherwise) {
        switch (e) {
        case CardError::NoService: return Outcome::ServiceUnavailable;
        case CardError::NoReaders: return Outcome::ReaderMissing;
        case CardError::NoCard:
        case CardError::Removed: return Outcome::CardRemoved;
        case CardError::Unpowered: return Outcome::CardMute;
        default: return otherwise;
        }
    }

    void pass(CheckStep step, Outcome o) { report_.steps.push_back({step, o, true}); }
    void warn(CheckStep step, Outcome o) {
        report_.steps.push_back({step, o, true});
        report_.verdict = o;
    }
    CheckReport finish() {
        if (report_.verdict == Outcome::CardValid) report_.verdict = Outcome::CardValid;
        return report_;
    }
    CheckReport stop(CheckStep step, Outcome o) {
        report_.steps.push_back({step, o, false});
        report_.verdict = o;
        return report_;
    }

    SmartCardService& service_;
    std::chrono::year_month_day today_;
    SmartCard* card_ = nullptr;
    bool malformed_ = false;
    CheckReport report_;
};

} // namespace

bool CheckReport::cardWorks() const {
    for (const auto& s : steps) {
        if (!s.ok) return false;
    }
    return !steps.empty() && steps.back().step == CheckStep::PinTries;
}

CheckReport runCardCheck(SmartCardService& service, std::chrono::year_month_day today) {
    Run run(service, today);
    return run.go();
}

std::optional<Bytes> readFile(SmartCard& card, std::size_t maxSize) {
    Bytes out;
    std::uint8_t length = 0xFC;
    while (out.size() < maxSize) {
        const auto raw = card.transmit(command::readBinary(out.size(), length));
        if (!raw) {
            explicit_bzero(out.data(), out.size());
            return std::nullopt;
        }
        auto r = parseResponse(*raw);
        if (!r) return std::nullopt;
        const Status s = classify(r->sw);
        if (s.kind == Status::Kind::WrongLength && s.correctLength > 0 && s.correctLength != length) {
            length = static_cast<std::uint8_t>(s.correctLength);
            continue;
        }
        if (s.kind == Status::Kind::PastEnd) break;
        if (!r->ok()) {
            explicit_bzero(out.data(), out.size());
            return std::nullopt;
        }
        out.insert(out.end(), r->data.begin(), r->data.end());
        const bool shortRead = r->data.size() < length;
        explicit_bzero(r->data.data(), r->data.size());
        if (shortRead || r->data.empty()) break;
    }
    return out;
}

} // namespace dps::kiosk::eid
