#include "clients/cli/format.h"

#include <set>

#include "clients/cli/demo_seed.h"
#include "clients/cli/format_html.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sendcase::client {
namespace {

TEST(FormatTest, ChronologyCsvQuotesPerRfc4180) {
  v1::Chronology c;
  c.set_pupil("pupils/p");
  auto* e = c.add_entries();
  e->mutable_date()->set_year(2024);
  e->mutable_date()->set_month(1);
  e->mutable_date()->set_day(8);
  e->set_journey("pupils/p/journeys/j");
  e->set_kind(v1::ChronologyEntry::EVENT);
  e->set_summary("agency_involved (agency: \"Speech, language\" team)");
  e->set_recorded_by("officer");
  EXPECT_EQ(ChronologyCsv(c),
            "date,journey,kind,summary,detail,recorded_by\r\n"
            "2024-01-08,pupils/p/journeys/j,EVENT,\"agency_involved (agency: "
            "\"\"Speech, language\"\" team)\",,officer\r\n");
}

TEST(FormatTest, HtmlEscapesEveryMarkupCharacter) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">O'Neil & Sons</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; Sons&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("Zoë"), "Zoë");
}

// The history page: every cycle with its outcomes and ratings, places,
// referrals and an imported earlier history, one nesting level down; text
// from the record (an imported one is another installation's) never
// becomes markup.
TEST(FormatTest, PlanHistoryHtmlShowsEveryPartAndEscapesTheRecord) {
  v1::ListSupportPlansResponse h;
  auto* plan = h.add_support_plans();
  plan->set_cycle(1);
  plan->set_state(v1::SupportPlan::REVIEWED);
  plan->set_parent_views("<script>alert(1)</script>");
  auto* o = plan->add_outcomes();
  o->set_id("reading");
  o->set_area_of_need(v1::COGNITION_AND_LEARNING);
  o->set_success_criteria("Reads a \"Year 3\" book");
  o->set_rating(-1);
  auto* place = h.add_places();
  place->set_intervention("settings/100001/interventions/i1");
  place->set_planned_sessions(30);
  place->set_attended_sessions(28);
  auto* earlier = h.add_imported_histories();
  earlier->set_source_setting_urn("300001");
  earlier->mutable_history()->add_support_plans()->set_cycle(7);
  const std::string page = SupportHistoryHtml(h, "pupils/p<1>");
  EXPECT_THAT(page, ::testing::StartsWith("<!DOCTYPE html>"));
  EXPECT_THAT(
      page, ::testing::HasSubstr("<h1>Plan history of pupils/p&lt;1&gt;</h1>"));
  EXPECT_THAT(
      page, ::testing::HasSubstr("<h2>Support plan, cycle 1 (reviewed)</h2>"));
  EXPECT_THAT(page, ::testing::HasSubstr(
                        "<td>reading</td><td>cognition and learning</td><td>-"
                        "</td><td>Reads a &quot;Year 3&quot; book</td><td>-1"
                        "</td>"));
  EXPECT_THAT(page,
              ::testing::HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(page, ::testing::Not(::testing::HasSubstr("<script")));
  EXPECT_THAT(page, ::testing::HasSubstr("<td>28 of 30</td>"));
  EXPECT_THAT(page, ::testing::HasSubstr(
                        "<h2>From an earlier setting (URN 300001)</h2>"));
  EXPECT_THAT(page, ::testing::HasSubstr(
                        "<h3>Support plan, cycle 7 (state unspecified)</h3>"));
}

TEST(FormatTest, TablesAlignColumns) {
  EXPECT_EQ(Table({"A", "BB"}, {{"xxx", "y"}}), "A    BB\nxxx  y\n");
}

TEST(FormatTest, TablesNeverPrintControlCharactersOrOverrides) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(Printable("Ada\x1B[2J"), "Ada" + r + "[2J");
  EXPECT_EQ(Printable("a\r\nb\x7F"), "a" + r + r + "b" + r);
  EXPECT_EQ(Printable("x\xC2\x85"
                      "y"),
            "x" + r + "y");  // NEL
  EXPECT_EQ(Printable("x\xE2\x80\xAE"
                      "y"),
            "x" + r + "y");  // RLO
  EXPECT_EQ(Printable("x\xE2\x81\xA6"
                      "y"),
            "x" + r + "y");  // LRI
  EXPECT_EQ(Printable("Zo\xC3\xAB \xE2\x80\x94 ok"),
            "Zo\xC3\xAB \xE2\x80\x94 ok");
  EXPECT_EQ(Table({"N"}, {{"a\x1B"
                           "b"}}),
            "N\na" + r + "b\n");
}

TEST(DemoSeedTest, UpnsHaveTheRightCheckLetter) {
  EXPECT_EQ(MakeUpn("801200005001"),
            "B801200005001");  // rules/REFERENCE.md §5.3
  EXPECT_EQ(MakeUpn("207000016049"), "P207000016049");
  EXPECT_EQ(MakeUpn("938612324001"), "X938612324001");
}

TEST(FormatTest, FamilyViewSaysWhatIsNextWhoAndWhetherTheLawSetsIt) {
  v1::FamilyView v;
  v.set_pupil("pupils/p1");
  v.set_given_name("Ada");
  v.set_stage("The council is deciding.");
  v1::FamilyStep* next = v.add_next_steps();
  next->set_what("final EHC plan issued");
  next->mutable_date()->set_year(2027);
  next->mutable_date()->set_month(2);
  next->mutable_date()->set_day(22);
  next->set_who("the council (your case officer)");
  next->set_overdue(true);
  next->set_legal_deadline(true);
  v1::FamilyStep* done = v.add_history();
  done->set_what("A concern was recorded.");
  done->mutable_date()->set_year(2026);
  done->mutable_date()->set_month(10);
  done->mutable_date()->set_day(5);
  EXPECT_EQ(
      FamilyViewText(v),
      "Where things stand for Ada (pupils/p1)\n"
      "The council is deciding.\n\n"
      "What happens next:\n"
      "  2027-02-22  LATE  final EHC plan issued - the council (your case "
      "officer) (set by law)\n\n"
      "What has happened:\n"
      "  2026-10-05  A concern was recorded.\n");
}

}  // namespace
TEST(FormatTest, TablesAlignByCodePointNotByte) {
  // "£" is two bytes of UTF-8 and one column on a terminal.
  EXPECT_EQ(Table({"COST", "N"}, {{"£1.00", "x"}, {"12.00", "y"}}),
            "COST   N\n£1.00  x\n12.00  y\n");
}

}  // namespace sendcase::client
