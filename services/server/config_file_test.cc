#include "services/server/config_file.h"

#include <fstream>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/server/command_line.h"
#include "services/server/flags.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::server {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::FieldsAre;
using ::testing::HasSubstr;

std::string Write(const testing::TempDir& dir, const std::string& text) {
  const std::string path = dir.File("sendcased.toml");
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigFileTest, ReadsEverySettingTypeInFileOrder) {
  testing::TempDir dir;
  const std::string path = Write(dir,
                                 "# the LA's settings\n"
                                 "listen = \"0.0.0.0:50051\"\n"
                                 "smtp-starttls = true\n"
                                 "reminder_retry_seconds = 120\n"
                                 "db = \"/var/lib/sendcase/sendcase.db\"\n");
  EXPECT_THAT(ReadConfigFile(path),
              ::sendcase::testing::IsOkAndHolds(ElementsAre(
                  FieldsAre("listen", "0.0.0.0:50051"),
                  FieldsAre("smtp_starttls", "true"),
                  FieldsAre("reminder_retry_seconds", "120"),
                  FieldsAre("db", "/var/lib/sendcase/sendcase.db"))));
}

TEST(ConfigFileTest, RefusesWhatIsNoSettingNamingFileLineAndColumn) {
  testing::TempDir dir;
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"listen = \"x:1\"\nlisten-port = 5\n",
       ":2:1: 'listen-port' is not a sendcased setting"},
      {"smtp-starttls = \"yes\"\n",
       ":1:17: smtp-starttls must be true or false"},
      {"db-pool-size = \"8\"\n", ":1:16: db-pool-size must be a whole number"},
      {"db-pool-size = 8.5\n", "db-pool-size must be a whole number"},
      {"db-pool-size = 3000000000\n", "db-pool-size must be a whole number"},
      {"db = 5\n", ":1:6: db must be a string"},
      {"[server]\nlisten = \"x:1\"\n", "'server' is not a sendcased setting"},
      {"config = \"other.toml\"\n", "'config' is not a sendcased setting"},
      {"print-config = true\n", "'print-config' is not a sendcased setting"},
      {"grpc_verbosity = \"debug\"\n", "is not a sendcased setting"},
      {"listen = \"x:1\n", ":1:"},  // an unterminated string
      {"listen = 0.0.0.0:50051\n",
       "(write each setting as name = value: a string in double quotes"},
      {"smtp-url = \"smtp://a\"\nsmtp_url = \"smtp://b\"\n",
       ":2:1: smtp_url is set twice (line 1)"},
  };
  for (const Case& c : cases) {
    const std::string path = Write(dir, c.text);
    EXPECT_THAT(ReadConfigFile(path),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         ::testing::AllOf(HasSubstr("--config: " + path),
                                          HasSubstr(c.message))))
        << c.text;
  }
  EXPECT_THAT(ReadConfigFile(dir.File("missing.toml")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing.toml")));
}

TEST(ConfigFileTest, OneDashFlagsAreSpelledAsTwoDashOnes) {
  std::vector<std::string> args = {"sendcased",
                                   "-config=f.toml",
                                   "--tls-cert=a",
                                   "-db-pool-size",
                                   "-1",
                                   "issue-token",
                                   "-h"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  EXPECT_THAT(WithUnderscoreFlags(static_cast<int>(argv.size()), argv.data()),
              ElementsAre("sendcased", "--config=f.toml", "--tls_cert=a",
                          "--db_pool_size", "-1", "issue-token", "-h"));
}

TEST(ConfigFileTest, RedactsPasswordsInUris) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"postgresql://sendcase:s3cret@db.internal/sendcase",
       "postgresql://sendcase:REDACTED@db.internal/sendcase"},
      {"postgresql://sendcase@db.internal/sendcase?password=s3cret&x=1",
       "postgresql://sendcase@db.internal/sendcase?password=REDACTED&x=1"},
      {"smtp://mailer:pw@mail.example:587",
       "smtp://mailer:REDACTED@mail.example:587"},
      {"postgresql://sendcase@db.internal/sendcase",
       "postgresql://sendcase@db.internal/sendcase"},
      {"/var/lib/sendcase/a:b@c.db", "/var/lib/sendcase/a:b@c.db"},
  };
  for (const auto& [uri, want] : cases) EXPECT_EQ(RedactUri(uri), want);
}

// The command line over the file over the defaults; --print-config's
// output is itself a config file that gives the same settings.
TEST(ConfigFileTest, CommandLineOverridesTheFileAndPrintConfigRoundTrips) {
  testing::TempDir dir;
  const std::string path =
      Write(dir,
            "listen = \"0.0.0.0:50051\"\n"
            "http-listen = \"0.0.0.0:8080\"\n"
            "db = \"postgresql://sendcase:s3cret@db.internal/sendcase\"\n"
            "db-pool-size = 4\n"
            "smtp-starttls = true\n");
  std::vector<std::string> args = {"sendcased", "--config=" + path,
                                   "--listen=127.0.0.1:6000",
                                   "--db-pool-size=12", "check"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  const ServerCommandLine parsed =
      ParseServerCommandLine(static_cast<int>(argv.size()), argv.data(), "");
  EXPECT_THAT(parsed.positional, ElementsAre("sendcased", "check"));
  EXPECT_EQ(absl::GetFlag(FLAGS_listen), "127.0.0.1:6000");     // flag
  EXPECT_EQ(absl::GetFlag(FLAGS_http_listen), "0.0.0.0:8080");  // file
  EXPECT_EQ(absl::GetFlag(FLAGS_db_pool_size), 12);             // flag
  EXPECT_TRUE(absl::GetFlag(FLAGS_smtp_starttls));              // file
  EXPECT_EQ(absl::GetFlag(FLAGS_max_streams), 512);             // default

  const std::string printed = EffectiveConfig(
      parsed.config_path, parsed.from_file, parsed.from_command_line);
  EXPECT_THAT(printed,
              HasSubstr("listen = \"127.0.0.1:6000\"  # command line\n"));
  EXPECT_THAT(printed,
              HasSubstr("http-listen = \"0.0.0.0:8080\"  # " + path + "\n"));
  EXPECT_THAT(printed, HasSubstr("max-streams = 512  # default\n"));
  EXPECT_THAT(printed, HasSubstr("smtp-starttls = true  # " + path + "\n"));
  EXPECT_THAT(printed, HasSubstr("sendcase:REDACTED@db.internal"));
  EXPECT_THAT(printed, ::testing::Not(HasSubstr("s3cret")));

  const std::string again = dir.File("printed.toml");
  std::ofstream(again) << printed;
  auto settings = ReadConfigFile(again);
  ASSERT_OK(settings);
  for (const ConfigSetting& s : *settings) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(s.flag);
    ASSERT_NE(flag, nullptr) << s.flag;
    if (s.flag == "db") continue;  // redacted on purpose
    EXPECT_EQ(s.value, flag->CurrentValue()) << s.flag;
  }
}

}  // namespace
}  // namespace sendcase::server
