// UpdatePupil (field masks, etags, scope on both sides of a move, needs) and
// AssignCaseOfficer.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/casework/case_engine.h"
#include "services/common/proto_time.h"
#include "tests/testing/casework_env.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class PupilUpdatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = testing::CaseworkEnv::Open(":memory:", clock_, ids_);
    ASSERT_OK(env);
    env_ = *std::move(env);
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn("B801200005001");
    p->set_given_name("Ada");
    p->set_family_name("Lovelace");
    *p->mutable_birth_date() = ToProtoDate(D(2015, 12, 10));
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    auto pupil = env_.engine->CreatePupil(senco_, req);
    ASSERT_OK(pupil);
    pupil_ = *pupil;
  }

  v1::UpdatePupilRequest Update(std::vector<std::string> paths) {
    v1::UpdatePupilRequest req;
    req.mutable_pupil()->set_name(pupil_.name());
    for (auto& path : paths) req.mutable_update_mask()->add_paths(path);
    return req;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2025, 6, 1))};
  IdGenerator ids_{31};
  testing::CaseworkEnv env_;
  auth::Principal senco_ = testing::Caller("SENCO", "setting:100001");
  v1::Pupil pupil_;
};

TEST_F(PupilUpdatesTest, NewPupilStartsAtNWithVersionOne) {
  EXPECT_EQ(pupil_.sen_provision(), v1::SEN_PROVISION_N);
  EXPECT_EQ(pupil_.etag(), "1");
  auto read = env_.engine->GetPupil(senco_, [&] {
    v1::GetPupilRequest r;
    r.set_name(pupil_.name());
    return r;
  }());
  ASSERT_OK(read);
  EXPECT_EQ(read->sen_provision(), v1::SEN_PROVISION_N);
}

TEST_F(PupilUpdatesTest, ChangesOnlyTheMaskedFields) {
  auto req = Update({"needs", "family_name"});
  req.mutable_pupil()->add_needs(v1::SPLD);
  req.mutable_pupil()->add_needs(v1::SLCN);
  req.mutable_pupil()->set_family_name("King");
  req.mutable_pupil()->set_given_name("ignored: not in the mask");
  req.mutable_pupil()->set_etag("1");
  auto updated = env_.engine->UpdatePupil(senco_, req);
  ASSERT_OK(updated);
  EXPECT_THAT(updated->needs(), ElementsAre(v1::SPLD, v1::SLCN));
  EXPECT_EQ(updated->family_name(), "King");
  EXPECT_EQ(updated->given_name(), "Ada");
  EXPECT_EQ(updated->upn(), "B801200005001");
  EXPECT_EQ(updated->etag(), "2");
  v1::GetPupilRequest get;
  get.set_name(pupil_.name());
  auto read = env_.engine->GetPupil(senco_, get);
  ASSERT_OK(read);
  EXPECT_EQ(read->SerializeAsString(), updated->SerializeAsString());

  // The same etag again is stale: nothing changes.
  req.mutable_pupil()->set_family_name("Byron");
  EXPECT_THAT(env_.engine->UpdatePupil(senco_, req),
              StatusIs(absl::StatusCode::kAborted));
  read = env_.engine->GetPupil(senco_, get);
  ASSERT_OK(read);
  EXPECT_EQ(read->family_name(), "King");
}

TEST_F(PupilUpdatesTest, RefusesBadMasksAndValuesNamingTheField) {
  auto upn = Update({"upn"});
  upn.mutable_pupil()->set_upn("B801200005002");  // wrong check letter
  auto status = env_.engine->UpdatePupil(senco_, upn).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(status.message(), HasSubstr("pupil.upn"));
  EXPECT_THAT(status.message(), Not(HasSubstr("B801200005002")));
  EXPECT_THAT(env_.engine->UpdatePupil(senco_, Update({"adno"})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("update_mask.paths[0]: not a field")));
  EXPECT_THAT(env_.engine->UpdatePupil(senco_, Update({"given_name", "x"})),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(env_.engine->UpdatePupil(senco_, Update({})),
              StatusIs(absl::StatusCode::kInvalidArgument));

  auto three = Update({"needs"});
  for (auto n : {v1::ASD, v1::HI, v1::VI}) three.mutable_pupil()->add_needs(n);
  status = env_.engine->UpdatePupil(senco_, three).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(status.message(), HasSubstr("pupil.needs"));
  auto twice = Update({"needs"});
  twice.mutable_pupil()->add_needs(v1::ASD);
  twice.mutable_pupil()->add_needs(v1::ASD);
  status = env_.engine->UpdatePupil(senco_, twice).status();
  EXPECT_THAT(status.message(), HasSubstr("pupil.needs[1]"));
  auto unknown = Update({"needs"});
  unknown.mutable_pupil()->add_needs(static_cast<v1::NeedType>(99));
  EXPECT_THAT(env_.engine->UpdatePupil(senco_, unknown),
              StatusIs(absl::StatusCode::kInvalidArgument));

  auto future = Update({"birth_date"});
  *future.mutable_pupil()->mutable_birth_date() = ToProtoDate(D(2025, 6, 2));
  status = env_.engine->UpdatePupil(senco_, future).status();
  EXPECT_THAT(status.message(), HasSubstr("pupil.birth_date"));
  // No message carries the personal data it refused.
  EXPECT_THAT(status.message(), Not(HasSubstr("2025-06-02")));
}

// A temporary UPN replaced by the permanent one (a roll's "Former UPN"):
// the same pupil, its journey and etag history, under the new UPN, which no
// other pupil may hold.
TEST_F(PupilUpdatesTest, TheUpnCanBeReplacedAndStaysUnique) {
  v1::CreatePupilRequest other;
  *other.mutable_pupil() = pupil_;
  other.mutable_pupil()->clear_name();
  other.mutable_pupil()->set_upn("P207000016049");
  ASSERT_OK(env_.engine->CreatePupil(senco_, other));

  auto taken = Update({"upn"});
  taken.mutable_pupil()->set_upn("P207000016049");
  EXPECT_THAT(env_.engine->UpdatePupil(senco_, taken),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       Not(HasSubstr("P207000016049"))));

  auto replaced = Update({"upn"});
  replaced.mutable_pupil()->set_upn("X938612324001");
  auto updated = env_.engine->UpdatePupil(senco_, replaced);
  ASSERT_OK(updated);
  EXPECT_EQ(updated->upn(), "X938612324001");
  EXPECT_EQ(updated->name(), pupil_.name());
  EXPECT_EQ(updated->current_journey(), pupil_.current_journey());
  EXPECT_EQ(updated->etag(), "2");
  v1::GetPupilRequest get;
  get.set_name(pupil_.name());
  auto read = env_.engine->GetPupil(senco_, get);
  ASSERT_OK(read);
  EXPECT_EQ(read->upn(), "X938612324001");
}

TEST_F(PupilUpdatesTest, AMoveMustStayInTheCallersScope) {
  auto move = Update({"setting_urn"});
  move.mutable_pupil()->set_setting_urn("100002");
  EXPECT_THAT(env_.engine->UpdatePupil(senco_, move),
              StatusIs(absl::StatusCode::kPermissionDenied));
  auto officer = testing::Caller("LA_CASE_OFFICER", "la:201");
  auto moved = env_.engine->UpdatePupil(officer, move);
  ASSERT_OK(moved);
  EXPECT_EQ(moved->setting_urn(), "100002");
  // The old school's SENCO can no longer read or change the pupil.
  EXPECT_THAT(env_.engine->UpdatePupil(senco_, Update({"given_name"})),
              StatusIs(absl::StatusCode::kPermissionDenied));
  auto away = Update({"local_authority_code"});
  away.mutable_pupil()->set_local_authority_code("202");
  EXPECT_THAT(env_.engine->UpdatePupil(officer, away),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(env_.engine->UpdatePupil(
                  testing::Caller("CLASS_TEACHER", "setting:100002"), move),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(PupilUpdatesTest, RequestIdReplaysTheFirstResponse) {
  auto req = Update({"given_name"});
  req.mutable_pupil()->set_given_name("Augusta");
  req.set_request_id("rename-1");
  auto first = env_.engine->UpdatePupil(senco_, req);
  ASSERT_OK(first);
  auto again = env_.engine->UpdatePupil(senco_, req);
  ASSERT_OK(again);
  EXPECT_EQ(again->etag(), "2");  // not bumped twice
  req.mutable_pupil()->set_given_name("Other");
  EXPECT_THAT(env_.engine->UpdatePupil(senco_, req),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(PupilUpdatesTest, AssignCaseOfficer) {
  auto officer = testing::Caller("LA_CASE_OFFICER", "la:201");
  v1::AssignCaseOfficerRequest req;
  req.set_journey(pupil_.current_journey());
  req.set_case_officer("ann.smith@la201");
  req.set_etag("1");
  auto journey = env_.engine->AssignCaseOfficer(officer, req);
  ASSERT_OK(journey);
  EXPECT_EQ(journey->case_officer(), "ann.smith@la201");
  EXPECT_EQ(journey->etag(), "2");
  EXPECT_THAT(env_.engine->AssignCaseOfficer(officer, req),
              StatusIs(absl::StatusCode::kAborted));
  req.clear_etag();
  req.set_case_officer("not valid!");
  EXPECT_THAT(env_.engine->AssignCaseOfficer(officer, req),
              StatusIs(absl::StatusCode::kInvalidArgument));
  req.set_case_officer("");
  auto cleared = env_.engine->AssignCaseOfficer(officer, req);
  ASSERT_OK(cleared);
  EXPECT_EQ(cleared->case_officer(), "");
  EXPECT_THAT(env_.engine->AssignCaseOfficer(senco_, req),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(env_.engine->AssignCaseOfficer(
                  testing::Caller("LA_CASE_OFFICER", "la:202"), req),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

}  // namespace
}  // namespace sendcase::casework
