#include "services/casework/case_engine.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/proto_time.h"
#include "tests/testing/casework_env.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;
using J = v1::Journey;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

using ::sendcase::testing::Caller;

class CaseEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = testing::CaseworkEnv::Open(":memory:", clock_, ids_);
    ASSERT_OK(env);
    env_ = *std::move(env);
    engine_ = env_.engine.get();
  }

  v1::Pupil Create(const std::string& upn, const std::string& urn = "100001") {
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(upn);
    p->set_given_name("Given");
    p->set_family_name("Family");
    *p->mutable_birth_date() = ToProtoDate(D(2015, 6, 1));
    p->set_setting_urn(urn);
    p->set_local_authority_code("201");
    auto pupil = engine_->CreatePupil(admin_, req);
    EXPECT_OK(pupil);
    return *pupil;
  }

  v1::RecordEventRequest Event(const std::string& journey, Day day) {
    v1::RecordEventRequest req;
    req.set_journey(journey);
    *req.mutable_event()->mutable_event_date() = ToProtoDate(day);
    return req;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  IdGenerator ids_{42};
  testing::CaseworkEnv env_;
  CaseEngine* engine_ = nullptr;
  const auth::Principal admin_ = Caller("ADMIN", "*");
};

TEST_F(CaseEngineTest, CreatePupilStartsJourneyInConcern) {
  const v1::Pupil pupil = Create("B801200005001");
  EXPECT_THAT(pupil.name(), ::testing::StartsWith("pupils/"));
  v1::GetJourneyRequest get;
  get.set_name(pupil.current_journey());
  auto journey = engine_->GetJourney(admin_, get);
  ASSERT_OK(journey);
  EXPECT_EQ(journey->state(), J::CONCERN);
  EXPECT_EQ(journey->pupil(), pupil.name());
}

TEST_F(CaseEngineTest, RecordEventMovesStateAndAppendsChronology) {
  const v1::Pupil pupil = Create("B801200005001");
  auto req = Event(pupil.current_journey(), D(2026, 10, 5));
  req.mutable_event()->mutable_assessment_requested();
  auto journey = engine_->RecordEvent(admin_, req);
  ASSERT_OK(journey);
  EXPECT_EQ(journey->state(), J::ASSESSMENT_REQUESTED);
  EXPECT_EQ(journey->etag(), "2");

  v1::ListJourneyEventsRequest list;
  list.set_journey(pupil.current_journey());
  auto events = engine_->ListJourneyEvents(admin_, list);
  ASSERT_OK(events);
  ASSERT_EQ(events->events_size(), 1);
  const auto& e = events->events(0);
  EXPECT_EQ(e.from_state(), J::CONCERN);
  EXPECT_EQ(e.to_state(), J::ASSESSMENT_REQUESTED);
  EXPECT_EQ(e.recorded_by(), "tester");
  EXPECT_EQ(e.event_date().day(), 5);
}

TEST_F(CaseEngineTest, IllegalTransitionIsFailedPreconditionAndRecordsNothing) {
  const v1::Pupil pupil = Create("B801200005001");
  auto req = Event(pupil.current_journey(), D(2026, 10, 5));
  req.mutable_event()->mutable_final_plan_issued();
  EXPECT_THAT(
      engine_->RecordEvent(admin_, req),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("final_plan_issued"), HasSubstr("CONCERN"))));
  v1::ListJourneyEventsRequest list;
  list.set_journey(pupil.current_journey());
  EXPECT_EQ(engine_->ListJourneyEvents(admin_, list)->events_size(), 0);
}

TEST_F(CaseEngineTest, MalformedEventIsInvalidArgumentEvenWhenIllegal) {
  const v1::Pupil pupil = Create("B801200005001");
  auto req = Event(pupil.current_journey(), D(2026, 10, 5));
  req.mutable_event()->mutable_review_decision();  // illegal AND malformed
  EXPECT_THAT(engine_->RecordEvent(admin_, req),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("event.review_decision.outcome")));
}

TEST_F(CaseEngineTest, AnEventIsReplayedAtItsDateAndRefusedWhereItCannotBe) {
  const v1::Pupil pupil = Create("B801200005001");
  auto first = Event(pupil.current_journey(), D(2026, 10, 5));
  first.mutable_event()->mutable_assessment_requested();
  ASSERT_OK(engine_->RecordEvent(admin_, first));
  // Agreed "before" the request: the replayed state machine is still in
  // CONCERN there; the error names both events and the state.
  auto earlier = Event(pupil.current_journey(), D(2026, 10, 4));
  earlier.mutable_event()->mutable_assessment_agreed();
  EXPECT_THAT(
      engine_->RecordEvent(admin_, earlier),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("recording assessment_agreed of 2026-10-04 "
                               "before the journey's latest event "
                               "(2026-10-05)"),
                     HasSubstr("not allowed in journey state CONCERN"))));
  // A concern logged late slots in before the request: nothing moves.
  auto concern = Event(pupil.current_journey(), D(2026, 9, 1));
  concern.mutable_event()->mutable_concern_raised();
  auto journey = engine_->RecordEvent(admin_, concern);
  ASSERT_OK(journey);
  EXPECT_EQ(journey->state(), v1::Journey::ASSESSMENT_REQUESTED);
  EXPECT_EQ(journey->latest_event_date().day(), 5);
  EXPECT_TRUE(journey->clock_changes().empty());
  auto same_day = Event(pupil.current_journey(), D(2026, 10, 5));
  same_day.mutable_event()->mutable_assessment_agreed();
  journey = engine_->RecordEvent(admin_, same_day);
  ASSERT_OK(journey);
  EXPECT_EQ(journey->state(), v1::Journey::ASSESSMENT);
}

TEST_F(CaseEngineTest, StaleEtagIsAbortedAndChangesNothing) {
  const v1::Pupil pupil = Create("B801200005001");
  auto req = Event(pupil.current_journey(), D(2026, 10, 5));
  req.mutable_event()->mutable_assessment_requested();
  req.set_etag("1");
  ASSERT_OK(engine_->RecordEvent(admin_, req));
  auto again = Event(pupil.current_journey(), D(2026, 10, 6));
  again.mutable_event()->mutable_assessment_agreed();
  again.set_etag("1");
  EXPECT_THAT(engine_->RecordEvent(admin_, again),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("etag")));
  v1::GetJourneyRequest get;
  get.set_name(pupil.current_journey());
  EXPECT_EQ(engine_->GetJourney(admin_, get)->state(), J::ASSESSMENT_REQUESTED);
}

TEST_F(CaseEngineTest, RepeatedRequestIdReplaysFirstResponse) {
  const v1::Pupil pupil = Create("B801200005001");
  auto req = Event(pupil.current_journey(), D(2026, 10, 5));
  req.mutable_event()->mutable_assessment_requested();
  req.set_request_id("req-1");
  auto first = engine_->RecordEvent(admin_, req);
  ASSERT_OK(first);
  clock_.Advance(std::chrono::hours(1));
  auto second = engine_->RecordEvent(admin_, req);
  ASSERT_OK(second);
  EXPECT_EQ(second->SerializeAsString(), first->SerializeAsString());
  v1::ListJourneyEventsRequest list;
  list.set_journey(pupil.current_journey());
  EXPECT_EQ(engine_->ListJourneyEvents(admin_, list)->events_size(), 1);

  // The same id for a different request is refused.
  req.mutable_event()->mutable_event_date()->set_day(6);
  EXPECT_THAT(
      engine_->RecordEvent(admin_, req),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

TEST_F(CaseEngineTest, CreatePupilReplayAndDuplicateUpn) {
  v1::CreatePupilRequest req;
  auto* p = req.mutable_pupil();
  p->set_upn("P207000016049");
  p->set_given_name("G");
  p->set_family_name("F");
  *p->mutable_birth_date() = ToProtoDate(D(2014, 1, 1));
  p->set_setting_urn("100001");
  p->set_local_authority_code("201");
  req.set_request_id("create-1");
  auto first = engine_->CreatePupil(admin_, req);
  ASSERT_OK(first);
  auto replay = engine_->CreatePupil(admin_, req);
  ASSERT_OK(replay);
  EXPECT_EQ(replay->name(), first->name());
  req.set_request_id("create-2");
  EXPECT_THAT(engine_->CreatePupil(admin_, req),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("upn")));
}

TEST_F(CaseEngineTest, ScopesHideForeignPupils) {
  const v1::Pupil mine = Create("B801200005001", "100001");
  const v1::Pupil theirs = Create("P207000016049", "100002");
  const auto senco = Caller("SENCO", "setting:100001");

  v1::GetPupilRequest get;
  get.set_name(mine.name());
  EXPECT_OK(engine_->GetPupil(senco, get));
  get.set_name(theirs.name());
  EXPECT_THAT(engine_->GetPupil(senco, get),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // A name that does not exist looks the same to a scoped caller.
  get.set_name("pupils/doesnotexist");
  EXPECT_THAT(engine_->GetPupil(senco, get),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(engine_->GetPupil(admin_, get),
              StatusIs(absl::StatusCode::kNotFound));

  auto list = engine_->ListPupils(senco, {});
  ASSERT_OK(list);
  ASSERT_EQ(list->pupils_size(), 1);
  EXPECT_EQ(list->pupils(0).name(), mine.name());

  auto req = Event(theirs.current_journey(), D(2026, 10, 5));
  req.mutable_event()->mutable_assessment_requested();
  EXPECT_THAT(engine_->RecordEvent(senco, req),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(CaseEngineTest, ListJourneysPaginates) {
  for (const char* upn : {"B801200005001", "P207000016049", "X938612324001"}) {
    Create(upn);
  }
  v1::ListJourneysRequest req;
  req.set_page_size(2);
  auto page1 = engine_->ListJourneys(admin_, req);
  ASSERT_OK(page1);
  EXPECT_EQ(page1->journeys_size(), 2);
  ASSERT_FALSE(page1->next_page_token().empty());
  req.set_page_token(page1->next_page_token());
  auto page2 = engine_->ListJourneys(admin_, req);
  ASSERT_OK(page2);
  EXPECT_EQ(page2->journeys_size(), 1);
  EXPECT_TRUE(page2->next_page_token().empty());
  req.set_page_size(-1);
  EXPECT_THAT(engine_->ListJourneys(admin_, req),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(CaseEngineTest, UnknownTaskIsNotFound) {
  v1::CompleteTaskRequest req;
  req.set_name("pupils/a/journeys/b/tasks/c");
  EXPECT_THAT(engine_->CompleteTask(admin_, req),
              StatusIs(absl::StatusCode::kNotFound));
  v1::ListTasksRequest list;
  list.set_overdue_only(true);
  auto tasks = engine_->ListTasks(admin_, list);
  ASSERT_OK(tasks);
  EXPECT_EQ(tasks->tasks_size(), 0);
}

}  // namespace
}  // namespace sendcase::casework
