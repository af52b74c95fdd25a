#include "services/common/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "date/date.h"
#include "nlohmann/json.hpp"
#include "services/common/sha256.h"
#include "services/common/wall_time.h"

namespace sendcase {
namespace {

std::atomic<int> g_format{static_cast<int>(LogFormat::kText)};
std::atomic<int> g_lowest{static_cast<int>(LogLevel::kInfo)};

// A text value is quoted when it would otherwise split the line into
// misleading key=value pairs.
std::string TextValue(const LogField& f) {
  if (f.number) return f.value;
  if (!f.value.empty() &&
      f.value.find_first_of(" \"=\n\t") == std::string::npos) {
    return f.value;
  }
  return nlohmann::json(f.value).dump(-1, ' ', false,
                                      nlohmann::json::error_handler_t::replace);
}

bool IsUuid(absl::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : !absl::ascii_isxdigit(id[i])) return false;
  }
  return true;
}

}  // namespace

std::string LoggedRequestId(absl::string_view id) {
  if (IsUuid(id)) return std::string(id);
  return absl::StrCat("sha256:", Sha256Hex(id).substr(0, 16));
}

LogField::LogField(absl::string_view k, double v)
    : key(k), value(absl::StrFormat("%.6g", v)), number(true) {}

absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view name) {
  for (LogLevel l : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarning,
                     LogLevel::kError}) {
    if (name == LogLevelName(l)) return l;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--log-level: '", name, "' is not one of debug, info, warning, error"));
}

absl::StatusOr<LogFormat> ParseLogFormat(absl::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  return absl::InvalidArgumentError(
      absl::StrCat("--log-format: '", name, "' is not one of text, json"));
}

absl::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

void ConfigureLog(LogFormat format, LogLevel lowest) {
  g_format = static_cast<int>(format);
  g_lowest = static_cast<int>(lowest);
}

bool LogEnabled(LogLevel level) {
  return static_cast<int>(level) >= g_lowest.load(std::memory_order_relaxed);
}

std::string FormatLogLine(LogFormat format, LogLevel level,
                          absl::string_view message,
                          std::initializer_list<LogField> fields,
                          absl::string_view time) {
  if (format == LogFormat::kText) {
    std::string line = absl::StrCat("sendcased: ", message);
    if (level >= LogLevel::kWarning) {
      line = absl::StrCat("sendcased: ", LogLevelName(level), ": ", message);
    }
    for (const LogField& f : fields) {
      absl::StrAppend(&line, " ", f.key, "=", TextValue(f));
    }
    return line;
  }
  // nlohmann::ordered_json keeps the fields in the order given.
  nlohmann::ordered_json record;
  record["time"] = std::string(time);
  record["level"] = std::string(LogLevelName(level));
  record["msg"] = std::string(message);
  for (const LogField& f : fields) {
    if (f.number) {
      record[f.key] = nlohmann::ordered_json::parse(f.value, nullptr, false);
    } else {
      record[f.key] = f.value;
    }
  }
  // Invalid UTF-8 (never expected: fields are names and codes) is replaced
  // rather than thrown.
  return record.dump(-1, ' ', false,
                     nlohmann::ordered_json::error_handler_t::replace);
}

void Log(LogLevel level, absl::string_view message,
         std::initializer_list<LogField> fields) {
  if (!LogEnabled(level)) return;
  const auto format = static_cast<LogFormat>(g_format.load());
  std::string time;
  if (format == LogFormat::kJson) {
    // Wall-clock time of the record (not domain time), UTC, milliseconds.
    time = date::format("%FT%TZ",
                        std::chrono::time_point_cast<std::chrono::milliseconds>(
                            LogTimestampNow()));
  }
  const std::string line =
      FormatLogLine(format, level, message, fields, time) + "\n";
  // One write per record, so that lines from threads never interleave.
  fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace sendcase
