// A mail server that accepts connections and never answers, against the
// real server with its scheduler threads running: alerts keep firing while
// a delivery hangs, and shutdown does not wait for the mail server.
#include <grpc/support/time.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <set>

#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/common/proto_time.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

// A TCP listener on loopback that never says a word.
class SilentServer {
 public:
  SilentServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        listen(fd_, 16) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ADD_FAILURE() << "cannot listen on loopback";
    }
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() {
    for (int c : accepted_) close(c);
    close(fd_);
  }
  int port() const { return port_; }
  // Waits (at most 20 s) for a client to connect; true if one did.
  bool AcceptOne() {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 20000) != 1) return false;
    const int c = accept(fd_, nullptr, nullptr);
    if (c < 0) return false;
    accepted_.push_back(c);
    return true;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::vector<int> accepted_;
};

class StuckMailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::TestServer t =
        testing::StartTestServer(clock_, [&](server::ServerOptions& options) {
          options.db_path = dir_.File("m.db");
          options.smtp.url = "smtp://127.0.0.1:" + std::to_string(mail_.port());
          options.smtp.from = "sendcase@la.example";
          options.run_scheduler_thread = true;
        });
    ASSERT_NE(t.server, nullptr);
    server_ = std::move(t.server);
    stub_ = std::move(t.stub);
    token_ = *auth::IssueToken(*server_->stores().tokens, clock_, "admin",
                               "ADMIN", "*");
  }

  std::unique_ptr<grpc::ClientContext> Ctx() {
    return testing::BearerContext(token_, 20);
  }

  // A pupil whose plan was issued on 2024-03-15 with no review since: its
  // annual review is overdue, so a reminder fires at once.
  std::string OverdueReview(const std::string& upn) {
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(upn);
    p->set_given_name("Given");
    p->set_family_name("Family");
    *p->mutable_birth_date() = ToProtoDate(D(2014, 4, 1));
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    v1::Pupil pupil;
    EXPECT_TRUE(stub_->CreatePupil(Ctx().get(), req, &pupil).ok());
    for (auto [kind, day] : {std::pair{"assessment_requested", D(2023, 11, 1)},
                             std::pair{"assessment_agreed", D(2023, 12, 1)},
                             std::pair{"draft_plan_issued", D(2024, 2, 20)},
                             std::pair{"final_plan_issued", D(2024, 3, 15)}}) {
      v1::RecordEventRequest r;
      r.set_journey(pupil.current_journey());
      *r.mutable_event()->mutable_event_date() = ToProtoDate(day);
      r.mutable_event()->GetReflection()->MutableMessage(
          r.mutable_event(),
          v1::JourneyEvent::descriptor()->FindFieldByName(kind));
      v1::Journey out;
      EXPECT_TRUE(stub_->RecordEvent(Ctx().get(), r, &out).ok()) << kind;
    }
    return pupil.current_journey();
  }

  testing::TempDir dir_;
  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  SilentServer mail_;
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string token_;
};

TEST_F(StuckMailTest, AlertsKeepFiringAndShutdownIsPromptWhileMailHangs) {
  v1::CreateContactRequest contact;
  contact.mutable_contact()->set_role(v1::SENCO);
  contact.mutable_contact()->set_scope("setting:100001");
  contact.mutable_contact()->set_email("senco@school.example");
  v1::Contact made;
  ASSERT_TRUE(stub_->CreateContact(Ctx().get(), contact, &made).ok());

  const std::string first = OverdueReview("B801200005001");
  // Its e-mail is on its way to a server that will never answer.
  ASSERT_TRUE(mail_.AcceptOne()) << "no delivery was attempted";

  // Another reminder falls due meanwhile: it must fire now, not after the
  // hung delivery's 30 s timeout.
  const std::string second = OverdueReview("P207000016049");
  auto ctx = Ctx();
  auto reader = stub_->WatchAlerts(ctx.get(), {});
  v1::Alert alert;
  std::set<std::string> journeys;
  while (journeys.size() < 2 && reader->Read(&alert)) {
    journeys.insert(alert.journey());
  }
  EXPECT_EQ(journeys, (std::set<std::string>{first, second}));
  ctx->TryCancel();
  reader->Finish().ok();

  // Shutdown cuts the hung delivery short (it is due again at the next
  // start). The bound is generous: the hang alone would take 30 s.
  const auto start = std::chrono::steady_clock::now();
  server_->Shutdown();
  server_->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
}

}  // namespace
}  // namespace sendcase
