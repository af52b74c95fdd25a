#include "services/journey/provision.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/journey/state_machine.h"

namespace sendcase::journey {
namespace {

using ::testing::ElementsAre;
using J = v1::Journey;

TEST(ProvisionTest, EveryStateHasACensusCode) {
  for (State state : AllStates()) {
    EXPECT_NE(ProvisionFor(state), v1::SEN_PROVISION_UNSPECIFIED)
        << StateName(state);
  }
  EXPECT_EQ(ProvisionFor(J::STATE_UNSPECIFIED), v1::SEN_PROVISION_UNSPECIFIED);
}

TEST(ProvisionTest, StatesGroupAsTheCensusDoes) {
  EXPECT_THAT(StatesWith(v1::SEN_PROVISION_N),
              ElementsAre(J::CONCERN, J::CLOSED));
  EXPECT_THAT(
      StatesWith(v1::SEN_PROVISION_K),
      ElementsAre(J::SEN_SUPPORT, J::AGENCY_INVOLVEMENT,
                  J::ASSESSMENT_REQUESTED, J::ASSESSMENT, J::DRAFT_PLAN));
  EXPECT_THAT(StatesWith(v1::SEN_PROVISION_E), ElementsAre(J::EHC_PLAN));
}

}  // namespace
}  // namespace sendcase::journey
