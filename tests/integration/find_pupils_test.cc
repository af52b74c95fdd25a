// Finding a pupil through the real gRPC server: ListPupils by exact UPN and
// by name words, scoped and paged with tokens bound to the search; and the
// reviews-due and 20-week views carry the pupil's name, so a SENCO or case
// officer can tell who is due.
#include <grpcpp/grpcpp.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/tokens.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class FindPupilsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing::StartTestServer(clock_);
    ASSERT_NE(t_.server, nullptr);
    admin_ = *auth::IssueToken(*t_.server->stores().tokens, clock_, "a",
                               "ADMIN", "*");
    senco_ = *auth::IssueToken(*t_.server->stores().tokens, clock_, "s",
                               "SENCO", "setting:100001");
    Create("B801200005001", "Ottoline", "Featherstonehaugh", "100001");
    Create("P207000016049", "Otto", "Smith", "100001");
    Create("X938612324001", "Ada", "Featherstone", "100001");
    Create("Q801200005002", "Ottoline", "Featherstonehaugh", "100002");
  }

  void Create(const std::string& upn, const std::string& given,
              const std::string& family, const std::string& urn) {
    auto req = testing::NewPupilRequest(upn, urn);
    req.mutable_pupil()->set_given_name(given);
    req.mutable_pupil()->set_family_name(family);
    v1::Pupil p;
    ASSERT_TRUE(
        t_.stub->CreatePupil(testing::BearerContext(admin_).get(), req, &p)
            .ok());
    journeys_[upn] = p.current_journey();
  }

  // "UPN given family" of each pupil listed for `req`, all pages.
  std::vector<std::string> Find(const std::string& token,
                                v1::ListPupilsRequest req) {
    std::vector<std::string> out;
    do {
      v1::ListPupilsResponse page;
      const grpc::Status s =
          t_.stub->ListPupils(testing::BearerContext(token).get(), req, &page);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      for (const auto& p : page.pupils()) {
        out.push_back(p.upn() + " " + p.given_name() + " " + p.family_name());
      }
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    return out;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  testing::TestServer t_;
  std::string admin_, senco_;
  std::map<std::string, std::string> journeys_;
};

TEST_F(FindPupilsTest, ExactUpnWithinTheCallersScope) {
  v1::ListPupilsRequest req;
  req.set_upn("p207000016049");  // case is not significant
  EXPECT_THAT(Find(senco_, req), ElementsAre("P207000016049 Otto Smith"));
  req.set_upn("Q801200005002");  // another school's pupil: not listed
  EXPECT_THAT(Find(senco_, req), IsEmpty());
  EXPECT_THAT(Find(admin_, req),
              ElementsAre("Q801200005002 Ottoline Featherstonehaugh"));
}

TEST_F(FindPupilsTest, NameWordsMustAllMatchGivenOrFamilyName) {
  v1::ListPupilsRequest req;
  req.set_name_query("feath ott");
  EXPECT_THAT(Find(senco_, req),
              ElementsAre("B801200005001 Ottoline Featherstonehaugh"));
  req.set_name_query("FEATHER");
  EXPECT_THAT(Find(senco_, req),
              ElementsAre("B801200005001 Ottoline Featherstonehaugh",
                          "X938612324001 Ada Featherstone"));
  req.set_name_query("otto");
  EXPECT_THAT(Find(admin_, req),
              ElementsAre("B801200005001 Ottoline Featherstonehaugh",
                          "P207000016049 Otto Smith",
                          "Q801200005002 Ottoline Featherstonehaugh"));
  req.set_name_query("__");  // matched as text, not as a LIKE pattern
  EXPECT_THAT(Find(admin_, req), IsEmpty());
}

TEST_F(FindPupilsTest, PagesOfASearchAndTokensBoundToIt) {
  v1::ListPupilsRequest req;
  req.set_name_query("otto");
  req.set_page_size(1);
  EXPECT_EQ(Find(admin_, req).size(), 3u);  // one page at a time

  v1::ListPupilsResponse first;
  ASSERT_TRUE(
      t_.stub->ListPupils(testing::BearerContext(admin_).get(), req, &first)
          .ok());
  ASSERT_FALSE(first.next_page_token().empty());
  req.set_name_query("feather");
  req.set_page_token(first.next_page_token());
  v1::ListPupilsResponse other;
  const grpc::Status s =
      t_.stub->ListPupils(testing::BearerContext(admin_).get(), req, &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ErrorInfoOf(s).metadata().at("field"), "page_token");
}

TEST_F(FindPupilsTest, BadFiltersNameTheFieldAndNeverEchoTheValue) {
  const struct {
    const char* upn;
    const char* query;
    const char* field;
  } cases[] = {
      {"B801200005002", "", "upn"},  // check letter wrong
      {"", "a", "name_query"},       // a one-letter word
      {"", "aa bb cc dd ee ff", "name_query"},
      {"", "line\nbreak", "name_query"},
  };
  for (const auto& c : cases) {
    v1::ListPupilsRequest req;
    req.set_upn(c.upn);
    req.set_name_query(c.query);
    v1::ListPupilsResponse out;
    const grpc::Status s =
        t_.stub->ListPupils(testing::BearerContext(admin_).get(), req, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_EQ(testing::ErrorInfoOf(s).metadata().at("field"), c.field);
    if (*c.upn != '\0') {
      EXPECT_THAT(s.error_message(),
                  ::testing::Not(::testing::HasSubstr(c.upn)));
    }
  }
}

TEST_F(FindPupilsTest, ReviewsDueAndAssessmentsNameThePupil) {
  auto record = [&](const std::string& upn, auto set_kind, Day day) {
    v1::RecordEventRequest r;
    r.set_journey(journeys_[upn]);
    r.mutable_event()->mutable_event_date()->set_year(
        static_cast<int>(date::year_month_day(day).year()));
    r.mutable_event()->mutable_event_date()->set_month(
        static_cast<unsigned>(date::year_month_day(day).month()));
    r.mutable_event()->mutable_event_date()->set_day(
        static_cast<unsigned>(date::year_month_day(day).day()));
    set_kind(*r.mutable_event());
    v1::Journey j;
    const grpc::Status s =
        t_.stub->RecordEvent(testing::BearerContext(admin_).get(), r, &j);
    ASSERT_TRUE(s.ok()) << s.error_message();
  };
  record(
      "P207000016049",
      [](v1::JourneyEvent& e) {
        auto* k = e.mutable_sen_support_started();
        k->mutable_review_date()->set_year(2026);
        k->mutable_review_date()->set_month(11);
        k->mutable_review_date()->set_day(20);
      },
      D(2026, 9, 1));
  record(
      "X938612324001",
      [](v1::JourneyEvent& e) { e.mutable_assessment_requested(); },
      D(2026, 11, 2));

  v1::ListReviewsDueRequest reviews;
  reviews.set_within_days(30);
  v1::ListReviewsDueResponse due;
  ASSERT_TRUE(
      t_.stub
          ->ListReviewsDue(testing::BearerContext(senco_).get(), reviews, &due)
          .ok());
  ASSERT_EQ(due.reviews_size(), 1);
  EXPECT_EQ(due.reviews(0).upn(), "P207000016049");
  EXPECT_EQ(due.reviews(0).given_name(), "Otto");
  EXPECT_EQ(due.reviews(0).family_name(), "Smith");

  v1::ListAssessmentsResponse open;
  ASSERT_TRUE(t_.stub
                  ->ListAssessments(testing::BearerContext(admin_).get(),
                                    v1::ListAssessmentsRequest(), &open)
                  .ok());
  ASSERT_EQ(open.assessments_size(), 1);
  EXPECT_EQ(open.assessments(0).upn(), "X938612324001");
  EXPECT_EQ(open.assessments(0).given_name(), "Ada");
  EXPECT_EQ(open.assessments(0).family_name(), "Featherstone");
}

}  // namespace
}  // namespace sendcase
