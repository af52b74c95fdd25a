// Opening a database that cannot serve: a damaged file and a read-only one
// are refused at start, naming the file and the fix, instead of starting
// and then failing call by call.
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/proto_time.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::storage {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

// Fills a database with enough pupils to span many pages, then closes it.
void Populate(const std::string& path) {
  auto store = SqliteStore::Open(path);
  ASSERT_OK(store);
  for (int i = 0; i < 300; ++i) {
    NewPupil in;
    in.pupil.set_name(absl::StrCat("pupils/p", i));
    in.pupil.set_upn(absl::StrCat("U", 100000 + i));
    in.pupil.set_given_name("Given");
    in.pupil.set_family_name(std::string(200, 'F'));
    *in.pupil.mutable_birth_date() = ToProtoDate(Day(date::year{2015} / 3 / 1));
    in.pupil.set_setting_urn("100001");
    in.pupil.set_local_authority_code("201");
    in.journey.set_name(absl::StrCat("pupils/p", i, "/journeys/j", i));
    in.journey.set_state(v1::Journey::CONCERN);
    ASSERT_OK((*store)->CreatePupil(in, std::nullopt, ""));
  }
}

TEST(StoreOpenTest, ADamagedFileIsRefusedNamingTheFileAndTheFix) {
  testing::TempDir dir;
  const std::string path = dir.File("damaged.db");
  Populate(path);
  // Scribble over pages in the middle of the file, as a failing disk would.
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 20u * 4096);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    for (int page = 5; page < 15; ++page) {
      f.seekp(page * 4096);
      const std::string junk(4096, '\x5a');
      f.write(junk.data(), junk.size());
    }
  }
  EXPECT_THAT(
      SqliteStore::Open(path),
      StatusIs(absl::StatusCode::kDataLoss,
               AllOf(HasSubstr(path), HasSubstr("restore the last backup"),
                     HasSubstr(".recover"))));
}

TEST(StoreOpenTest, NotADatabaseIsRefusedAsDamaged) {
  testing::TempDir dir;
  const std::string path = dir.File("text.db");
  std::ofstream(path) << std::string(8192, 'x');
  EXPECT_THAT(SqliteStore::Open(path),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr(path)));
}

TEST(StoreOpenTest, AReadOnlyFileIsRefusedNamingTheFix) {
  testing::TempDir dir;
  const std::string path = dir.File("ro.db");
  Populate(path);
  // As the server sees a file it may not write (the tests run as root, who
  // may write anything, so the file is opened read-only by URI instead).
  const std::string uri = absl::StrCat("file:", path, "?mode=ro");
  EXPECT_THAT(SqliteStore::Open(uri),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr(uri), HasSubstr("write access"))));
  EXPECT_OK(SqliteStore::Open(path));  // the same file, writable, is fine
}

}  // namespace
}  // namespace sendcase::storage
