// Recording a chronology out of date order ends where recording it in order
// does: the same state, clocks and open tasks. Each late event makes
// RecordEvent replay the journey and rewrite what moved (clock updates or a
// replaced clock list, restated events, tasks closed and made), so this
// checks the whole write path, not only the replay.
#include <algorithm>
#include <tuple>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/proto_time.h"
#include "tests/testing/casework_env.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

struct Step {
  const char* kind;
  Day day;
  const char* field;  // advice giver, or "" for none
};

// In date order. The out-of-order recording below logs the starred ones
// last (each still possible where its date puts it).
const Step kChronology[] = {
    {"concern_raised", D(2024, 9, 2), ""},  // *
    {"assessment_requested", D(2024, 10, 7), ""},
    {"assessment_agreed", D(2024, 11, 11), ""},
    {"advice_requested", D(2024, 11, 12), "EP"},
    {"advice_requested", D(2024, 11, 12), "ICB"},
    {"exception_recorded", D(2024, 12, 2), ""},  // *
    {"advice_received", D(2024, 12, 20), "EP"},  // *
    {"draft_plan_issued", D(2025, 2, 3), ""},
    {"final_plan_issued", D(2025, 2, 24), ""},
    {"mediation_certificate_issued", D(2025, 3, 10), ""},  // *
    {"annual_review_held", D(2026, 2, 9), ""},
};
const std::set<std::string> kLate = {"concern_raised", "exception_recorded",
                                     "advice_received",
                                     "mediation_certificate_issued"};

v1::JourneyEvent Event(const Step& s) {
  v1::JourneyEvent e;
  *e.mutable_event_date() = ToProtoDate(s.day);
  const std::string kind = s.kind;
  if (kind == "concern_raised") e.mutable_concern_raised();
  if (kind == "assessment_requested") e.mutable_assessment_requested();
  if (kind == "assessment_agreed") e.mutable_assessment_agreed();
  if (kind == "advice_requested") {
    e.mutable_advice_requested()->set_advice_giver(s.field);
  }
  if (kind == "advice_received") {
    e.mutable_advice_received()->set_advice_giver(s.field);
  }
  if (kind == "exception_recorded") {
    auto* x = e.mutable_exception_recorded();
    x->set_clock_rule_id("ehc.final_plan");
    x->set_reason(v1::ExceptionRecorded::PERSONAL_CIRCUMSTANCES);
    *x->mutable_start_date() = ToProtoDate(D(2024, 12, 2));
    *x->mutable_end_date() = ToProtoDate(D(2025, 1, 10));
  }
  if (kind == "draft_plan_issued") e.mutable_draft_plan_issued();
  if (kind == "final_plan_issued") e.mutable_final_plan_issued();
  if (kind == "mediation_certificate_issued") {
    e.mutable_mediation_certificate_issued();
  }
  if (kind == "annual_review_held") e.mutable_annual_review_held();
  return e;
}

class LateEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = testing::CaseworkEnv::Open(":memory:", clock_, ids_);
    ASSERT_OK(env);
    env_ = *std::move(env);
  }

  std::string NewJourney(const std::string& upn) {
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(upn);
    p->set_given_name("G");
    p->set_family_name("F");
    *p->mutable_birth_date() = ToProtoDate(D(2014, 6, 1));
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    auto pupil = env_.engine->CreatePupil(admin_, req);
    EXPECT_OK(pupil);
    return pupil->current_journey();
  }

  void Record(const std::string& journey, const Step& s) {
    v1::RecordEventRequest req;
    req.set_journey(journey);
    *req.mutable_event() = Event(s);
    ASSERT_OK(env_.engine->RecordEvent(admin_, req)) << s.kind;
  }

  // State, every clock and every open task, in a comparable order.
  std::vector<std::string> Snapshot(const std::string& journey) {
    v1::GetJourneyRequest get;
    get.set_name(journey);
    auto j = env_.engine->GetJourney(admin_, get);
    EXPECT_OK(j);
    std::vector<std::string> out = {v1::Journey::State_Name(j->state())};
    for (const auto& c : j->clocks()) {
      out.push_back(absl::StrCat(c.rule_id(), "/", c.subject(), " ",
                                 v1::Clock::Status_Name(c.status()), " ",
                                 c.due_date().ShortDebugString(), " ",
                                 c.met_date().ShortDebugString(), " ",
                                 c.days_late(), " ", c.explanation()));
    }
    v1::ListTasksRequest tasks;
    tasks.set_parent(journey);
    tasks.set_page_size(1000);
    auto listed = env_.engine->ListTasks(admin_, tasks);
    EXPECT_OK(listed);
    for (const auto& t : listed->tasks()) {
      if (t.state() != v1::Task::OPEN) continue;
      out.push_back(absl::StrCat("task ", t.rule_id(), " ",
                                 t.due_date().ShortDebugString()));
    }
    std::sort(out.begin() + 1, out.end());
    return out;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 3, 2))};
  IdGenerator ids_{7};
  testing::CaseworkEnv env_;
  auth::Principal admin_ = testing::Caller("ADMIN", "*");
};

TEST_F(LateEventsTest, RecordingLateEndsWhereRecordingInOrderDoes) {
  const std::string in_order = NewJourney("B801200005001");
  for (const Step& s : kChronology) Record(in_order, s);

  const std::string late = NewJourney("P207000016049");
  for (const Step& s : kChronology) {
    if (kLate.count(s.kind) == 0) Record(late, s);
  }
  for (const Step& s : kChronology) {
    if (kLate.count(s.kind) != 0) Record(late, s);
  }
  const auto want = Snapshot(in_order);
  EXPECT_GT(want.size(), 10u);
  EXPECT_EQ(Snapshot(late), want);
}

}  // namespace
}  // namespace sendcase::casework
