// No call goes unaudited: when the audit trail cannot be written (a full
// disk, here a trigger that refuses every row), calls fail with
// UNAVAILABLE and return nothing, reads included.
#include <grpcpp/grpcpp.h>

#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/server/server.h"
#include "services/storage/sqlite/database.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

TEST(AuditRequiredTest, ACallWhoseAuditRowCannotBeWrittenFails) {
  testing::TempDir dir;
  testing::FakeClock clock{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  const std::string path = dir.File("a.db");
  testing::TestServer t = testing::StartTestServer(
      clock, [&](server::ServerOptions& o) { o.db_path = path; });
  ASSERT_NE(t.server, nullptr);
  auto& stub = t.stub;
  const std::string token = *auth::IssueToken(*t.server->stores().tokens, clock,
                                              "admin", "ADMIN", "*");
  auto ctx = [&] { return testing::BearerContext(token); };
  v1::Pupil pupil;
  ASSERT_TRUE(stub->CreatePupil(ctx().get(),
                                testing::NewPupilRequest("B801200005001"),
                                &pupil)
                  .ok());

  auto other = storage::Database::Open(path);
  ASSERT_TRUE(other.ok()) << other.status();
  ASSERT_TRUE((*other)
                  ->Exec("CREATE TRIGGER audit_full BEFORE INSERT ON "
                         "audit_log BEGIN SELECT RAISE(ABORT, 'database or "
                         "disk is full'); END;")
                  .ok());
  v1::GetPupilRequest get;
  get.set_name(pupil.name());
  v1::Pupil read;
  grpc::Status status = stub->GetPupil(ctx().get(), get, &read);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_TRUE(read.upn().empty()) << "returned unaudited";
  v1::ListPupilsResponse list;
  EXPECT_EQ(stub->ListPupils(ctx().get(), {}, &list).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(list.pupils_size(), 0);

  ASSERT_TRUE((*other)->Exec("DROP TRIGGER audit_full").ok());
  EXPECT_TRUE(stub->GetPupil(ctx().get(), get, &read).ok());
  EXPECT_EQ(read.upn(), "B801200005001");
}

}  // namespace
}  // namespace sendcase
