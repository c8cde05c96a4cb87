// [tls]: dps-server serves HTTPS itself with a certificate of a CA made at test time (the
// openssl command). A client that trusts the CA talks to it; one that does not, cannot.
#include "ServerFixture.h"

namespace dps::test {
namespace {

// A CA and a certificate it issued for 127.0.0.1, made once for this program.
struct TestCa {
    TempDir dir;
    std::filesystem::path ca, certificate, key, otherCa;
    TestCa() {
        ca = dir / "ca.pem";
        certificate = dir / "server.pem";
        key = dir / "server.key";
        otherCa = dir / "other-ca.pem";
        writeFile(dir / "server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\n"
                                      "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
        const std::string d = dir.path().string();
        const std::vector<std::vector<std::string>> steps = {
            {"openssl",
             "req",
             "-x509",
             "-newkey",
             "ec",
             "-pkeyopt",
             "ec_paramgen_curve:P-256",
             "-nodes",
             "-keyout",
             d + "/ca.key",
             "-out",
             ca.string(),
             "-days",
             "2",
             "-subj",
             "/CN=DPS Test CA",
             "-addext",
             "basicConstraints=critical,CA:TRUE",
             "-addext",
             "keyUsage=critical,keyCertSign,cRLSign"},
            {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
             d + "/other-ca.key", "-out", otherCa.string(), "-days", "2", "-subj", "/CN=Another CA"},
            {"openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
             key.string(), "-out", d + "/server.csr", "-subj", "/CN=127.0.0.1"},
            {"openssl", "x509", "-req", "-in", d + "/server.csr", "-CA", ca.string(), "-CAkey", d + "/ca.key",
             "-CAcreateserial", "-out", certificate.string(), "-days", "2", "-extfile", d + "/server.ext"},
        };
        for (const auto& step : steps)
            if (runCommand(step, {}, dir.path()) != 0) throw std::runtime_error("openssl failed: " + step[1]);
    }
};

const TestCa& testCa() {
    static const TestCa ca;
    return ca;
}

ServerProcess::Options withTls() {
    ServerProcess::Options o;
    o.tlsCertificate = testCa().certificate;
    o.tlsKey = testCa().key;
    o.clientCa = testCa().ca;
    return o;
}

class Tls : public ServerFixture {
protected:
    Tls() : ServerFixture(withTls()) {}
};

TEST_F(Tls, AClientThatTrustsTheCaGets200) {
    EXPECT_NE(server.stderrText().find("listening on https://127.0.0.1:"), std::string::npos);
    const auto health = server.client()->Get("/healthz");
    ASSERT_TRUE(health) << httplib::to_string(health.error());
    EXPECT_EQ(health->status, 200);
    // Doing TLS itself, it tells browsers to keep to HTTPS (RFC 6797), as nginx's site does (issue 17).
    EXPECT_EQ(health->get_header_value("Strict-Transport-Security"), "max-age=31536000");
    const auto terminal = server.enrollNewTerminal(dps); // over HTTPS too
    const auto res = postUsage(usageBatch({usageRecord("2026-11-23", 1, 5)}), terminal.token);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(Tls, AClientWithoutTheCaFailsVerification) {
    httplib::Client systemRoots(server.baseUrl()); // the system's roots only
    const auto res = systemRoots.Get("/healthz");
    EXPECT_FALSE(res);
    EXPECT_EQ(res.error(), httplib::Error::SSLServerVerification);

    httplib::Client otherCa(server.baseUrl());
    otherCa.set_ca_cert_path(testCa().otherCa.c_str());
    const auto other = otherCa.Get("/healthz");
    EXPECT_FALSE(other);
    EXPECT_EQ(other.error(), httplib::Error::SSLServerVerification);

    httplib::Client plain("http://127.0.0.1:" + std::to_string(server.port()));
    plain.set_read_timeout(std::chrono::seconds(5));
    EXPECT_FALSE(plain.Get("/healthz")); // no plain HTTP beside HTTPS
}

TEST(TlsConfig, AMissingKeyIsReportedAtStart) {
    ServerProcess::Options o = withTls();
    o.tlsKey = testCa().dir / "missing.key";
    ServerProcess server(o);
    try {
        server.start();
        FAIL() << "started without its key";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot serve HTTPS"), std::string::npos) << e.what();
    }
}

} // namespace
} // namespace dps::test
