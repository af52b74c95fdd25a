#ifndef SENDCASE_SERVICES_STORAGE_TASK_STORE_H_
#define SENDCASE_SERVICES_STORAGE_TASK_STORE_H_

// TaskStore: the port for tasks derived by the rules. Error codes as
// CaseStore. Implementations are thread-safe.

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/storage/records.h"

namespace sendcase::storage {

// A task with what authorisation needs about its pupil.
struct TaskRecord {
  v1::Task task;
  std::string setting_urn;
  std::string local_authority_code;
};

class TaskStore {
 public:
  virtual ~TaskStore() = default;

  // Visible tasks matching `filter`, by due date then creation.
  virtual absl::StatusOr<Page<TaskRecord>> ListTasks(
      const Visibility& visibility, const TaskFilter& filter,
      const PageRequest& page) = 0;

  virtual absl::StatusOr<TaskRecord> GetTask(const TaskName& name) = 0;

  // Marks an OPEN task DONE at `now`. Idempotent: a DONE task is returned
  // unchanged, so a retried request gets the same answer. NotFound for an
  // unknown task; FailedPrecondition for a CANCELLED one.
  virtual absl::StatusOr<v1::Task> CompleteTask(const TaskName& name,
                                                Instant now) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_TASK_STORE_H_
