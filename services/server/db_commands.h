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

// backup --db=PATH --to=FILE: a consistent copy of a SQLite database, taken
// while the server runs (storage/sqlite/backup.h). For PostgreSQL it says
// to use pg_dump and the database's own point-in-time recovery.
int BackupCommand(const std::string& db, const std::string& to);

// restore --from=FILE --db=PATH: a new database file from a backup; never
// over an existing one. Stop sendcased first, restore, start it on PATH.
int RestoreCommand(const std::string& from, const std::string& db);

// check --db=PATH: integrity, migration level and rows per table; exit 1
// if the integrity check finds damage or the file is newer than this
// binary.
int CheckCommand(const std::string& db);

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_DB_COMMANDS_H_
