// Server reflection through the real server, in both versions tools speak:
// v1 (answered by services/server/reflection_v1.cc) and v1alpha (the gRPC
// library's), so that grpcurl-style clients find the API either way.
#include <grpcpp/grpcpp.h>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
namespace refl = grpc::reflection::v1;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

// The file names in a file_descriptor_response, in order.
std::vector<std::string> Files(const refl::ServerReflectionResponse& r) {
  std::vector<std::string> names;
  for (const std::string& bytes :
       r.file_descriptor_response().file_descriptor_proto()) {
    google::protobuf::FileDescriptorProto file;
    EXPECT_TRUE(file.ParseFromString(bytes));
    names.push_back(file.name());
  }
  return names;
}

TEST(ReflectionTest, V1ListsServicesAndServesFilesWithTheirDependencies) {
  testing::FakeClock clock{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  testing::TestServer t = testing::StartTestServer(clock);
  ASSERT_NE(t.server, nullptr);
  auto stub = refl::ServerReflection::NewStub(t.server->InProcessChannel());
  grpc::ClientContext ctx;
  auto stream = stub->ServerReflectionInfo(&ctx);
  auto ask = [&](const refl::ServerReflectionRequest& req) {
    refl::ServerReflectionResponse response;
    EXPECT_TRUE(stream->Write(req));
    EXPECT_TRUE(stream->Read(&response));
    return response;
  };

  refl::ServerReflectionRequest list;
  list.set_list_services("");
  const refl::ServerReflectionResponse listed = ask(list);
  std::vector<std::string> services;
  for (const auto& s : listed.list_services_response().service()) {
    services.push_back(s.name());
  }
  EXPECT_THAT(services,
              IsSupersetOf({"sendcase.v1.CaseService", "grpc.health.v1.Health",
                            "grpc.reflection.v1.ServerReflection"}));

  refl::ServerReflectionRequest symbol;
  symbol.set_file_containing_symbol("sendcase.v1.CaseService.RecordEvent");
  const std::vector<std::string> first = Files(ask(symbol));
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first[0], "sendcase/v1/case_service.proto");
  EXPECT_THAT(first,
              IsSupersetOf({"sendcase/v1/pupil.proto", "google/type/date.proto",
                            "sendcase/v1/journey_event.proto"}));

  // Sent files are not sent again; the file asked for always is.
  refl::ServerReflectionRequest pupil;
  pupil.set_file_containing_symbol("sendcase.v1.Pupil");
  EXPECT_THAT(Files(ask(pupil)), ElementsAre("sendcase/v1/pupil.proto"));

  refl::ServerReflectionRequest by_name;
  by_name.set_file_by_filename("grpc/health/v1/health.proto");
  EXPECT_THAT(Files(ask(by_name)), ElementsAre("grpc/health/v1/health.proto"));

  refl::ServerReflectionRequest missing;
  missing.set_file_containing_symbol("sendcase.v1.NoSuchThing");
  const auto error = ask(missing);
  EXPECT_EQ(error.error_response().error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(error.original_request().file_containing_symbol(),
            "sendcase.v1.NoSuchThing");

  refl::ServerReflectionRequest numbers;
  numbers.set_all_extension_numbers_of_type("google.protobuf.FieldOptions");
  const auto ext = ask(numbers);
  EXPECT_EQ(ext.all_extension_numbers_response().base_type_name(),
            "google.protobuf.FieldOptions");
  // The API's own (sensitive) field option is one of them.
  EXPECT_FALSE(ext.all_extension_numbers_response().extension_number().empty());

  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
}

}  // namespace
}  // namespace sendcase
