// Roll exports: the CSV reader (quoting, BOM, CRLF) and the row checks, with
// the exact lines and fields of each problem.
#include "clients/cli/roll/roll_rows.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sendcase::client {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kHeader[] =
    "UPN,Surname,Forename,DOB,Year group,SEN provision,Primary need,"
    "Secondary need\n";

absl::StatusOr<RollParse> Parse(const std::string& csv) {
  auto records = ReadCsv(csv);
  if (!records.ok()) return records.status();
  return ParseRoll(*records);
}

TEST(RollCsvTest, QuotedCommasQuotesAndLineBreaks) {
  auto records = ReadCsv(
      "a,b,c\n\"Smith, Jr\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,y,z\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_THAT((*records)[1].fields,
              ElementsAre("Smith, Jr", "say \"hi\"", "two\nlines"));
  EXPECT_EQ((*records)[1].line, 3);  // the line the record ends on
  EXPECT_EQ((*records)[2].line, 4);
}

TEST(RollCsvTest, ByteOrderMarkCrlfAndBlankLines) {
  auto records = ReadCsv("\xEF\xBB\xBFUPN,Surname\r\n\r\nA,B\r\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].fields[0], "UPN");  // no BOM left in the name
  EXPECT_THAT((*records)[1].fields, ElementsAre("A", "B"));
  EXPECT_EQ((*records)[1].line, 3);
}

TEST(RollCsvTest, UnclosedQuoteNamesTheLine) {
  auto records = ReadCsv("a,b\n1,\"open\n2,3\n");
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(records.status().message(), HasSubstr("line 3"));
  auto stray = ReadCsv("a,b\n1,x\"y\n");
  EXPECT_EQ(stray.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(stray.status().message(), HasSubstr("line 2"));
}

TEST(RollRowsTest, GoodRowsBecomePupils) {
  auto parsed = Parse(std::string(kHeader) +
                      "B801200005001,\"O'Neil, Smith\",Zoë,29/02/2016,4,A,ASD,"
                      "SLCN\n"
                      "P207000016049,Jones,Sam,2014-09-01,R,s,semh,\n"
                      "X938612324001,Brown,Kit,2013-01-31,,,,\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->errors, ElementsAre());
  ASSERT_EQ(parsed->rows.size(), 3u);
  const RollRow& a = parsed->rows[0];
  EXPECT_EQ(a.line, 2);
  EXPECT_EQ(a.pupil.family_name(), "O'Neil, Smith");
  EXPECT_EQ(a.pupil.given_name(), "Zoë");
  EXPECT_EQ(a.pupil.birth_date().year(), 2016);
  EXPECT_EQ(a.pupil.birth_date().month(), 2);
  EXPECT_EQ(a.pupil.birth_date().day(), 29);
  EXPECT_EQ(a.provision, 'K');  // School Action, 2001
  EXPECT_THAT(a.pupil.needs(), ElementsAre(v1::ASD, v1::SLCN));
  EXPECT_EQ(parsed->rows[1].provision, 'E');  // a statement
  EXPECT_EQ(parsed->rows[1].year_group, "R");
  EXPECT_EQ(parsed->rows[2].provision, 0);
}

TEST(RollRowsTest, EveryBadRowIsReportedByLineAndField) {
  auto parsed = Parse(std::string(kHeader) +
                      "B801200005002,Smith,Ann,2016-01-01,3,K,ASD,\n"  // 2
                      "P207000016049,Jones,Sam,31/02/2014,3,K,ASD,\n"  // 3
                      "X938612324001,,Kit,2013-01-31,15,Q,XYZ,\n"      // 4
                      "M80120000500A,Lee,Jo,2013-01-31,3,K,,MLD\n"     // 5
                      "Q801200005002,Khan,Ali,2014-09-01,3,K,ASD,\n"   // 6
                      "Q801200005002,Khan,Ali,2014-09-01,3,K,ASD,\n"   // 7
                      ",Nur,Ada,2023-09-01,N1,K,SLCN,\n");             // 8
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(
      parsed->errors,
      ElementsAre(
          "line 2: column \"UPN\": \"B801200005002\" is not a UPN (13 "
          "characters, valid check letter)",
          "line 3: column \"DOB\": \"31/02/2014\" is not a date (YYYY-MM-DD "
          "or DD/MM/YYYY)",
          "line 4: column \"Surname\": required, up to 100 bytes",
          "line 4: column \"Year group\": \"15\" is not a year group (N1, "
          "N2, R, 1 to 14 or X; \"Year 4\", \"Reception\")",
          "line 4: column \"SEN provision\": \"Q\" is not an SEN provision "
          "(N, K or E; \"K - SEN Support\")",
          "line 4: column \"Primary need\": \"XYZ\" is not a census SEN "
          "type (ASD, SLCN ... or its name)",
          "line 5: column \"Secondary need\": given without a primary need",
          "line 7: column \"UPN\": repeats line 6",
          "line 8: column \"UPN\": is empty: a roll row needs the UPN; add "
          "a child who has none with `sendcasectl pupils create "
          "--upn-unknown=UN1` (or the census reason that applies)"));
  ASSERT_EQ(parsed->rows.size(), 1u);  // line 6, the only good row
  EXPECT_EQ(parsed->rows[0].line, 6);
}

TEST(RollRowsTest, MissingColumnIsNamedWithTheHeaderFound) {
  auto parsed = Parse("UPN,Surname,Forename\nB801200005001,A,B\n");
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(parsed.status().message(),
              HasSubstr("line 1: missing column \"DOB\""));
}

TEST(RollRowsTest, HeadersAreMatchedByNameInAnyOrderAndCase) {
  auto parsed = Parse(
      "Date of Birth,legal forename,LEGAL SURNAME,upn\n"
      "2015-05-05,Amy,Ng,B801200005001\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_EQ(parsed->rows[0].pupil.family_name(), "Ng");
}

}  // namespace
}  // namespace sendcase::client
