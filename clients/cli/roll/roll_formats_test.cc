// Roll exports as schools have them: the column names of SIMS, Arbor and the
// DfE's downloads, display-text values, a "Name" column, one row per ranked
// need, a Former UPN, rows with a field too many, probable duplicates, and
// the columns not read. Each value read is checked against the census code
// it stands for.
#include "clients/cli/roll/roll_rows.h"
#include "clients/cli/roll/roll_values.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sendcase::client {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

absl::StatusOr<RollParse> Parse(const std::string& csv) {
  auto records = ReadCsv(csv);
  if (!records.ok()) return records.status();
  return ParseRoll(*records);
}

TEST(RollValuesTest, ProvisionFromCodesAndDisplayText) {
  const std::pair<const char*, char> cases[] = {
      {"K", 'K'},
      {"k", 'K'},
      {"K - SEN Support", 'K'},
      {"SEN Support", 'K'},
      {"E - Education, Health and Care Plan", 'E'},
      {"Education, health and care plan", 'E'},
      {"EHC Plan", 'E'},
      {"N - No Special Educational Need", 'N'},
      {"No SEN", 'N'},
      {"Monitoring", 'N'},  // Arbor's status, N in the census
      {"S", 'E'},
      {"S - Statement", 'E'},
      {"A", 'K'},
      {"School Action Plus", 'K'},
  };
  for (const auto& [text, code] : cases) {
    EXPECT_THAT(ParseProvision(text), Optional(code)) << text;
  }
  // Unknown, and a code that contradicts its own text: refused.
  for (const char* text : {"Q", "Maybe", "K - Education, Health and Care Plan",
                           "E - SEN Support"}) {
    EXPECT_EQ(ParseProvision(text), std::nullopt) << text;
  }
}

TEST(RollValuesTest, NeedsFromCodesDescriptionsAndBoth) {
  const std::pair<const char*, v1::NeedType> cases[] = {
      {"ASD", v1::ASD},
      {"asd", v1::ASD},
      {"ASD - Autistic Spectrum Disorder", v1::ASD},
      {"Autistic Spectrum Disorder", v1::ASD},
      {"Autism Spectrum Disorder", v1::ASD},
      {"SpLD", v1::SPLD},
      {"Specific Learning Difficulty", v1::SPLD},
      {"Moderate Learning Difficulty", v1::MLD},
      {"Severe Learning Difficulty", v1::SLD},
      {"Profound & Multiple Learning Difficulty", v1::PMLD},
      {"Social, Emotional and Mental Health", v1::SEMH},
      {"BESD", v1::SEMH},
      {"Speech, Language and Communication Needs", v1::SLCN},
      {"Hearing Impairment", v1::HI},
      {"Visual Impairment", v1::VI},
      {"Vision impairment", v1::VI},
      {"Multi-Sensory Impairment", v1::MSI},
      {"Multi- Sensory Impairment", v1::MSI},  // as the SEN2 guide spaces it
      {"Physical Disability", v1::PD},
      {"Other Difficulty/Disability", v1::OTH},
      {"SEN support but no specialist assessment of type of need", v1::NSA},
  };
  for (const auto& [text, need] : cases) {
    EXPECT_THAT(ParseNeed(text), Optional(need)) << text;
  }
  for (const char* text : {"XYZ", "ASD - Hearing Impairment", "Dyslexia?"}) {
    EXPECT_EQ(ParseNeed(text), std::nullopt) << text;
  }
}

TEST(RollValuesTest, YearGroupsAsTheCensusCodesThem) {
  const std::pair<const char*, const char*> cases[] = {
      {"4", "4"},         {"Year 4", "4"}, {"Y4", "4"},         {"Yr 10", "10"},
      {"year 14", "14"},  {"R", "R"},      {"Reception", "R"},  {"YR", "R"},
      {"Year R", "R"},    {"N1", "N1"},    {"Nursery 2", "N2"}, {"X", "X"},
      {"NC Year X", "X"}, {"", ""},
  };
  for (const auto& [text, code] : cases) {
    EXPECT_THAT(ParseYearGroup(text), Optional(std::string(code))) << text;
  }
  for (const char* text : {"0", "15", "Year 15", "Sixth form", "Y"}) {
    EXPECT_EQ(ParseYearGroup(text), std::nullopt) << text;
  }
}

TEST(RollValuesTest, DatesInTheFormsExportsWrite) {
  for (const char* text : {"2016-02-29", "29/02/2016", "29/2/2016",
                           "29/02/2016 00:00:00", "2016-02-29T00:00:00"}) {
    auto d = ParseRollDate(text);
    ASSERT_TRUE(d.has_value()) << text;
    EXPECT_EQ(d->year(), 2016);
    EXPECT_EQ(d->month(), 2);
    EXPECT_EQ(d->day(), 29);
  }
  for (const char* text : {"29/02/2015", "2016-13-01", "02/29/2016",
                           "29.02.2016", "1899-12-31", "29/02/16"}) {
    EXPECT_FALSE(ParseRollDate(text).has_value()) << text;
  }
}

TEST(RollValuesTest, NameSplitsOnlyAtAComma) {
  EXPECT_THAT(
      SplitSurnameForename("O'Neil Smith, Zoë Ann"),
      Optional(std::pair<std::string, std::string>("O'Neil Smith", "Zoë Ann")));
  EXPECT_EQ(SplitSurnameForename("Zoë Smith"), std::nullopt);
  EXPECT_EQ(SplitSurnameForename(", Zoë"), std::nullopt);
}

TEST(RollFormatsTest, SimsStyleExportWithDisplayTextAndIgnoredColumns) {
  auto parsed = Parse(
      "Adno,UPN,Legal Surname,Legal Forename,Date of Birth,Year,Reg Group,"
      "SEN Status,Primary Need,Secondary Need,Gender\n"
      "001,B801200005001,Smith,Ann,01/09/2015,Year 4,4S,K - SEN Support,"
      "Autistic Spectrum Disorder,SLCN - Speech Language and Communication "
      "Needs,F\n"
      "002,P207000016049,Jones,Sam,2019-12-01,Reception,RB,"
      "\"E - Education, Health and Care Plan\",HI,,M\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->errors, IsEmpty());
  EXPECT_THAT(parsed->ignored, ElementsAre("Adno", "Reg Group", "Gender"));
  ASSERT_EQ(parsed->rows.size(), 2u);
  EXPECT_EQ(parsed->rows[0].provision, 'K');
  EXPECT_EQ(parsed->rows[0].year_group, "4");
  EXPECT_THAT(parsed->rows[0].pupil.needs(), ElementsAre(v1::ASD, v1::SLCN));
  EXPECT_EQ(parsed->rows[1].provision, 'E');
  EXPECT_EQ(parsed->rows[1].year_group, "R");
}

// Get Information about Pupils' download, NPD term suffixes, "SEN Status".
TEST(RollFormatsTest, DfeDownloadColumnNames) {
  auto parsed = Parse(
      "PupilMatchingRef,UPN,Surname,Forename,MiddleNames,Sex,DOB,FormerUPN,"
      "NCyearActual_SPR22,SENProvision,PrimarySENeedsType,SecondarySENType\n"
      "M1,B801200005001,Smith,Ann,,F,2015-09-01,B80120000500A,X,K,ASD,SLCN\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->errors, IsEmpty());
  EXPECT_THAT(parsed->ignored,
              ElementsAre("PupilMatchingRef", "MiddleNames", "Sex"));
  ASSERT_EQ(parsed->rows.size(), 1u);
  const RollRow& row = parsed->rows[0];
  EXPECT_EQ(row.former_upn, "B80120000500A");
  EXPECT_EQ(row.year_group, "X");
  EXPECT_EQ(row.provision, 'K');
  EXPECT_THAT(row.pupil.needs(), ElementsAre(v1::ASD, v1::SLCN));
}

TEST(RollFormatsTest, NameColumnHoldsSurnameCommaForename) {
  auto parsed = Parse(
      "UPN,Name,DOB\n"
      "B801200005001,\"Smith, Ann\",2015-09-01\n"
      "P207000016049,Sam Jones,2015-09-01\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_EQ(parsed->rows[0].pupil.family_name(), "Smith");
  EXPECT_EQ(parsed->rows[0].pupil.given_name(), "Ann");
  EXPECT_THAT(parsed->errors,
              ElementsAre("line 3: column \"Name\": \"Sam Jones\" is not "
                          "\"Surname, Forename\" (which part is the "
                          "surname?)"));
}

TEST(RollFormatsTest, OneRowPerRankedNeedIsOnePupil) {
  auto parsed = Parse(
      "UPN,Surname,Forename,DOB,SENprovision,SENtype,SENtypeRank\n"
      "B801200005001,Smith,Ann,2015-09-01,K,SLCN,2\n"
      "B801200005001,Smith,Ann,2015-09-01,K,ASD,1\n"
      "P207000016049,Jones,Sam,2015-01-01,E,HI,1\n"
      "X938612324001,Lee,Kit,2014-01-01,N,,\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->errors, IsEmpty());
  ASSERT_EQ(parsed->rows.size(), 3u);
  EXPECT_EQ(parsed->rows[0].line, 2);
  EXPECT_THAT(parsed->rows[0].pupil.needs(), ElementsAre(v1::ASD, v1::SLCN));
  EXPECT_THAT(parsed->rows[1].pupil.needs(), ElementsAre(v1::HI));
  EXPECT_THAT(parsed->rows[2].pupil.needs(), IsEmpty());
}

TEST(RollFormatsTest, RankedRowsThatDisagreeAreRefusedByLineAndColumn) {
  auto parsed = Parse(
      "UPN,Surname,Forename,DOB,SENtype,SENtypeRank\n"
      "B801200005001,Smith,Ann,2015-09-01,ASD,1\n"
      "B801200005001,Smith,Anne,2015-09-01,SLCN,2\n"  // 3: another name
      "B801200005001,Smith,Ann,2015-09-01,HI,1\n"     // 4: rank 1 again
      "P207000016049,Jones,Sam,2015-01-01,HI,2\n"     // 5: no primary
      "X938612324001,Lee,Kit,2014-01-01,HI,3\n");     // 6: no such rank
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(
      parsed->errors,
      ElementsAre("line 3: column \"Forename\": differs from line 2, the same "
                  "UPN's first row",
                  "line 4: column \"SENtypeRank\": rank 1 is already given on "
                  "line 2",
                  "line 5: column \"SENtype\": a secondary need and no "
                  "primary one for this UPN",
                  "line 6: column \"SENtypeRank\": \"3\" is not a rank (1 "
                  "primary, 2 secondary)"));
}

TEST(RollFormatsTest, UnrankedSecondNeedIsAmbiguous) {
  auto parsed = Parse(
      "UPN,Surname,Forename,DOB,SEN need type\n"
      "B801200005001,Smith,Ann,2015-09-01,ASD\n"
      "B801200005001,Smith,Ann,2015-09-01,SLCN\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->errors,
              ElementsAre("line 3: column \"SEN need type\": a second need "
                          "for the UPN of line 2, and no rank says which is "
                          "primary"));
}

TEST(RollFormatsTest, RowsWithAFieldTooManyOrTooFewAreRefused) {
  auto parsed = Parse(
      "UPN,Surname,Forename,DOB\n"
      "B801200005001,Smith, Jr,Ann,2015-09-01\n"  // unquoted comma
      "P207000016049,Jones,Sam\n"
      "X938612324001,Lee,Kit,2014-01-01\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->errors,
              ElementsAre("line 2: 5 fields where the header has 4 (a value "
                          "with an unquoted comma?)",
                          "line 3: 3 fields where the header has 4 (a value "
                          "with an unquoted comma?)"));
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_EQ(parsed->rows[0].line, 4);
}

TEST(RollFormatsTest, SamePersonUnderTwoUpnsIsAProbableDuplicate) {
  auto parsed = Parse(
      "UPN,Surname,Forename,DOB\n"
      "B801200005001,Smith,Ann,2015-09-01\n"
      "P207000016049,SMITH,ann,01/09/2015\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->errors,
              ElementsAre("line 3: probable duplicate of line 2: the same "
                          "names and date of birth under another UPN (a "
                          "\"Former UPN\" column links a replaced one)"));
}

// NPD extracts have a column per census term: the latest term is read.
TEST(RollFormatsTest, TheLatestNpdTermIsRead) {
  auto parsed = Parse(
      "UPN,Surname,Forename,DOB,PrimarySENtype_AUT21,PrimarySENtype_SUM22,"
      "PrimarySENtype_SPR22\n"
      "B801200005001,Smith,Ann,2015-09-01,MLD,ASD,SLCN\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->ignored,
              ElementsAre("PrimarySENtype_AUT21", "PrimarySENtype_SPR22"));
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_THAT(parsed->rows[0].pupil.needs(), ElementsAre(v1::ASD));  // SUM22
}

TEST(RollFormatsTest, AFormerUpnLinksOneRowToOnePupil) {
  auto parsed = Parse(
      "UPN,Former UPN,Surname,Forename,DOB\n"
      "B801200005001,J80120000700A,Smith,Ann,2015-09-01\n"
      "P207000016049,J80120000700A,Jones,Sam,2015-01-01\n"  // same former
      "X938612324001,B801200005001,Lee,Kit,2014-01-01\n");  // line 2's UPN
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(parsed->errors,
              ElementsAre("line 3: column \"Former UPN\": also given on line "
                          "2 (which row is that pupil?)",
                          "line 4: column \"Former UPN\": is the UPN of line 2 "
                          "(one pupil twice?)"));
}

TEST(RollFormatsTest, MissingNamesSayWhatWouldDo) {
  auto parsed = Parse("UPN,DOB\nB801200005001,2015-09-01\n");
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().message(),
            "line 1: missing column \"Surname\" and \"Forename\" (or "
            "\"Name\") (the header has: UPN, DOB)");
}

}  // namespace
}  // namespace sendcase::client
