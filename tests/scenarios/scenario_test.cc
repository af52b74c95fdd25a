// Runs every scenario file in tests/scenarios/ against a real server
// (in-process channel, in-memory database, fake clock, the shipped rules).
#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "clients/cli/event_builder.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "scenarios/scenario.pb.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"

namespace sendcase {
namespace {

namespace tv1 = sendcase::testing::v1;
namespace fs = std::filesystem;

std::string DateText(const google::type::Date& d) {
  char buf[16];
  snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return buf;
}

class ScenarioRunner {
 public:
  explicit ScenarioRunner(const tv1::Scenario& scenario)
      : scenario_(scenario) {}

  void Run() {
    server::ServerOptions options;
    options.rules_dir = SENDCASE_RULES_DIR;
    options.clock = &clock_;
    auto server = server::Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::CaseService::NewStub(server_->InProcessChannel());
    token_ = *auth::IssueToken(*server_->stores().tokens, clock_, "scenario",
                               "ADMIN", "*");
    CreatePupil();
    for (int i = 0; i < scenario_.steps_size(); ++i) {
      SCOPED_TRACE(absl::StrCat("step ", i + 1));
      RunStep(scenario_.steps(i));
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

 private:
  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token_);
    return ctx;
  }

  void SetToday(const std::string& text) {
    auto day = ParseDay(text, "today");
    ASSERT_TRUE(day.ok()) << day.status();
    clock_.Set(testing::FakeClock::NoonUtc(*day));
  }

  void CreatePupil() {
    // Start "today" on the first recorded event's date.
    for (const auto& step : scenario_.steps()) {
      if (!step.today().empty()) {
        SetToday(step.today());
        break;
      }
      if (step.has_record()) {
        SetToday(step.record().date());
        break;
      }
    }
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn("B801200005001");
    p->set_given_name("Scenario");
    p->set_family_name("Pupil");
    auto birth = client::ParseDateArg(scenario_.pupil_birth_date().empty()
                                          ? "2012-01-01"
                                          : scenario_.pupil_birth_date(),
                                      "pupil_birth_date");
    ASSERT_TRUE(birth.ok()) << birth.status();
    *p->mutable_birth_date() = *birth;
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    v1::Pupil pupil;
    auto status = stub_->CreatePupil(Ctx().get(), req, &pupil);
    ASSERT_TRUE(status.ok()) << status.error_message();
    journey_ = pupil.current_journey();
  }

  void RunStep(const tv1::Step& step) {
    if (!step.today().empty()) {
      SetToday(step.today());
    } else if (step.has_record()) {
      // Events are usually logged on or after the day they happen: without an
      // explicit "today", the clock moves forward to the event date.
      auto day = ParseDay(step.record().date(), "record.date");
      ASSERT_TRUE(day.ok()) << day.status();
      if (*day > LondonDate(clock_.Now())) SetToday(step.record().date());
    }
    if (step.has_record()) {
      auto event = client::BuildEvent(
          step.record().event(), step.record().date(),
          {step.record().field().begin(), step.record().field().end()});
      ASSERT_TRUE(event.ok()) << event.status();
      v1::RecordEventRequest req;
      req.set_journey(journey_);
      *req.mutable_event() = *event;
      v1::Journey out;
      const grpc::Status status = stub_->RecordEvent(Ctx().get(), req, &out);
      if (step.expect_error().empty()) {
        ASSERT_TRUE(status.ok())
            << step.record().event() << ": " << status.error_message();
        if (step.moved_size() > 0) CheckMoved(step, out);
      } else {
        grpc::StatusCode expected;
        ASSERT_TRUE(
            grpc_status_code_from_string(step.expect_error(), &expected))
            << step.expect_error();
        EXPECT_EQ(status.error_code(), expected) << status.error_message();
        EXPECT_THAT(status.error_message(),
                    ::testing::HasSubstr(step.expect_error_contains()));
      }
    }
    Check(step);
  }

  static std::string Side(v1::Clock::Status status,
                          const google::type::Date& due) {
    if (status == v1::Clock::STATUS_UNSPECIFIED) return "none";
    return v1::Clock::Status_Name(status) + " " + DateText(due);
  }

  void CheckMoved(const tv1::Step& step, const v1::Journey& out) {
    std::vector<std::string> moved;
    for (const auto& c : out.clock_changes()) {
      moved.push_back((c.subject().empty() ? c.rule_id()
                                           : c.rule_id() + "/" + c.subject()) +
                      ": " + Side(c.old_status(), c.old_due_date()) + " -> " +
                      Side(c.new_status(), c.new_due_date()));
    }
    EXPECT_THAT(moved, ::testing::UnorderedElementsAreArray(
                           step.moved().begin(), step.moved().end()));
  }

  static bool grpc_status_code_from_string(const std::string& name,
                                           grpc::StatusCode* code) {
    absl::StatusCode c;
    for (int i = 0; i <= 16; ++i) {
      c = static_cast<absl::StatusCode>(i);
      if (absl::StatusCodeToString(c) == name) {
        *code = static_cast<grpc::StatusCode>(i);
        return true;
      }
    }
    return false;
  }

  void Check(const tv1::Step& step) {
    v1::GetJourneyRequest get;
    get.set_name(journey_);
    v1::Journey j;
    ASSERT_TRUE(stub_->GetJourney(Ctx().get(), get, &j).ok());
    if (!step.expect_state().empty()) {
      EXPECT_EQ(v1::Journey::State_Name(j.state()), step.expect_state());
    }
    for (const auto& want : step.clocks()) {
      const v1::Clock* got = nullptr;
      for (const auto& c : j.clocks()) {
        if (c.rule_id() == want.rule_id() && c.subject() == want.subject())
          got = &c;
      }
      ASSERT_NE(got, nullptr)
          << "no clock " << want.rule_id() << " " << want.subject();
      SCOPED_TRACE(want.rule_id() + ": " + got->explanation());
      if (!want.due().empty()) {
        EXPECT_EQ(DateText(got->due_date()), want.due());
      }
      if (!want.status().empty()) {
        EXPECT_EQ(v1::Clock::Status_Name(got->status()), want.status());
      }
      EXPECT_THAT(got->explanation(),
                  ::testing::HasSubstr(want.explanation_contains()));
      EXPECT_EQ(got->statutory(), !want.not_statutory());
      if (want.has_days_late()) {
        EXPECT_EQ(got->days_late(), want.days_late());
      }
    }
    if (step.live_clocks_size() > 0) {
      std::vector<std::string> live;
      for (const auto& c : j.clocks()) {
        if (c.status() == v1::Clock::OPEN || c.status() == v1::Clock::OVERDUE ||
            c.status() == v1::Clock::EXCEPTION) {
          live.push_back(c.subject().empty() ? c.rule_id()
                                             : c.rule_id() + "/" + c.subject());
        }
      }
      EXPECT_THAT(
          live, ::testing::UnorderedElementsAreArray(step.live_clocks().begin(),
                                                     step.live_clocks().end()));
    }
    if (step.tasks_size() > 0) CheckTasks(step);
  }

  void CheckTasks(const tv1::Step& step) {
    v1::ListTasksRequest req;
    req.set_parent(journey_);
    req.set_page_size(1000);
    v1::ListTasksResponse tasks;
    ASSERT_TRUE(stub_->ListTasks(Ctx().get(), req, &tasks).ok());
    for (const auto& want : step.tasks()) {
      const v1::Task* got = nullptr;
      for (const auto& t : tasks.tasks()) {
        if (t.rule_id() == want.rule_id()) got = &t;
      }
      ASSERT_NE(got, nullptr) << "no task for " << want.rule_id();
      if (!want.owner_role().empty()) {
        EXPECT_EQ(v1::Role_Name(got->owner_role()), want.owner_role());
      }
      if (!want.due().empty()) {
        EXPECT_EQ(DateText(got->due_date()), want.due());
      }
      if (!want.state().empty()) {
        EXPECT_EQ(v1::Task::State_Name(got->state()), want.state());
      }
      EXPECT_EQ(got->overdue(), want.overdue()) << want.rule_id();
    }
  }

  const tv1::Scenario& scenario_;
  testing::FakeClock clock_{Instant()};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string token_;
  std::string journey_;
};

struct NamedScenario {
  std::string file;
  tv1::Scenario scenario;
};

std::vector<NamedScenario> LoadAll() {
  std::vector<NamedScenario> all;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(SENDCASE_SCENARIO_DIR)) {
    if (e.path().extension() == ".textproto") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    tv1::ScenarioFile file;
    if (!google::protobuf::TextFormat::ParseFromString(text.str(), &file)) {
      ADD_FAILURE() << "cannot parse " << path;
      continue;
    }
    for (const auto& s : file.scenarios()) {
      all.push_back({path.filename().string(), s});
    }
  }
  return all;
}

void PrintTo(const NamedScenario& s, std::ostream* os) {
  *os << s.file << ": " << s.scenario.name();
}

class ScenarioTest : public ::testing::TestWithParam<NamedScenario> {};

TEST_P(ScenarioTest, Holds) {
  SCOPED_TRACE(GetParam().file + ": " + GetParam().scenario.name() + " (" +
               GetParam().scenario.source() + ")");
  ScenarioRunner(GetParam().scenario).Run();
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, ScenarioTest, ::testing::ValuesIn(LoadAll()),
    [](const ::testing::TestParamInfo<NamedScenario>& info) {
      std::string name = info.param.file.substr(0, info.param.file.find('.'));
      name += "_" + std::to_string(info.index);
      for (char& c : name) {
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace sendcase
