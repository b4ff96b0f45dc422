// The table of erlangc subcommands. Each command lives in src/commands/<name>.cpp: a typed
// options struct that CLI11 fills, the checks that turn it into a request, its result
// schema and its run function; its setup function adds its options to the CLI11
// subcommand and returns what runs it once the command line is parsed.
#ifndef ERLANGC_COMMANDS_COMMAND_HPP
#define ERLANGC_COMMANDS_COMMAND_HPP

#include "options.hpp"
#include "output.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

namespace erlangc {

/// Runs a parsed command: reads `in` (plan -), writes the result to `out`.
using command_runner = std::function<void(std::istream& in, std::ostream& out)>;

struct command {
  std::string_view name;
  std::vector<std::string_view> aliases;
  std::string_view description;
  command_runner (*setup)(CLI::App& app);
};

/// The end of a command's setup: --format, the --help footer, and the runner that checks
/// the options (check) and runs the command on the request (run).
template <class Options, class Request>
command_runner finish_setup(CLI::App& app, std::shared_ptr<Options> o, std::string footer,
                            Request (*check)(const Options&),
                            void (*run)(const Request&, output_format, std::ostream&)) {
  add_format(app, o->format);
  app.footer(std::move(footer));
  return [o, check, run](std::istream&, std::ostream& out) { run(check(*o), o->format, out); };
}

/// Every command, in the order of --help.
const std::vector<command>& command_table();

command_runner setup_load(CLI::App& app);
command_runner setup_blocking(CLI::App& app);
command_runner setup_lines(CLI::App& app);
command_runner setup_engset(CLI::App& app);
command_runner setup_retry(CLI::App& app);
command_runner setup_c(CLI::App& app);
command_runner setup_a(CLI::App& app);
command_runner setup_staff(CLI::App& app);
command_runner setup_plan(CLI::App& app);
command_runner setup_pool(CLI::App& app);
command_runner setup_simulate(CLI::App& app);
command_runner setup_table(CLI::App& app);
command_runner setup_x(CLI::App& app);
command_runner setup_chat(CLI::App& app);

}  // namespace erlangc

#endif  // ERLANGC_COMMANDS_COMMAND_HPP
