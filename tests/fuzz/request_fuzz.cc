// libFuzzer target: request decoding and the write path behind RecordEvent,
// CreatePupil and UpdatePupil, on a real (in-memory) SQLite store with the
// shipped rules. Any crash, sanitizer report or leak is a finding; statuses
// are expected (hostile input is refused).
//
// Input: "#text\n" + a RecordEventRequest in protobuf text format (readable
// seeds in tests/fuzz/corpus/; the journey "J" means the harness's pupil),
// or binary: the first byte picks the request type, the rest is its wire
// encoding.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "google/protobuf/text_format.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/common/proto_time.h"
#include "tests/testing/casework_env.h"
#include "tests/testing/fake_clock.h"

namespace sendcase {
namespace {

struct Harness {
  testing::FakeClock clock{
      testing::FakeClock::NoonUtc(Day(date::year{2026} / 11 / 25))};
  casework::IdGenerator ids{7};
  testing::CaseworkEnv env;
  auth::Principal admin = testing::Caller("ADMIN", "*", "fuzz");
  auth::Principal senco = testing::Caller("SENCO", "setting:100001", "senco");
  std::string pupil, journey;

  Harness() {
    auto opened = testing::CaseworkEnv::Open(":memory:", clock, ids);
    if (!opened.ok()) abort();
    env = *std::move(opened);
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn("B801200005001");
    p->set_given_name("Fuzz");
    p->set_family_name("Target");
    *p->mutable_birth_date() = ToProtoDate(Day(date::year{2015} / 6 / 1));
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    auto created = env.engine->CreatePupil(admin, req);
    if (!created.ok()) abort();
    pupil = created->name();
    journey = created->current_journey();
  }
};

Harness& H() {
  static Harness* h = new Harness();  // lives for the process
  return *h;
}

void RecordEvent(v1::RecordEventRequest& req) {
  Harness& h = H();
  if (req.journey() == "J") req.set_journey(h.journey);
  (void)h.env.engine->RecordEvent(req.request_id().empty() ? h.admin : h.senco,
                                  req);
}

}  // namespace
}  // namespace sendcase

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sendcase;
  const std::string input(reinterpret_cast<const char*>(data), size);
  constexpr char kText[] = "#text\n";
  if (input.rfind(kText, 0) == 0) {
    v1::RecordEventRequest req;
    google::protobuf::TextFormat::Parser parser;
    parser.AllowPartialMessage(true);
    if (parser.ParseFromString(input.substr(sizeof(kText) - 1), &req)) {
      RecordEvent(req);
    }
    return 0;
  }
  if (size == 0) return 0;
  const std::string wire = input.substr(1);
  switch (data[0] % 4) {
    case 0: {
      v1::RecordEventRequest req;
      if (req.ParseFromString(wire)) RecordEvent(req);
      break;
    }
    case 1: {
      v1::CreatePupilRequest req;
      if (req.ParseFromString(wire)) {
        (void)H().env.engine->CreatePupil(H().senco, req);
      }
      break;
    }
    case 2: {
      v1::UpdatePupilRequest req;
      if (req.ParseFromString(wire)) {
        if (req.pupil().name() == "P") req.mutable_pupil()->set_name(H().pupil);
        (void)H().env.engine->UpdatePupil(H().senco, req);
      }
      break;
    }
    default: {
      // Decoding alone, for every request type of the service.
      const auto* service =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
              "sendcase.v1.CaseService");
      const int n = service->method_count();
      const auto* method = service->method(data[0] / 4 % n);
      std::unique_ptr<google::protobuf::Message> req(
          google::protobuf::MessageFactory::generated_factory()
              ->GetPrototype(method->input_type())
              ->New());
      if (req->ParseFromString(wire)) (void)req->ByteSizeLong();
      break;
    }
  }
  return 0;
}
