// RecordEvent when another write to the same journey commits between its
// read and its commit (two clients, or two calls of one client in flight).

#include <optional>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/casework/case_engine.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "tests/testing/casework_env.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;

// The store, except that the next CommitTransition is preceded by another
// writer's: the same transition committed first, as a concurrent request
// that read the same version would.
class RacingStore : public storage::CaseStore {
 public:
  explicit RacingStore(storage::CaseStore& inner) : inner_(inner) {}
  bool race_next = false;
  // The rival is the same request sent twice (same request_id): it commits
  // under the same key, with a response marked by etag "rival".
  bool rival_same_key = false;
  int commits = 0;

  absl::StatusOr<int64_t> CommitTransition(
      const storage::TransitionEffects& commit,
      const std::optional<storage::IdempotencyKey>& key,
      const std::string& response) override {
    ++commits;
    if (race_next) {
      race_next = false;
      auto other =
          inner_.CommitTransition(commit, rival_same_key ? key : std::nullopt,
                                  Rival<v1::Journey>(response));
      if (!other.ok()) return other.status();
    }
    return inner_.CommitTransition(commit, key, response);
  }

  absl::StatusOr<std::optional<storage::StoredResponse>> FindResponse(
      const std::string& principal, const std::string& request_id) override {
    return inner_.FindResponse(principal, request_id);
  }
  absl::Status CreatePupil(const storage::NewPupil& pupil,
                           const std::optional<storage::IdempotencyKey>& key,
                           const std::string& response) override {
    if (race_next) {  // the same request, committed first under its own ids
      race_next = false;
      storage::NewPupil rival = pupil;
      rival.pupil.set_name("pupils/rival");
      rival.journey.set_name("pupils/rival/journeys/rival");
      rival.pupil.set_etag("rival");
      RETURN_IF_ERROR(
          inner_.CreatePupil(rival, key, rival.pupil.SerializeAsString()));
    }
    return inner_.CreatePupil(pupil, key, response);
  }
  absl::StatusOr<storage::PupilRecord> GetPupil(
      const PupilName& name) override {
    return inner_.GetPupil(name);
  }
  absl::StatusOr<storage::Page<storage::PupilRecord>> ListPupils(
      const storage::Visibility& visibility, const storage::PupilFilter& filter,
      const storage::PageRequest& page) override {
    return inner_.ListPupils(visibility, filter, page);
  }
  absl::Status UpdatePupil(const PupilName& name, const v1::Pupil& pupil,
                           int64_t expected_version,
                           const std::optional<storage::IdempotencyKey>& key,
                           const std::string& response, Instant now) override {
    return inner_.UpdatePupil(name, pupil, expected_version, key, response,
                              now);
  }
  absl::StatusOr<storage::JourneyRecord> GetJourney(
      const JourneyName& name) override {
    return inner_.GetJourney(name);
  }
  absl::Status AssignCaseOfficer(const JourneyName& name,
                                 const std::string& case_officer,
                                 int64_t expected_version,
                                 Instant now) override {
    return inner_.AssignCaseOfficer(name, case_officer, expected_version, now);
  }
  absl::StatusOr<storage::Page<storage::JourneyRecord>> ListJourneys(
      const storage::Visibility& visibility,
      const std::optional<PupilName>& parent,
      const storage::PageRequest& page) override {
    return inner_.ListJourneys(visibility, parent, page);
  }
  absl::StatusOr<std::vector<storage::OpenTask>> ListOpenTasks(
      const JourneyName& journey) override {
    return inner_.ListOpenTasks(journey);
  }
  absl::StatusOr<storage::Page<v1::JourneyEvent>> ListEvents(
      const JourneyName& journey, const storage::PageRequest& page) override {
    return inner_.ListEvents(journey, page);
  }

 private:
  template <typename Message>
  static std::string Rival(const std::string& response) {
    Message m;
    m.ParseFromString(response);
    m.set_etag("rival");
    return m.SerializeAsString();
  }

  storage::CaseStore& inner_;
};

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class RecordEventRaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = testing::CaseworkEnv::Open(":memory:", clock_, ids_);
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = *std::move(env);
    racing_.emplace(*env_.store);
    engine_.emplace(*racing_, *env_.store, *env_.registry, clock_, ids_,
                    nullptr);
    auto pupil =
        engine_->CreatePupil(admin_, testing::NewPupilRequest("B801200005001"));
    ASSERT_TRUE(pupil.ok()) << pupil.status();
    journey_ = pupil->current_journey();
  }

  // A concern noted: allowed in every open state, so both writers succeed.
  v1::RecordEventRequest Concern() {
    v1::RecordEventRequest req;
    req.set_journey(journey_);
    *req.mutable_event()->mutable_event_date() = ToProtoDate(D(2026, 10, 5));
    req.mutable_event()->mutable_concern_raised();
    return req;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  IdGenerator ids_{42};
  testing::CaseworkEnv env_;
  std::optional<RacingStore> racing_;
  std::optional<CaseEngine> engine_;
  const auth::Principal admin_ = testing::Caller("ADMIN", "*");
  std::string journey_;
};

TEST_F(RecordEventRaceTest, WithoutAnEtagTheLoserIsEvaluatedAgainAndCommits) {
  racing_->race_next = true;
  auto journey = engine_->RecordEvent(admin_, Concern());
  ASSERT_TRUE(journey.ok()) << journey.status();
  // Version 1 -> the other writer's 2 -> ours, evaluated on 2: 3.
  EXPECT_EQ(journey->etag(), "3");
  EXPECT_EQ(racing_->commits, 2);
}

TEST_F(RecordEventRaceTest, WithAnEtagTheLoserIsAborted) {
  racing_->race_next = true;
  v1::RecordEventRequest req = Concern();
  req.set_etag("1");
  EXPECT_THAT(engine_->RecordEvent(admin_, req).status(),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(racing_->commits, 1);
}

// Two calls with one request_id in flight: both miss the stored response,
// the first commits, and the second gets the first's answer, whatever the
// conflict it met (a moved version with or without an etag, a taken UPN).
TEST_F(RecordEventRaceTest, ADuplicateInFlightGetsTheFirstCallsJourney) {
  for (const char* etag : {"", "1"}) {
    SCOPED_TRACE(absl::StrCat("etag '", etag, "'"));
    SetUp();
    racing_->race_next = true;
    racing_->rival_same_key = true;
    v1::RecordEventRequest req = Concern();
    req.set_etag(etag);
    req.set_request_id("twice");
    auto journey = engine_->RecordEvent(admin_, req);
    ASSERT_TRUE(journey.ok()) << journey.status();
    EXPECT_EQ(journey->etag(), "rival");
    // Recorded once: the journey moved from version 1 to 2 only.
    auto stored = engine_->GetJourney(admin_, [&] {
      v1::GetJourneyRequest get;
      get.set_name(journey_);
      return get;
    }());
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->etag(), "2");
  }
}

TEST_F(RecordEventRaceTest, ADuplicateCreateInFlightGetsTheFirstCallsPupil) {
  racing_->race_next = true;
  v1::CreatePupilRequest req = testing::NewPupilRequest("P207000016049");
  req.set_request_id("twice");
  auto pupil = engine_->CreatePupil(admin_, req);
  ASSERT_TRUE(pupil.ok()) << pupil.status();
  EXPECT_EQ(pupil->name(), "pupils/rival");
  EXPECT_EQ(pupil->etag(), "rival");
  // Without a request_id the same collision is the UPN's, as ever.
  racing_->race_next = true;
  req = testing::NewPupilRequest("X938612324001");
  EXPECT_THAT(engine_->CreatePupil(admin_, req).status(),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

}  // namespace
}  // namespace sendcase::casework
