// The test cluster (postgres_cluster.h).
#include "tests/testing/postgres_cluster.h"

#include <unistd.h>

#include <atomic>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/storage/postgres/pg_connection.h"
#include "tests/testing/subprocess.h"

namespace sendcase::testing {

absl::StatusOr<std::string> PostgresUri() {
  // Once per process; the script's watcher outlives the call.
  static const absl::StatusOr<std::string>* const uri = [] {
    Subprocess script(
        {"/bin/bash", SENDCASE_PG_CLUSTER_SCRIPT, std::to_string(getpid())});
    const std::optional<std::string> line =
        script.ReadLine(std::chrono::seconds(60));
    if (!line.has_value() || !absl::StartsWith(*line, "URI ")) {
      return new absl::StatusOr<std::string>(absl::UnavailableError(
          absl::StrCat("no test PostgreSQL: ", line.value_or("no answer"))));
    }
    return new absl::StatusOr<std::string>(line->substr(4));
  }();
  return *uri;
}

absl::StatusOr<std::string> NewPostgresDatabase() {
  static std::atomic<int> next{0};
  auto uri = PostgresUri();
  if (!uri.ok()) return uri.status();
  auto admin = storage::postgres::PgConnection::Open(*uri);
  if (!admin.ok()) return admin.status();
  const std::string name = absl::StrCat("t", ++next);
  if (absl::Status made =
          (*admin)->ExecScript(absl::StrCat("CREATE DATABASE ", name));
      !made.ok()) {
    return made;
  }
  return absl::StrReplaceAll(*uri,
                             {{"@/postgres?", absl::StrCat("@/", name, "?")}});
}

}  // namespace sendcase::testing
