#ifndef SENDCASE_SERVICES_CASEWORK_FAMILY_WORDS_H_
#define SENDCASE_SERVICES_CASEWORK_FAMILY_WORDS_H_

// The words of the family view (GetFamilyView, family_view.cc): where a child's
// journey stands, each step and who takes it, in plain English for a parent.
// Pure. The dates and titles come from the journey and its rules; only the
// sentences around them are here.

#include <string>

#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/journey_event.pb.h"
#include "sendcase/v1/role.pb.h"

namespace sendcase::casework {

// Where the journey stands and what the law says happens at this stage.
std::string FamilyStage(v1::Journey::State state);
// What an event means, e.g. "The council received a request for an EHC
// needs assessment." "" for KIND_NOT_SET.
std::string FamilyEventText(v1::JourneyEvent::KindCase kind);
// Who takes a step, e.g. "the council (your case officer)".
std::string FamilyWho(v1::Role role);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_FAMILY_WORDS_H_
