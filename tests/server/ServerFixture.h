#pragma once
// A started dps-server with one DPS, and the requests the tests send it.
#include "ServerProcess.h"
#include "UsageBodies.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

namespace dps::test {

class ServerFixture : public ::testing::Test {
protected:
    explicit ServerFixture(ServerProcess::Options options = {}) : server(std::move(options)) {}
    void SetUp() override {
        dps = server.addDps("DPS Test");
        server.start();
    }

    httplib::Result post(const std::string& path, const std::string& body, const std::string& token,
                         httplib::Headers headers = {}, const std::string& type = "application/json") {
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        return server.client()->Post(path.c_str(), headers, body, type.c_str());
    }
    httplib::Result postUsage(const std::string& body, const std::string& token, httplib::Headers headers = {}) {
        return post("/api/v1/usage", body, token, std::move(headers));
    }

    // The error code of a JSON error body ("" when it is not one).
    static std::string errorCode(const httplib::Result& res) {
        const auto j = nlohmann::json::parse(res->body, nullptr, false);
        return j.is_object() && j.contains("error") ? j["error"].get<std::string>() : "";
    }
    static std::string errorPath(const httplib::Result& res) {
        return nlohmann::json::parse(res->body).at("path").get<std::string>();
    }

    ServerProcess server;
    std::int64_t dps = 0;
};

} // namespace dps::test
