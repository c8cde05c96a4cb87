#include "kiosk/core/eid/CardSession.h"

#include "kiosk/core/eid/CardCheck.h"
#include "kiosk/core/eid/CardData.h"
#include "kiosk/core/eid/CardFiles.h"
#include "kiosk/core/eid/CertificateFile.h"
#include "kiosk/core/eid/Pinpad.h"

namespace dps::kiosk::eid {
namespace {

// The exclusive use of the card for one signature, given back whatever happens.
class Exclusive {
public:
    explicit Exclusive(SmartCard& card) : card_(card), held_(card.beginExclusive()) {}
    Exclusive(const Exclusive&) = delete;
    Exclusive& operator=(const Exclusive&) = delete;
    ~Exclusive() {
        if (held_) card_.endExclusive();
    }
    [[nodiscard]] bool held() const { return held_; }

private:
    SmartCard& card_;
    bool held_;
};

SignError errorOf(CardError e) {
    switch (e) {
    case CardError::NoService:
    case CardError::NoReaders:
    case CardError::NoCard:
    case CardError::Removed:
    case CardError::Unpowered: return SignError::CardGone;
    default: return SignError::CardError;
    }
}

} // namespace

std::unique_ptr<CardSession> CardSession::open(SmartCardService& service, const std::string& reader, SignError& error) {
    CardError cardError = CardError::None;
    auto card = service.connect(reader, cardError);
    if (!card) {
        error = errorOf(cardError);
        return nullptr;
    }
    const auto exchange = [&](const Bytes& apdu) -> std::optional<Response> {
        const auto raw = card->transmit(apdu);
        if (!raw) {
            error = errorOf(card->lastError());
            return std::nullopt;
        }
        auto r = parseResponse(*raw);
        if (!r) error = SignError::CardError;
        return r;
    };
    const auto selected = exchange(command::selectApplet());
    if (!selected) return nullptr;
    if (!selected->ok()) { // another card: no Belgian applet
        error = SignError::NotSupported;
        return nullptr;
    }
    const auto data = exchange(command::getCardData());
    if (!data) return nullptr;
    const auto facts = data->ok() ? readCardData(data->data) : std::nullopt;
    if (!facts) {
        error = SignError::CardError;
        return nullptr;
    }
    // Applet 1.1 (no published manual) or one we do not know: no signature is offered.
    if (!algorithmReference(facts->appletVersion, Mechanism::RsaPkcs1Sha256) &&
        !algorithmReference(facts->appletVersion, Mechanism::EcdsaSha384)) {
        error = SignError::NotSupported;
        return nullptr;
    }
    error = SignError::None;
    return std::make_unique<CardSession>(std::move(card), facts->appletVersion);
}

CardSession::CardSession(std::unique_ptr<SmartCard> card, std::uint8_t appletVersion)
    : card_(std::move(card)), applet_(appletVersion) {}

CardSession::~CardSession() {
    // The PIN's security state must not outlive the session ([M1.7] 6.10, [M1.8] 6.15 LOG OFF).
    (void)card_->transmit(command::logOff());
}

std::optional<Response> CardSession::send(std::span<const std::uint8_t> apdu) {
    const auto raw = card_->transmit(apdu);
    if (!raw) return std::nullopt;
    return parseResponse(*raw);
}

SignResult CardSession::failed(SignError e) const {
    SignResult r;
    r.error = e;
    return r;
}

SignResult CardSession::verify(const SigningPin& pin) {
    std::optional<Bytes> answer;
    if (pin.typed) {
        const Bytes apdu = command::verifyPin(*pin.typed); // wiped when it goes
        answer = card_->transmit(apdu);
    } else {
        if (!card_->hasPinpad()) return failed(SignError::PinEntryCancelled);
        answer = card_->verifyOnPinpad(command::verifyPinTemplate(), pin.language);
    }
    if (!answer) return failed(errorOf(card_->lastError()));
    const auto response = parseResponse(*answer);
    if (!response) return failed(SignError::CardError);
    if (!pin.typed && (response->sw == pinpad::kTimeout || response->sw == pinpad::kCancelled))
        return failed(SignError::PinEntryCancelled);
    const SignStatus s = signStatusOf(response->sw);
    SignResult r = failed(s.moreData >= 0 ? SignError::CardError : s.error);
    if (s.triesLeft >= 0) r.triesLeft = s.triesLeft;
    return r;
}

std::optional<int> CardSession::pinTriesLeft() {
    const Exclusive exclusive(*card_);
    if (!exclusive.held()) return std::nullopt;
    if (applet_ >= 0x18) {
        const auto r = send(command::getCardDataWithPin());
        const auto facts = r && r->ok() ? readCardData(r->data) : std::nullopt;
        return facts ? facts->pinTriesLeft : std::nullopt;
    }
    const auto r = send(command::pinStatus()); // never on 1.1: open() refuses those cards
    if (!r) return std::nullopt;
    const Status s = classify(r->sw);
    if (s.kind == Status::Kind::PinBlocked) return 0;
    if (s.kind == Status::Kind::WrongPin && s.triesLeft >= 0) return s.triesLeft;
    return std::nullopt;
}

SignResult CardSession::verifyPin(const SigningPin& pin) {
    if (!pin.given()) return failed(SignError::PinEntryCancelled);
    const Exclusive exclusive(*card_);
    if (!exclusive.held()) return failed(errorOf(card_->lastError()));
    return verify(pin);
}

SignResult CardSession::sign(SigningKey key, Mechanism m, std::span<const std::uint8_t> digest, const SigningPin& pin) {
    const auto algorithm = algorithmReference(applet_, m);
    if (!algorithm) return failed(SignError::NotSupported);
    if (!digestLengthFits(m, digest.size())) return failed(SignError::WrongLength);
    const auto pso = command::computeDigitalSignature(digest);
    if (!pso) return failed(SignError::WrongLength);

    const Exclusive exclusive(*card_);
    if (!exclusive.held()) return failed(errorOf(card_->lastError()));
    const auto set = send(command::setSignatureEnvironment(*algorithm, key));
    if (!set) return failed(errorOf(card_->lastError()));
    if (set->sw != 0x9000) {
        const SignError e = signStatusOf(set->sw).error;
        return failed(e == SignError::None ? SignError::CardError : e);
    }
    if (pin.given()) {
        SignResult verified = verify(pin);
        if (!verified.ok()) return verified;
    }
    SignatureAnswer answer;
    auto raw = card_->transmit(*pso);
    for (;;) {
        if (!raw) return failed(errorOf(card_->lastError()));
        switch (answer.feed(*raw)) {
        case SignatureAnswer::Next::GetResponse:
            raw = card_->transmit(command::getResponse(answer.nextLength()));
            break;
        case SignatureAnswer::Next::Failed: {
            SignResult r = failed(answer.status().error);
            if (answer.status().triesLeft >= 0) r.triesLeft = answer.status().triesLeft;
            return r;
        }
        case SignatureAnswer::Next::Done: {
            auto signature = answer.signature(m);
            if (!signature) return failed(SignError::CardError); // not the size of a signature
            SignResult r;
            r.error = SignError::None;
            r.signature = std::move(*signature);
            return r;
        }
        }
    }
}

std::optional<Bytes> CardSession::certificate(SigningKey key) {
    const std::uint16_t fid = key == SigningKey::Authentication ? kAuthCert : kSignCert;
    const Exclusive exclusive(*card_);
    if (!exclusive.held()) return std::nullopt;
    // The path from the MF ([M1.7] 6.3, [M1.8] 6.6 P1 = 08): both applets that sign take it.
    const auto selected = send(command::selectPath(kDfCerts, fid));
    if (!selected || !selected->ok()) return std::nullopt;
    Bytes file;
    if (!readFileInto(*card_, file, kReadChunk)) return std::nullopt;
    const CertificateFileStart start = inspectCertificateFile(file);
    if (start.kind != CertificateFileStart::Kind::Certificate) return std::nullopt;
    if (!readFileInto(*card_, file, start.length) || file.size() < start.length) return std::nullopt;
    file.resize(start.length);
    return file;
}

} // namespace dps::kiosk::eid
