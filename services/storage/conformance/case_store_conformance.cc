// The conformance suite, part 1: pupils, journeys and their chronology,
// idempotency keys, tokens, tasks and the call's audit row, through the
// ports (store_conformance.h).
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "services/storage/call_audit.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {

using ::sendcase::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

NewPupil MakePupil(const std::string& id, const std::string& upn,
                   const std::string& urn, const std::string& la) {
  NewPupil in;
  in.pupil.set_name("pupils/" + id);
  in.pupil.set_upn(upn);
  in.pupil.set_given_name("Given");
  in.pupil.set_family_name("Family");
  *in.pupil.mutable_birth_date() = ToProtoDate(Day(date::year{2015} / 3 / 1));
  in.pupil.set_setting_urn(urn);
  in.pupil.set_local_authority_code(la);
  in.journey.set_name("pupils/" + id + "/journeys/j" + id);
  in.journey.set_state(v1::Journey::CONCERN);
  in.create_time = kNow;
  return in;
}

TransitionEffects MakeCommit(const std::string& id, int64_t version,
                             v1::Journey::State to) {
  TransitionEffects c;
  c.journey = JourneyName{id, "j" + id};
  c.expected_version = version;
  c.new_state = to;
  c.latest_event_date = Day(date::year{2026} / 11 / 2);
  *c.event.mutable_event_date() = ToProtoDate(*c.latest_event_date);
  c.event.mutable_assessment_requested();
  c.record_time = kNow;
  return c;
}

namespace {

TEST_P(StoreConformance, CreateThenGetPupilAndJourney) {
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  auto pupil = db_.cases->GetPupil(PupilName{"p1"});
  ASSERT_OK(pupil);
  EXPECT_EQ(pupil->pupil.upn(), "B801200005001");
  EXPECT_EQ(pupil->pupil.current_journey(), "pupils/p1/journeys/jp1");
  EXPECT_EQ(pupil->pupil.birth_date().year(), 2015);
  EXPECT_EQ(pupil->version, kFirstVersion);
  EXPECT_EQ(pupil->journey_state, v1::Journey::CONCERN);
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "jp1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->journey.state(), v1::Journey::CONCERN);
  EXPECT_EQ(journey->version, kFirstVersion);
  EXPECT_EQ(journey->setting_urn, "100001");
}

TEST_P(StoreConformance, DuplicateUpnIsAlreadyExistsAndWritesNothing) {
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  EXPECT_THAT(db_.cases->CreatePupil(MakePupil("p2", "B801200005001"), {}, ""),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       AllOf(HasSubstr("upn"), Not(HasSubstr("B8012")))));
  EXPECT_THAT(db_.cases->GetPupil(PupilName{"p2"}),
              StatusIs(absl::StatusCode::kNotFound));
}

// A child with no UPN yet carries the census reason instead; any number of
// them may exist (no UPN clashes with no UPN), and a UPN given later
// replaces the reason.
TEST_P(StoreConformance, PupilsWithoutAUpnKeepTheirReason) {
  for (const char* id : {"n1", "n2"}) {
    NewPupil nursery = MakePupil(id, "");
    nursery.pupil.set_upn_unknown(v1::UN1);
    ASSERT_OK(db_.cases->CreatePupil(nursery, {}, ""));
  }
  auto n1 = db_.cases->GetPupil(PupilName{"n1"});
  ASSERT_OK(n1);
  EXPECT_EQ(n1->pupil.upn(), "");
  EXPECT_EQ(n1->pupil.upn_unknown(), v1::UN1);
  v1::Pupil with_upn = n1->pupil;
  with_upn.set_upn("B801200005001");
  with_upn.clear_upn_unknown();
  ASSERT_OK(db_.cases->UpdatePupil(PupilName{"n1"}, with_upn, n1->version, {},
                                   "", kNow));
  auto after = db_.cases->GetPupil(PupilName{"n1"});
  ASSERT_OK(after);
  EXPECT_EQ(after->pupil.upn(), "B801200005001");
  EXPECT_EQ(after->pupil.upn_unknown(), v1::UPN_UNKNOWN_REASON_UNSPECIFIED);
  PupilFilter by_upn;
  by_upn.upn = "B801200005001";
  auto found =
      db_.cases->ListPupils(Visibility::All(), by_upn, PageRequest{0, 10});
  ASSERT_OK(found);
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].pupil.name(), "pupils/n1");
}

// The SEN2 person items are kept on create, changed by an update, and read
// back by every read (get and list).
TEST_P(StoreConformance, ThePupilsSen2ItemsRoundTrip) {
  NewPupil in = MakePupil("s1", "B801200005001");
  in.pupil.set_sex(v1::FEMALE);
  in.pupil.set_ethnicity("WBRI");
  in.pupil.set_postcode("SW1A 1AA");
  ASSERT_OK(db_.cases->CreatePupil(in, {}, ""));
  auto got = db_.cases->GetPupil(PupilName{"s1"});
  ASSERT_OK(got);
  EXPECT_EQ(got->pupil.sex(), v1::FEMALE);
  EXPECT_EQ(got->pupil.ethnicity(), "WBRI");
  EXPECT_EQ(got->pupil.postcode(), "SW1A 1AA");
  EXPECT_EQ(got->pupil.unique_learner_number(), "");
  v1::Pupil changed = got->pupil;
  changed.set_sex(v1::MALE);
  changed.set_ethnicity("REFU");
  changed.clear_postcode();
  changed.set_unique_learner_number("1234567890");
  ASSERT_OK(db_.cases->UpdatePupil(PupilName{"s1"}, changed, got->version, {},
                                   "", kNow));
  auto listed =
      db_.cases->ListPupils(Visibility::All(), {}, PageRequest{0, 10});
  ASSERT_OK(listed);
  ASSERT_EQ(listed->items.size(), 1u);
  const v1::Pupil& after = listed->items[0].pupil;
  EXPECT_EQ(after.sex(), v1::MALE);
  EXPECT_EQ(after.ethnicity(), "REFU");
  EXPECT_EQ(after.postcode(), "");
  EXPECT_EQ(after.unique_learner_number(), "1234567890");
}

v1::AuditRecord CallRow(const std::string& method,
                        const std::string& resource) {
  v1::AuditRecord row;
  *row.mutable_time() = ToTimestamp(kNow);
  row.set_subject("senco");
  row.set_method(method);
  row.set_resource(resource);
  row.set_outcome("OK");
  return row;
}

// A write commits its call's audit row in its own transaction: the row is
// there exactly when the write is, a create's row names what it made, and a
// second write of the same call adds no second row.
TEST_P(StoreConformance, AWriteCommitsItsCallsAuditRowWithIt) {
  {
    CallAudit call(CallRow("CreatePupil", ""));
    ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
    EXPECT_TRUE(call.written());
    EXPECT_EQ(CallAudit::Unwritten(), nullptr);
    ASSERT_OK(db_.cases->CommitTransition(
        MakeCommit("p1", 1, v1::Journey::ASSESSMENT_REQUESTED), {}, ""));
  }
  {
    CallAudit call(CallRow("CreatePupil", ""));
    EXPECT_THAT(
        db_.cases->CreatePupil(MakePupil("p2", "B801200005001"), {}, ""),
        StatusIs(absl::StatusCode::kAlreadyExists));
    EXPECT_FALSE(call.written());
    EXPECT_EQ(CallAudit::Unwritten(), &call);
  }
  {
    CallAudit call(CallRow("RecordEvent", "pupils/p1/journeys/jp1"));
    EXPECT_THAT(
        db_.cases->CommitTransition(
            MakeCommit("p1", 1, v1::Journey::ASSESSMENT_REQUESTED), {}, ""),
        StatusIs(absl::StatusCode::kAborted));
    EXPECT_FALSE(call.written());
  }
  auto rows = db_.audit->ListAudit({}, {0, 10});
  ASSERT_OK(rows);
  ASSERT_EQ(rows->items.size(), 1);
  EXPECT_EQ(rows->items[0].method(), "CreatePupil");
  EXPECT_EQ(rows->items[0].resource(), "pupils/p1");
  EXPECT_EQ(rows->items[0].subject(), "senco");
  EXPECT_EQ(rows->items[0].outcome(), "OK");
}

TEST_P(StoreConformance, UnknownJourneyIsNotFound) {
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  EXPECT_THAT(db_.cases->GetJourney(JourneyName{"p1", "nope"}),
              StatusIs(absl::StatusCode::kNotFound));
  // A real journey id under the wrong pupil is not found either.
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p2", "P207000016049"), {}, ""));
  EXPECT_THAT(db_.cases->GetJourney(JourneyName{"p2", "jp1"}),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(StoreConformance, ListPupilsPagesAndRespectsVisibility) {
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001", "100001"),
                                   {}, ""));
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p2", "P207000016049", "100002"),
                                   {}, ""));
  ASSERT_OK(db_.cases->CreatePupil(
      MakePupil("p3", "X938612324001", "100001", "202"), {}, ""));

  auto first = db_.cases->ListPupils(Visibility::All(), {}, {0, 2});
  ASSERT_OK(first);
  ASSERT_EQ(first->items.size(), 2u);
  ASSERT_TRUE(first->next_after.has_value());
  auto second =
      db_.cases->ListPupils(Visibility::All(), {}, {*first->next_after, 2});
  ASSERT_OK(second);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].pupil.name(), "pupils/p3");
  EXPECT_FALSE(second->next_after.has_value());

  Visibility setting;
  setting.setting_urns = {"100001"};
  auto mine = db_.cases->ListPupils(setting, {}, {0, 50});
  ASSERT_OK(mine);
  std::vector<std::string> names;
  for (const auto& p : mine->items) names.push_back(p.pupil.name());
  EXPECT_THAT(names, ElementsAre("pupils/p1", "pupils/p3"));

  Visibility la;
  la.local_authority_codes = {"202"};
  auto area = db_.cases->ListPupils(la, {}, {0, 50});
  ASSERT_OK(area);
  ASSERT_EQ(area->items.size(), 1u);
  EXPECT_EQ(area->items[0].pupil.name(), "pupils/p3");

  auto none = db_.cases->ListPupils(Visibility{}, {}, {0, 50});
  ASSERT_OK(none);
  EXPECT_TRUE(none->items.empty());
}

TEST_P(StoreConformance, CommitTransitionAppendsEventAndBumpsVersion) {
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  auto seq = db_.cases->CommitTransition(
      MakeCommit("p1", 1, v1::Journey::ASSESSMENT_REQUESTED), {}, "");
  ASSERT_OK(seq);
  EXPECT_EQ(*seq, 1);
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "jp1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->journey.state(), v1::Journey::ASSESSMENT_REQUESTED);
  EXPECT_EQ(journey->version, 2);
  EXPECT_EQ(journey->latest_event_date, Day(date::year{2026} / 11 / 2));
  auto events = db_.cases->ListEvents(JourneyName{"p1", "jp1"}, {0, 50});
  ASSERT_OK(events);
  ASSERT_EQ(events->items.size(), 1u);
  EXPECT_EQ(events->items[0].sequence(), 1);
  EXPECT_TRUE(events->items[0].has_assessment_requested());
}

TEST_P(StoreConformance, StaleVersionIsAbortedAndChangesNothing) {
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  ASSERT_OK(db_.cases->CommitTransition(
      MakeCommit("p1", 1, v1::Journey::ASSESSMENT_REQUESTED), {}, ""));
  EXPECT_THAT(db_.cases->CommitTransition(
                  MakeCommit("p1", 1, v1::Journey::CLOSED), {}, ""),
              StatusIs(absl::StatusCode::kAborted));
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "jp1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->journey.state(), v1::Journey::ASSESSMENT_REQUESTED);
  auto events = db_.cases->ListEvents(JourneyName{"p1", "jp1"}, {0, 50});
  ASSERT_OK(events);
  EXPECT_EQ(events->items.size(), 1u);
}

TEST_P(StoreConformance, CommitOnMissingJourneyIsNotFound) {
  EXPECT_THAT(db_.cases->CommitTransition(
                  MakeCommit("zz", 1, v1::Journey::CLOSED), {}, ""),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(StoreConformance, FailedIdempotencyInsertRollsBackTheWholeCommit) {
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  const IdempotencyKey key{"alice", "r1", "RecordEvent", "f"};
  ASSERT_OK(db_.cases->CommitTransition(
      MakeCommit("p1", 1, v1::Journey::ASSESSMENT_REQUESTED), key, "resp"));
  // The same key again fails on the key insert, after the journey update:
  // the update and the event must be rolled back with it.
  EXPECT_THAT(db_.cases->CommitTransition(
                  MakeCommit("p1", 2, v1::Journey::ASSESSMENT), key, "x"),
              StatusIs(absl::StatusCode::kAborted));
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "jp1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 2);
  EXPECT_EQ(journey->journey.state(), v1::Journey::ASSESSMENT_REQUESTED);
}

// A commit with no event (a support plan agreed on the date a review set,
// a rule upgrade) keeps its response under its key all the same, so that a
// repeat of the request replays it.
TEST_P(StoreConformance, ACommitWithoutAnEventStoresItsResponse) {
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  const IdempotencyKey key{"alice SENCO setting:1", "agree-2",
                           "AgreeSupportPlan", "fp"};
  TransitionEffects commit = MakeCommit("p1", 1, v1::Journey::CONCERN);
  commit.append_event = false;
  EXPECT_THAT(db_.cases->CommitTransition(commit, key, "agreed"),
              ::sendcase::testing::IsOkAndHolds(0));
  auto found = db_.cases->FindResponse(key.principal, "agree-2");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->response, "agreed");
  EXPECT_EQ((*found)->method, "AgreeSupportPlan");
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "jp1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 2);
}

TEST_P(StoreConformance, ResponsesAndRecordsSurviveReopen) {
  if (!GetParam().durable) GTEST_SKIP() << "not kept after closing";
  const IdempotencyKey key{"alice SENCO setting:1", "req-1", "RecordEvent",
                           "fp"};
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  ASSERT_OK(db_.cases->CommitTransition(
      MakeCommit("p1", 1, v1::Journey::ASSESSMENT_REQUESTED), key, "first"));
  Reopen();
  auto found = db_.cases->FindResponse("alice SENCO setting:1", "req-1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->response, "first");
  EXPECT_EQ((*found)->fingerprint, "fp");
  // Keys are per caller.
  auto other = db_.cases->FindResponse("alice SENCO setting:2", "req-1");
  ASSERT_OK(other);
  EXPECT_FALSE(other->has_value());
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "jp1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 2);
}

TEST_P(StoreConformance, CompleteUnknownTaskIsNotFound) {
  EXPECT_THAT(db_.tasks->CompleteTask(TaskName{"p", "j", "t"}, kNow),
              StatusIs(absl::StatusCode::kNotFound));
}

// A name search is one clause among the others: a pupil outside the
// caller's scope never matches on either name, and pages still end.
TEST_P(StoreConformance, ANameSearchKeepsToTheCallersScopeAndPages) {
  NewPupil outside = MakePupil("p1", "B801200005001", "200001", "202");
  outside.pupil.set_family_name("Smithson");
  ASSERT_OK(db_.cases->CreatePupil(outside, {}, ""));
  for (const char* id : {"p2", "p3", "p4"}) {
    NewPupil in = MakePupil(id, "", "100001", "201");
    in.pupil.set_upn_unknown(v1::UN1);
    in.pupil.set_family_name(absl::StrCat("Smith-", id));
    ASSERT_OK(db_.cases->CreatePupil(in, {}, ""));
  }
  Visibility school;
  school.setting_urns = {"100001"};
  PupilFilter smith;
  smith.name_words = {"smith"};
  std::vector<std::string> names;
  PageRequest page{0, 2};
  for (int pages = 1; pages <= 3; ++pages) {
    auto found = db_.cases->ListPupils(school, smith, page);
    ASSERT_OK(found);
    for (const auto& p : found->items) names.push_back(p.pupil.name());
    if (!found->next_after.has_value()) break;
    page.after = *found->next_after;
    ASSERT_LT(pages, 3) << "the pages do not end";
  }
  EXPECT_THAT(names, ElementsAre("pupils/p2", "pupils/p3", "pupils/p4"));
}

// Readers on their own connections while one writer commits: every read
// succeeds and no reader ever sees the journey's version go backwards.
TEST_P(StoreConformance, ConcurrentReadersSeeCommittedVersionsInOrder) {
  ASSERT_OK(db_.cases->CreatePupil(MakePupil("p1", "B801200005001"), {}, ""));
  constexpr int kWrites = 40;
  std::atomic<bool> done{false};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      int64_t last = 0;
      while (!done.load()) {
        auto journey = db_.cases->GetJourney(JourneyName{"p1", "jp1"});
        ASSERT_OK(journey);
        const int64_t version = journey->version;
        EXPECT_GE(version, last);
        last = version;
      }
    });
  }
  for (int v = 1; v <= kWrites; ++v) {
    ASSERT_OK(db_.cases->CommitTransition(
        MakeCommit("p1", v, v1::Journey::ASSESSMENT_REQUESTED), {}, ""));
    auto journey = db_.cases->GetJourney(JourneyName{"p1", "jp1"});
    ASSERT_OK(journey);
    EXPECT_EQ(journey->version, v + 1);  // read-your-write
  }
  done = true;
  for (auto& t : readers) t.join();
}

}  // namespace
}  // namespace sendcase::storage::conformance
