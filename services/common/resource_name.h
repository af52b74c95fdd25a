#ifndef SENDCASE_SERVICES_COMMON_RESOURCE_NAME_H_
#define SENDCASE_SERVICES_COMMON_RESOURCE_NAME_H_

// Typed resource names (AIP-122):
//   pupils/{pupil}
//   pupils/{pupil}/journeys/{journey}
//   pupils/{pupil}/journeys/{journey}/tasks/{task}
// An id is 1 to 63 characters of [a-z0-9-], starting with a letter or digit.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sendcase {

struct PupilName {
  std::string pupil;
  std::string Format() const;
};

struct JourneyName {
  std::string pupil;
  std::string journey;
  PupilName Parent() const { return {pupil}; }
  std::string Format() const;
};

struct TaskName {
  std::string pupil;
  std::string journey;
  std::string task;
  JourneyName Parent() const { return {pupil, journey}; }
  std::string Format() const;
};

// Each Parse* returns InvalidArgument naming `field` when `text` is empty or
// not of the expected shape. The message quotes the (bounded) input; resource
// names carry no personal data.
absl::StatusOr<PupilName> ParsePupilName(absl::string_view text,
                                         absl::string_view field);
absl::StatusOr<JourneyName> ParseJourneyName(absl::string_view text,
                                             absl::string_view field);
absl::StatusOr<TaskName> ParseTaskName(absl::string_view text,
                                       absl::string_view field);

// True if `id` is a valid resource id segment.
bool IsValidResourceId(absl::string_view id);

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_RESOURCE_NAME_H_
