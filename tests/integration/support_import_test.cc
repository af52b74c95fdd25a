// A plan history that moves between installations: one server exports a
// pupil's history (ListSupportPlans as proto JSON, what `sendcasectl --json
// plans list` prints), a second server on another database imports it for
// the pupil there (ImportSupportPlanHistory), lists it read-only beside the
// pupil's own plans, shows it in the chronology and exports it again. The
// export is untrusted input: hostile content is refused naming the field.
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "tests/integration/support_fixture.h"

namespace sendcase::support_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class SupportImportTest : public SupportTest {
 protected:
  void SetUp() override {
    SupportTest::SetUp();
    // The other installation, where the pupil now is (its own database).
    there_ = testing::StartTestServer(clock_, [this](server::ServerOptions& o) {
      o.db_path = dir_.File("there.db");
    });
    ASSERT_NE(there_.server, nullptr);
    auto token = auth::IssueToken(*there_.server->stores().tokens, clock_,
                                  "new-senco", "SENCO", "setting:300001");
    ASSERT_TRUE(token.ok());
    new_senco_ = *token;
    auto admin = auth::IssueToken(*there_.server->stores().tokens, clock_,
                                  "admin", "ADMIN", "*");
    ASSERT_TRUE(admin.ok());
    v1::CreatePupilRequest moved =
        testing::NewPupilRequest("B801200005001", "300001", "202");
    ASSERT_TRUE(
        there_.stub->CreatePupil(Ctx(*admin).get(), moved, &moved_).ok());
  }

  // The history here, agreed and reviewed once, with one place, as the
  // other installation reads it from the JSON file.
  v1::ListSupportPlansResponse Export() {
    v1::SupportPlan agreed = Agree(NewDraft().name(), ProtoDate(2026, 9, 10));
    v1::ReviewSupportPlanRequest review;
    review.set_name(agreed.name());
    *review.mutable_meeting() = testing::Meeting(ProtoDate(2026, 11, 20));
    auto* rating = review.add_ratings();
    rating->set_outcome_id("reading");
    rating->set_rating(1);
    *review.mutable_next_review_date() = ProtoDate(2027, 2, 19);
    v1::ReviewSupportPlanResponse reviewed;
    EXPECT_TRUE(
        t_.stub->ReviewSupportPlan(Ctx(senco_).get(), review, &reviewed).ok());
    v1::ListSupportPlansRequest list;
    list.set_parent(pupil_.name());
    v1::ListSupportPlansResponse history;
    EXPECT_TRUE(
        t_.stub->ListSupportPlans(Ctx(senco_).get(), list, &history).ok());
    std::string json;
    EXPECT_TRUE(
        google::protobuf::util::MessageToJsonString(history, &json).ok());
    v1::ListSupportPlansResponse read;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &read).ok());
    return read;
  }

  grpc::Status Import(const v1::ListSupportPlansResponse& history,
                      v1::ImportedPlanHistory* out,
                      const std::string& request_id = "",
                      const std::string& token = "") {
    v1::ImportSupportPlanHistoryRequest r;
    r.set_parent(moved_.name());
    r.set_request_id(request_id);
    r.mutable_imported_history()->set_source_setting_urn("100001");
    *r.mutable_imported_history()->mutable_history() = history;
    return there_.stub->ImportSupportPlanHistory(
        Ctx(token.empty() ? new_senco_ : token).get(), r, out);
  }

  v1::ListSupportPlansResponse ListThere() {
    v1::ListSupportPlansRequest list;
    list.set_parent(moved_.name());
    v1::ListSupportPlansResponse out;
    const grpc::Status s =
        there_.stub->ListSupportPlans(Ctx(new_senco_).get(), list, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  testing::TestServer there_;
  std::string new_senco_;
  v1::Pupil moved_;
};

TEST_F(SupportImportTest, TheNewSchoolKeepsTheExportedHistoryReadOnly) {
  const v1::ListSupportPlansResponse exported = Export();
  ASSERT_EQ(exported.support_plans_size(), 2);
  v1::ImportedPlanHistory imported;
  grpc::Status s = Import(exported, &imported, "move-1");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(imported.name(),
              StartsWith(moved_.name() + "/importedHistories/"));
  EXPECT_EQ(imported.imported_by(), "new-senco");
  EXPECT_EQ(FromTimestamp(imported.import_time()), clock_.Now());
  EXPECT_EQ(imported.source_setting_urn(), "100001");

  // The same request again: the same import, not a second one.
  v1::ImportedPlanHistory again;
  ASSERT_TRUE(Import(exported, &again, "move-1").ok());
  EXPECT_EQ(again.name(), imported.name());

  const v1::ListSupportPlansResponse here = ListThere();
  EXPECT_EQ(here.support_plans_size(), 0);  // none of its own yet
  ASSERT_EQ(here.imported_histories_size(), 1);
  const v1::ListSupportPlansResponse& kept =
      here.imported_histories(0).history();
  ASSERT_EQ(kept.support_plans_size(), 2);
  EXPECT_EQ(kept.support_plans(0).outcomes(0).rating(), 1);
  EXPECT_EQ(kept.support_plans(0).state(), v1::SupportPlan::REVIEWED);
  EXPECT_EQ(kept.support_plans(1).state(), v1::SupportPlan::DRAFT);

  // Read-only: no clock or event on the pupil's journey here.
  v1::GetJourneyRequest get;
  get.set_name(moved_.current_journey());
  v1::Journey journey;
  ASSERT_TRUE(
      there_.stub->GetJourney(Ctx(new_senco_).get(), get, &journey).ok());
  EXPECT_EQ(journey.state(), v1::Journey::CONCERN);
  EXPECT_EQ(journey.clocks_size(), 0);

  // The chronology says when it came and what it held.
  v1::GetChronologyRequest chronology;
  chronology.set_pupil(moved_.name());
  v1::Chronology lines;
  ASSERT_TRUE(
      there_.stub->GetChronology(Ctx(new_senco_).get(), chronology, &lines)
          .ok());
  bool found = false;
  for (const auto& e : lines.entries()) {
    if (e.resource() != imported.name()) continue;
    found = true;
    EXPECT_EQ(e.summary(),
              "plan history imported from settings/100001: 2 plan cycle(s), "
              "0 place(s), 0 referral(s)");
  }
  EXPECT_TRUE(found);

  // Exported again from here, it carries the earlier history with it.
  v1::ImportedPlanHistory onward;
  ASSERT_TRUE(Import(here, &onward).ok());
  EXPECT_EQ(ListThere().imported_histories_size(), 2);
}

TEST_F(SupportImportTest, OnlyTheSchoolOfThePupilImportsIt) {
  const v1::ListSupportPlansResponse exported = Export();
  v1::ImportedPlanHistory out;
  auto issue = [&](const char* role, const char* scope) {
    return *auth::IssueToken(*there_.server->stores().tokens, clock_, "x", role,
                             scope);
  };
  grpc::Status s =
      Import(exported, &out, "", issue("CLASS_TEACHER", "setting:300001"));
  EXPECT_EQ(s.error_code(), StatusCode::PERMISSION_DENIED);
  s = Import(exported, &out, "", issue("SENCO", "setting:100001"));
  EXPECT_EQ(s.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ListThere().imported_histories_size(), 0);
}

// Every kind of hostile content, refused naming the field; nothing kept.
TEST_F(SupportImportTest, HostileExportsAreRefusedNamingTheField) {
  const v1::ListSupportPlansResponse good = Export();
  struct Case {
    std::function<void(v1::ListSupportPlansResponse&)> spoil;
    const char* field;
  };
  const Case cases[] = {
      {[](auto& h) {
         h.mutable_support_plans(0)->mutable_outcomes(0)->set_success_criteria(
             "Reads\x1b[2J aloud");
       },
       "imported_history.history.support_plans[0].outcomes[0]."
       "success_criteria"},
      {[](auto& h) {
         // A right-to-left override, which would reverse what follows.
         h.mutable_support_plans(1)->set_parent_views("Fine \u202Eesiwrehto");
       },
       "imported_history.history.support_plans[1].parent_views"},
      {[](auto& h) {
         h.mutable_support_plans(0)->set_strategies(std::string(10001, 'x'));
       },
       "imported_history.history.support_plans[0].strategies"},
      {[](auto& h) {
         h.mutable_support_plans(0)->mutable_review_date()->set_month(13);
       },
       "imported_history.history.support_plans[0].review_date"},
      {[](auto& h) { h.Clear(); }, "imported_history.history: empty"},
      {[](auto& h) {
         h.add_imported_histories()->mutable_import_time()->set_seconds(
             253402300800);  // 10000-01-01
       },
       "imported_history.history.imported_histories[0].import_time: not a "
       "time between the years 1 and 9999"},
      {[](auto& h) {
         // Five imports deep: each export carries the one before it.
         v1::ListSupportPlansResponse inner = h;
         for (int i = 0; i < 5; ++i) {
           v1::ListSupportPlansResponse outer = h;
           *outer.add_imported_histories()->mutable_history() = inner;
           inner = outer;
         }
         h = inner;
       },
       "nested more than 4 imports deep"},
      {[](auto& h) {
         for (int i = 0; i < 60; ++i) {
           h.mutable_support_plans(0)->set_strategies(std::string(9000, 'x'));
           *h.add_support_plans() = h.support_plans(0);
         }
       },
       "imported_history.history: at most 512 KiB"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    v1::ListSupportPlansResponse spoiled = good;
    c.spoil(spoiled);
    v1::ImportedPlanHistory out;
    const grpc::Status s = Import(spoiled, &out);
    EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr(c.field));
  }
  v1::ImportSupportPlanHistoryRequest bad_urn;
  bad_urn.set_parent(moved_.name());
  bad_urn.mutable_imported_history()->set_source_setting_urn("10001");
  *bad_urn.mutable_imported_history()->mutable_history() = good;
  v1::ImportedPlanHistory out;
  const grpc::Status s = there_.stub->ImportSupportPlanHistory(
      Ctx(new_senco_).get(), bad_urn, &out);
  EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(),
              StartsWith("imported_history.source_setting_urn"));
  EXPECT_EQ(ListThere().imported_histories_size(), 0);
}

// The limits' edges: 4 imports deep is kept; a pupil keeps at most 2 MiB
// of imports in all (four of 450 KB, not five).
TEST_F(SupportImportTest, FourDeepIsKeptAndAPupilKeepsAtMost2MiB) {
  v1::ListSupportPlansResponse deep = Export();
  for (int i = 0; i < 3; ++i) {  // the import itself is the 4th
    v1::ListSupportPlansResponse outer;
    outer.add_support_plans()->set_cycle(1);
    *outer.add_imported_histories()->mutable_history() = deep;
    deep = outer;
  }
  v1::ImportedPlanHistory out;
  grpc::Status s = Import(deep, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();

  v1::ListSupportPlansResponse big;
  for (int i = 0; i < 50; ++i) {
    auto* plan = big.add_support_plans();
    plan->set_cycle(i + 1);
    plan->set_strategies(std::string(9000, 'x'));
  }
  for (int i = 0; i < 4; ++i) {
    s = Import(big, &out);
    ASSERT_TRUE(s.ok()) << i << ": " << s.error_message();
  }
  s = Import(big, &out);
  EXPECT_EQ(s.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(),
              HasSubstr(": keeps 5 imported histories already; with this one "
                        "they would pass 2 MiB"));
  EXPECT_EQ(ListThere().imported_histories_size(), 5);
}

}  // namespace
}  // namespace sendcase::support_test
