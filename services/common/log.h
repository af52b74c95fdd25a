#ifndef SENDCASE_SERVICES_COMMON_LOG_H_
#define SENDCASE_SERVICES_COMMON_LOG_H_

// The server's log: one line per record on stderr, where systemd's journal
// or a container runtime collects it. Text by default
//   sendcased: <message> key=value key=value
// or, with --log-format=json, one JSON object a line for a log store:
//   {"time":"2026-12-02T09:30:00.123Z","level":"info","msg":"<message>",
//    "key":"value",...}
// Records below the configured level (--log-level) are dropped.
//
// Never log personal data: messages and fields carry resource names,
// method names, status codes and counts, never a name, date of birth or
// need. Thread-safe; process-wide. Lines a stranger can cause go through
// LogLimited (log_limit.h), which bounds their number and then calls Log.

#include <initializer_list>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sendcase {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };
enum class LogFormat { kText, kJson };

// "debug", "info", "warning" or "error"; "text" or "json". InvalidArgument
// naming the accepted values otherwise.
absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view name);
absl::StatusOr<LogFormat> ParseLogFormat(absl::string_view name);
absl::string_view LogLevelName(LogLevel level);

// Sets the format and the lowest level written (defaults: text, info).
void ConfigureLog(LogFormat format, LogLevel lowest);
bool LogEnabled(LogLevel level);

// One field of a record. A number is written unquoted in JSON.
struct LogField {
  LogField(absl::string_view k, absl::string_view v) : key(k), value(v) {}
  LogField(absl::string_view k, const char* v) : key(k), value(v) {}
  LogField(absl::string_view k, const std::string& v) : key(k), value(v) {}
  LogField(absl::string_view k, long long v)
      : key(k), value(std::to_string(v)), number(true) {}
  LogField(absl::string_view k, int v) : LogField(k, (long long)v) {}
  LogField(absl::string_view k, long v) : LogField(k, (long long)v) {}
  LogField(absl::string_view k, unsigned long v) : LogField(k, (long long)v) {}
  LogField(absl::string_view k, double v);
  std::string key;
  std::string value;
  bool number = false;
};

// Writes one record if `level` is enabled.
void Log(LogLevel level, absl::string_view message,
         std::initializer_list<LogField> fields = {});

// How a caller's request id appears in the log: a UUID as it is, anything
// else as "sha256:" and the first 16 hex digits of its SHA-256. A caller
// chooses its ids, and one built from a pupil's details must never be
// readable in the log; whoever holds the id can still find its line
// (`printf %s ID | sha256sum | cut -c1-16`).
std::string LoggedRequestId(absl::string_view id);

// The line Log would write, without the newline (for tests).
std::string FormatLogLine(LogFormat format, LogLevel level,
                          absl::string_view message,
                          std::initializer_list<LogField> fields,
                          absl::string_view time);

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_LOG_H_
