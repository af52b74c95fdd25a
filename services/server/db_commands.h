#ifndef SENDCASE_SERVICES_SERVER_DB_COMMANDS_H_
#define SENDCASE_SERVICES_SERVER_DB_COMMANDS_H_

// sendcased's database subcommands. Each returns the process exit code and
// prints errors on stderr.

#include <string>

namespace sendcase::server {

// copy-db --from=PATH.db --to=postgresql://...: moves an installation from
// its SQLite file into a new, empty PostgreSQL database
// (storage/postgres/copy_from_sqlite.h), printing each table's rows as it
// goes. Stop sendcased first.
int CopyDbCommand(const std::string& from, const std::string& to);

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_DB_COMMANDS_H_
