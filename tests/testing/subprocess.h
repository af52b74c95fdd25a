#ifndef SENDCASE_TESTS_TESTING_SUBPROCESS_H_
#define SENDCASE_TESTS_TESTING_SUBPROCESS_H_

// Subprocess: runs a helper program (e.g. the SMTP sink) with its stdout on
// a pipe. ReadLine blocks until a whole line arrives or the timeout passes
// (an event wait, not a sleep). The process is killed on destruction.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sendcase::testing {

class Subprocess {
 public:
  // Starts argv[0] (a path) with the given arguments; aborts the test
  // binary if it cannot be started.
  explicit Subprocess(const std::vector<std::string>& argv);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // The next line of stdout without its newline; nullopt on EOF or timeout.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  // SIGKILL and reap.
  void Kill();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string buffer_;
};

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_SUBPROCESS_H_
