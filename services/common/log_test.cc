#include "services/common/log.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace sendcase {
namespace {

TEST(LogTest, TextIsOneLineOfKeyValuePairsQuotingWhatWouldSplitIt) {
  EXPECT_EQ(FormatLogLine(LogFormat::kText, LogLevel::kInfo, "call",
                          {{"method", "sendcase.v1.CaseService/GetPupil"},
                           {"code", "OK"},
                           {"ms", 1.25},
                           {"request_id", "r-1"}},
                          ""),
            "sendcased: call method=sendcase.v1.CaseService/GetPupil code=OK "
            "ms=1.25 request_id=r-1");
  EXPECT_EQ(FormatLogLine(LogFormat::kText, LogLevel::kWarning, "checkpoint",
                          {{"status", "UNAVAILABLE: disk full"}, {"n", 3}}, ""),
            "sendcased: warning: checkpoint status=\"UNAVAILABLE: disk full\" "
            "n=3");
  EXPECT_EQ(FormatLogLine(LogFormat::kText, LogLevel::kInfo, "x",
                          {{"empty", ""}, {"newline", "a\nb"}}, ""),
            "sendcased: x empty=\"\" newline=\"a\\nb\"");
}

TEST(LogTest, JsonIsOneObjectALineWithTypedFields) {
  const std::string line =
      FormatLogLine(LogFormat::kJson, LogLevel::kError, "call",
                    {{"method", "m"},
                     {"code", "INTERNAL"},
                     {"ms", 0.5},
                     {"count", 7},
                     {"quote", "say \"hi\"\n"}},
                    "2026-12-02T09:30:00.123Z");
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(line);
  EXPECT_EQ(j["time"], "2026-12-02T09:30:00.123Z");
  EXPECT_EQ(j["level"], "error");
  EXPECT_EQ(j["msg"], "call");
  EXPECT_EQ(j["code"], "INTERNAL");
  EXPECT_EQ(j["ms"], 0.5);
  EXPECT_EQ(j["count"], 7);
  EXPECT_EQ(j["quote"], "say \"hi\"\n");
  // The fields keep the order given, after time, level and message.
  EXPECT_EQ(line.rfind("{\"time\":", 0), 0u);
  // Invalid UTF-8 is replaced, never thrown.
  const std::string bad = FormatLogLine(LogFormat::kJson, LogLevel::kInfo, "m",
                                        {{"v", "\xff"}}, "t");
  EXPECT_EQ(nlohmann::json::parse(bad)["v"], "\xEF\xBF\xBD");
}

TEST(LogTest, ACallersRequestIdIsLoggedOnlyIfItIsAUuid) {
  EXPECT_EQ(LoggedRequestId("5b0e8c1e-7d5a-4c1b-9a43-2f6de0c1a7b9"),
            "5b0e8c1e-7d5a-4c1b-9a43-2f6de0c1a7b9");
  EXPECT_EQ(LoggedRequestId("5B0E8C1E-7D5A-4C1B-9A43-2F6DE0C1A7B9"),
            "5B0E8C1E-7D5A-4C1B-9A43-2F6DE0C1A7B9");
  // printf %s abc | sha256sum: ba7816bf8f01cfea414140de5dae2223...
  EXPECT_EQ(LoggedRequestId("abc"), "sha256:ba7816bf8f01cfea");
  // Near-UUIDs and ids made of a pupil's details are digests.
  for (const char* id : {"B801200005001", "Jane.Smith.2015-06-01", "",
                         "5b0e8c1e-7d5a-4c1b-9a43-2f6de0c1a7b",
                         "5b0e8c1e_7d5a-4c1b-9a43-2f6de0c1a7b9",
                         "5b0e8c1e-7d5a-4c1b-9a43-2f6de0c1a7bz"}) {
    EXPECT_EQ(LoggedRequestId(id).rfind("sha256:", 0), 0u) << id;
    EXPECT_EQ(LoggedRequestId(id).size(), 7u + 16u) << id;
  }
}

TEST(LogTest, LevelsAndFormatsParseByName) {
  for (const auto& [name, level] :
       std::vector<std::pair<std::string, LogLevel>>{
           {"debug", LogLevel::kDebug},
           {"info", LogLevel::kInfo},
           {"warning", LogLevel::kWarning},
           {"error", LogLevel::kError}}) {
    auto parsed = ParseLogLevel(name);
    ASSERT_TRUE(parsed.ok()) << name;
    EXPECT_EQ(*parsed, level);
    EXPECT_EQ(LogLevelName(level), name);
  }
  EXPECT_EQ(ParseLogLevel("verbose").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(ParseLogLevel("verbose").status().message()),
              ::testing::HasSubstr("--log-level"));
  EXPECT_EQ(*ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_EQ(*ParseLogFormat("text"), LogFormat::kText);
  EXPECT_EQ(ParseLogFormat("xml").status().code(),
            absl::StatusCode::kInvalidArgument);

  ConfigureLog(LogFormat::kText, LogLevel::kWarning);
  EXPECT_FALSE(LogEnabled(LogLevel::kInfo));
  EXPECT_TRUE(LogEnabled(LogLevel::kWarning));
  EXPECT_TRUE(LogEnabled(LogLevel::kError));
  ConfigureLog(LogFormat::kText, LogLevel::kInfo);
  EXPECT_TRUE(LogEnabled(LogLevel::kInfo));
  EXPECT_FALSE(LogEnabled(LogLevel::kDebug));
}

}  // namespace
}  // namespace sendcase
