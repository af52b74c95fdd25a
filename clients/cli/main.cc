// sendcasectl: the command-line client for sendcased.
#include <algorithm>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "clients/cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"sendcasectl: the sendcase command-line client"};
  sendcase::client::GlobalOptions options;
  app.add_option("--server", options.server, "HOST:PORT of sendcased")
      ->envname("SENDCASE_SERVER")
      ->capture_default_str();
  app.add_option("--token", options.token, "bearer token (or SENDCASE_TOKEN)")
      ->envname("SENDCASE_TOKEN");
  app.add_flag("--json", options.json,
               "print proto3 JSON, one object per line");
  app.add_option("--timeout", options.timeout_seconds, "seconds per call")
      ->capture_default_str();
  app.add_flag("--tls", options.security.tls,
               "connect with TLS, trusting the system's CAs");
  app.add_option("--tls-ca", options.security.ca_file,
                 "PEM CA that signed the server's certificate (implies --tls)")
      ->envname("SENDCASE_TLS_CA");
  app.add_option("--tls-cert", options.security.cert_file,
                 "PEM client certificate, for a server that requires one")
      ->envname("SENDCASE_TLS_CERT");
  app.add_option("--tls-key", options.security.key_file,
                 "PEM private key of --tls-cert")
      ->envname("SENDCASE_TLS_KEY");
  app.require_subcommand(1);
  int exit_code = 0;
  sendcase::client::AddCommands(app, options, &exit_code);
  // One spelling for flags everywhere: dashes, as sendcased spells its own;
  // the underscore spelling (--la_code) is read as the same flag.
  std::vector<std::string> args;
  bool flags = true;
  for (int i = argc - 1; i >= 1; --i) args.emplace_back(argv[i]);
  for (auto it = args.rbegin(); it != args.rend() && flags; ++it) {
    if (*it == "--") flags = false;
    if (!flags || it->rfind("--", 0) != 0) continue;
    const size_t end = std::min(it->find('='), it->size());
    std::replace(it->begin() + 2, it->begin() + end, '_', '-');
  }
  try {
    app.parse(args);  // CLI11 takes the arguments last first
  } catch (const CLI::ParseError& e) {
    // CLI11 reports usage errors by exception; this is its one boundary.
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
