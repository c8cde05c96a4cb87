// The free-use service's connection (kiosk/adapters/browser/ServiceProtocol.h): the request line
// the kiosk writes and the report it reads back. The reports are the session runner's output as
// it prints it (packaging/free-use/dps-free-use-session, the `printf` of its inner half and the
// `survivors=` line of its outer half; a real run's figures from docs/free-use.md) followed by the
// service's `exit=N` (packaging/free-use/dps-free-use-serve).
#include "kiosk/adapters/browser/ServiceProtocol.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using dps::kiosk::browser::parseServiceReport;
using dps::kiosk::browser::requestLine;
using dps::kiosk::browser::wipeReportOf;
using testing::HasSubstr;

namespace {
const std::string kRunnerReport = "ended=stop\nbrowser_starts=1\nprocesses_ended=9\nfiles_wiped=214\n"
                                  "bytes_wiped=8606743\nsurvivors=0\n";
} // namespace

TEST(ServiceProtocol, ARunnerThatVerifiedItsWipeGivesAVerifiedReport) {
    const auto r = parseServiceReport(kRunnerReport + "exit=0\n");
    EXPECT_EQ(r.problem, "");
    EXPECT_EQ(r.ended, "stop");
    EXPECT_EQ(r.browserStarts, 1);
    EXPECT_EQ(r.processesEnded, 9);
    EXPECT_EQ(r.filesWiped, 214);
    EXPECT_EQ(r.bytesWiped, 8606743);
    EXPECT_EQ(r.survivors, 0);
    const auto wipe = wipeReportOf(r);
    EXPECT_TRUE(wipe.verified);
    EXPECT_THAT(wipe.wiped, testing::ElementsAre("processes", "home"));
    EXPECT_EQ(wipe.pagesPrinted, 0) << "a runner without CUPS says nothing of print jobs";
}

TEST(ServiceProtocol, ThePagesOfTheSessionsPrintJobsReachTheVisitRecord) {
    // dps-free-use-session's report where CUPS runs (its --cups-server): the jobs not printed
    // were cancelled, the pages of the others counted.
    const auto r = parseServiceReport(kRunnerReport + "pages_printed=3\nexit=0\n");
    EXPECT_EQ(r.problem, "");
    EXPECT_EQ(r.pagesPrinted, 3);
    const auto wipe = wipeReportOf(r);
    EXPECT_TRUE(wipe.verified);
    EXPECT_THAT(wipe.wiped, testing::ElementsAre("processes", "home", "print jobs"));
    EXPECT_EQ(wipe.pagesPrinted, 3);
    EXPECT_EQ(parseServiceReport("pages_printed=-1\n").problem, "line 1: pages_printed is not a count");
}

TEST(ServiceProtocol, WhetherTheEidWasUsedInTheBrowserReachesTheVisitRecord) {
    // dps-free-use-session's report since the e-ID module leaves its mark (its inner half's
    // printf: eid_used after bytes_wiped); the unknown-key bug of pages_printed must not come back.
    const std::string used = "ended=stop\nbrowser_starts=1\nprocesses_ended=9\nfiles_wiped=214\nbytes_wiped=8606743\n"
                             "eid_used=1\npages_printed=0\nsurvivors=0\nexit=0\n";
    const auto r = parseServiceReport(used);
    EXPECT_EQ(r.problem, "");
    EXPECT_EQ(r.eidUsed, 1);
    const auto wipe = wipeReportOf(r);
    EXPECT_TRUE(wipe.verified);
    EXPECT_TRUE(wipe.eidUsed);
    std::string unused = used;
    unused.replace(unused.find("eid_used=1"), 10, "eid_used=0");
    EXPECT_TRUE(wipeReportOf(parseServiceReport(unused)).verified);
    EXPECT_FALSE(wipeReportOf(parseServiceReport(unused)).eidUsed);
    EXPECT_FALSE(wipeReportOf(parseServiceReport(kRunnerReport + "exit=0\n")).eidUsed)
        << "an older runner says nothing";
    EXPECT_EQ(parseServiceReport("eid_used=2\n").problem, "line 1: eid_used is not 0 or 1");
    EXPECT_EQ(parseServiceReport("eid_used=yes\n").problem, "line 1: eid_used is not 0 or 1");
}

TEST(ServiceProtocol, AWipeIsVerifiedOnlyWhenTheRunnerSaysSo) {
    // A survivor: the runner exits 1 (its usage comment).
    EXPECT_FALSE(wipeReportOf(parseServiceReport(
                                  "ended=stop\nbrowser_starts=1\nprocesses_ended=9\nfiles_wiped=3\nbytes_wiped=1\n"
                                  "survivors=1\nexit=1\n"))
                     .verified);
    // The runner's report without the service's exit line: the service died before the end.
    EXPECT_FALSE(wipeReportOf(parseServiceReport(kRunnerReport)).verified);
    // An exit of 0 without the runner's report (a runner that printed nothing).
    EXPECT_FALSE(wipeReportOf(parseServiceReport("exit=0\n")).verified);
    // Nothing at all: the connection closed at once.
    EXPECT_FALSE(wipeReportOf(parseServiceReport("")).verified);
    // A refusal.
    const auto refused = parseServiceReport("error=the request is not 'start URL SOCKET'\nexit=2\n");
    EXPECT_EQ(refused.error, "the request is not 'start URL SOCKET'");
    EXPECT_EQ(refused.exit, 2);
    EXPECT_FALSE(wipeReportOf(refused).verified);
    EXPECT_TRUE(wipeReportOf(refused).wiped.empty());
}

TEST(ServiceProtocol, ABadLineIsAProblemWithItsLineNumberAndNothingIsVerified) {
    const auto unknown = parseServiceReport(kRunnerReport + "colour=blue\nexit=0\n");
    EXPECT_EQ(unknown.problem, "line 7: unknown key 'colour'");
    EXPECT_EQ(unknown.exit, 0); // the rest is still read
    EXPECT_FALSE(wipeReportOf(unknown).verified);
    EXPECT_EQ(parseServiceReport("ended=stop\nhello\n").problem, "line 2: no '=' (a report line is key=value)");
    EXPECT_EQ(parseServiceReport("ended=maybe\n").problem, "line 1: ended is not stop, closed or crashed");
    EXPECT_EQ(parseServiceReport("survivors=-1\n").problem, "line 1: survivors is not a count");
    EXPECT_EQ(parseServiceReport("survivors=0x0\n").problem, "line 1: survivors is not a count");
    // Found by fuzz.freeuse_report_bounded: from_chars reads "-0" as 0, which made a wipe verified.
    EXPECT_EQ(parseServiceReport("survivors=-0\n").problem, "line 1: survivors is not a count");
    EXPECT_EQ(parseServiceReport("survivors=+0\n").problem, "line 1: survivors is not a count");
    EXPECT_EQ(parseServiceReport("survivors=\n").problem, "line 1: survivors is not a count");
    EXPECT_EQ(parseServiceReport("bytes_wiped=9999999999999999999\n").problem, "line 1: bytes_wiped is not a count");
    EXPECT_EQ(parseServiceReport("survivors=0 \n").problem, "line 1: survivors is not a count");
}

TEST(ServiceProtocol, TheReportsSizeAndLinesAreBounded) {
    std::string many;
    for (int i = 0; i < 40; ++i)
        many += "exit=0\n";
    EXPECT_EQ(parseServiceReport(many).problem, "line 33: more than 32 lines");
    EXPECT_EQ(parseServiceReport("error=" + std::string(300, 'x') + "\n").problem, "line 1: longer than 200 bytes");
    const auto huge = parseServiceReport(std::string(5000, 'x'));
    EXPECT_THAT(huge.problem, HasSubstr("longer than 4096 bytes"));
    EXPECT_FALSE(wipeReportOf(huge).verified);
    // A key is quoted 40 bytes at most.
    EXPECT_EQ(parseServiceReport(std::string(100, 'k') + "=1\n").problem,
              "line 1: unknown key '" + std::string(40, 'k') + "'");
}

TEST(ServiceProtocol, TheRequestLineRefusesWhatWouldSplitIt) {
    EXPECT_EQ(requestLine("file:///etc/chromium/start/index.html#lang=fr", "/run/user/990/wayland-1"),
              "start file:///etc/chromium/start/index.html#lang=fr /run/user/990/wayland-1\n");
    EXPECT_EQ(requestLine("https://a.be/ x", "/run/w"), std::nullopt);
    EXPECT_EQ(requestLine("https://a.be/", "/run/my socket"), std::nullopt);
    EXPECT_EQ(requestLine("https://a.be/\nstart", "/run/w"), std::nullopt);
    EXPECT_EQ(requestLine("", "/run/w"), std::nullopt);
    EXPECT_EQ(requestLine("https://a.be/", ""), std::nullopt);
    EXPECT_EQ(requestLine("https://a.be/" + std::string(2100, 'a'), "/run/w"), std::nullopt);
}

TEST(ServiceProtocol, AUsbStickUsedReachesTheVisitRecordAndTheWipeSaysItWasUnmounted) {
    // The runner's report as it prints it since the USB round: `usb_used=` after `survivors=`
    // (its outer half, dps-free-use-usb finish). A key the adapter did not know once made every
    // wipe "unverified" (pages_printed): this one must not.
    const auto used = parseServiceReport(kRunnerReport + "pages_printed=0\nusb_used=1\nexit=0\n");
    EXPECT_EQ(used.problem, "");
    const auto wipe = wipeReportOf(used);
    EXPECT_TRUE(wipe.verified);
    EXPECT_TRUE(wipe.usbUsed);
    EXPECT_THAT(wipe.wiped, testing::ElementsAre("processes", "home", "print jobs", "usb"));
    const auto none = wipeReportOf(parseServiceReport(kRunnerReport + "usb_used=0\nexit=0\n"));
    EXPECT_TRUE(none.verified);
    EXPECT_FALSE(none.usbUsed);
    EXPECT_THAT(none.wiped, testing::ElementsAre("processes", "home", "usb"));
    // Only 0 or 1; a runner from before this round says nothing, and no stick is assumed.
    EXPECT_EQ(parseServiceReport("usb_used=2\n").problem, "line 1: usb_used is not 0 or 1");
    EXPECT_EQ(parseServiceReport("usb_used=\n").problem, "line 1: usb_used is not 0 or 1");
    EXPECT_FALSE(wipeReportOf(parseServiceReport(kRunnerReport + "exit=0\n")).usbUsed);
    // Not verified: the stick's use is still recorded (the visit keeps it either way).
    EXPECT_TRUE(wipeReportOf(parseServiceReport(kRunnerReport + "usb_used=1\nexit=1\n")).usbUsed);
}
