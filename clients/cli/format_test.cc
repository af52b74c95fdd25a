#include "clients/cli/format.h"

#include <set>

#include "clients/cli/demo_seed.h"
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

}  // namespace
TEST(FormatTest, TablesAlignByCodePointNotByte) {
  // "£" is two bytes of UTF-8 and one column on a terminal.
  EXPECT_EQ(Table({"COST", "N"}, {{"£1.00", "x"}, {"12.00", "y"}}),
            "COST   N\n£1.00  x\n12.00  y\n");
}

}  // namespace sendcase::client
