// The facilitators and what they do, on a real kiosk.db: PINs kept only as Argon2id hashes
// (libsodium), the lock-out and the settings surviving a restart, equipment reports.
#include "FakeClock.h"
#include "TempDir.h"
#include "kiosk/adapters/facilitator/AdminPin.h"
#include "kiosk/adapters/facilitator/FacilitatorDirectory.h"
#include "kiosk/adapters/store/KioskDatabase.h"
#include "kiosk/adapters/store/SqliteTerminalLog.h"

#include <gtest/gtest.h>

using dps::kiosk::FacilitatorDirectory;
using dps::kiosk::PinKind;
using dps::test::kTestMorning;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

std::string all(dps::storage::Database& db, const std::string& sql) {
    std::string out;
    auto st = db.prepare(sql);
    while (st.step()) {
        for (int c = 0; c < st.columns(); ++c)
            out += st.text(c) + "|";
    }
    return out;
}

} // namespace

TEST(FacilitatorDirectory, KeepsOnlyASaltedSlowHashOfThePin) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    FacilitatorDirectory facilitators(db);
    facilitators.add("Amina", "246810", kTestMorning);
    facilitators.add("Jonas", "135790", kTestMorning);
    const std::string stored = all(db, "SELECT name, pin_hash FROM facilitators");
    EXPECT_EQ(stored.find("246810"), std::string::npos) << "never the PIN itself";
    EXPECT_NE(stored.find("$argon2id$"), std::string::npos) << stored;
    const auto hashes = facilitators.hashes();
    ASSERT_EQ(hashes.size(), 2U);
    EXPECT_NE(FacilitatorDirectory::hashPin("246810"), FacilitatorDirectory::hashPin("246810")) << "salted";
    EXPECT_EQ(FacilitatorDirectory::whose(hashes, "135790"), "Jonas");
    EXPECT_EQ(FacilitatorDirectory::whose(hashes, "246810"), "Amina");
    EXPECT_FALSE(FacilitatorDirectory::whose(hashes, "246811"));
    EXPECT_EQ(facilitators.list().size(), 2U);
}

TEST(FacilitatorDirectory, RefusesBadNamesPinsAndAPinSomeoneElseHas) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    FacilitatorDirectory facilitators(db);
    facilitators.add("Amina", "246810", kTestMorning);
    EXPECT_THROW(facilitators.add("Amina", "999999", kTestMorning), std::invalid_argument) << "the name is taken";
    EXPECT_THROW(facilitators.add("Jonas", "246810", kTestMorning), std::invalid_argument)
        << "the PIN alone says who it is: no two alike";
    EXPECT_THROW(facilitators.add("Jonas", "123", kTestMorning), std::invalid_argument);
    EXPECT_THROW(facilitators.add("Jonas", "12ab56", kTestMorning), std::invalid_argument);
    EXPECT_THROW(facilitators.add("", "123456", kTestMorning), std::invalid_argument);
    EXPECT_TRUE(facilitators.remove("Amina"));
    EXPECT_FALSE(facilitators.remove("Amina"));
    EXPECT_TRUE(facilitators.list().empty());
}

TEST(TerminalLog, TheLockOutAndTheSettingsSurviveARestart) {
    dps::test::TempDir dir;
    {
        auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
        dps::kiosk::SqliteTerminalLog log(db);
        EXPECT_EQ(log.gate(PinKind::Facilitator).failures, 0);
        dps::kiosk::GateState g;
        g.failures = 2;
        g.lockouts = 1;
        g.lockedUntil = kTestMorning + minutes(2);
        EXPECT_TRUE(log.saveGate(PinKind::Facilitator, g));
        dps::kiosk::GateState admin;
        admin.failures = 4;
        EXPECT_TRUE(log.saveGate(PinKind::Administrator, admin));
        EXPECT_TRUE(log.changeSetting(kTestMorning, "Amina", "visit.idle_timeout_seconds", "240"));
        EXPECT_TRUE(log.changeSetting(kTestMorning + minutes(1), "Jonas", "visit.idle_timeout_seconds", "300"));
        EXPECT_TRUE(log.equipment(kTestMorning, "Jonas", dps::kiosk::Equipment::Printer,
                                  dps::kiosk::EquipmentState::NotWorking));
    }
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    dps::kiosk::SqliteTerminalLog log(db);
    const auto g = log.gate(PinKind::Facilitator);
    EXPECT_EQ(g.failures, 2);
    EXPECT_EQ(g.lockouts, 1);
    EXPECT_EQ(g.lockedUntil, kTestMorning + minutes(2));
    const auto admin = log.gate(PinKind::Administrator);
    EXPECT_EQ(admin.failures, 4) << "the administrator PIN's count, apart";
    EXPECT_EQ(admin.lockouts, 0);
    EXPECT_FALSE(admin.lockedUntil);
    EXPECT_EQ(log.settings(),
              (std::vector<std::pair<std::string, std::string>>{{"visit.idle_timeout_seconds", "300"}}));
    EXPECT_EQ(all(db, "SELECT facilitator, value FROM settings_changes ORDER BY id"), "Amina|240|Jonas|300|")
        << "who changed what, when";
    EXPECT_EQ(all(db, "SELECT item, state, facilitator FROM equipment_reports"), "printer|not_working|Jonas|");
}

TEST(AdminPin, OneHashedAdministratorPinReplacedWhenSetAgain) {
    dps::test::TempDir dir;
    auto db = dps::kiosk::openKioskDatabase(dir / "kiosk.db");
    dps::kiosk::AdminPin admin(db);
    EXPECT_FALSE(admin.hash()) << "none until set: no maintenance exit";
    EXPECT_THROW(admin.set("12345", kTestMorning), std::invalid_argument) << "6 digits at least";
    EXPECT_THROW(admin.set("12345a", kTestMorning), std::invalid_argument);
    admin.set("97531864", kTestMorning);
    admin.set("86420975", kTestMorning);
    const std::string stored = all(db, "SELECT pin_hash FROM admin_pin");
    EXPECT_EQ(stored.find("86420975"), std::string::npos) << "never the PIN itself";
    EXPECT_EQ(all(db, "SELECT count(*) FROM admin_pin"), "1|");
    ASSERT_TRUE(admin.hash());
    EXPECT_TRUE(FacilitatorDirectory::verify(*admin.hash(), "86420975"));
    EXPECT_FALSE(FacilitatorDirectory::verify(*admin.hash(), "97531864")) << "the old one is gone";
    EXPECT_TRUE(admin.clear());
    EXPECT_FALSE(admin.hash());
}
