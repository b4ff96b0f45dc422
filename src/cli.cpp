#include "cli.hpp"

#include "commands/command.hpp"
#include "errors.hpp"
#include "files.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "units.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <new>
#include <stdexcept>

namespace erlangc {
namespace {

constexpr const char* version = "erlangc 0.1.0";

/// The command line: every command of the table, and what runs the one parsed.
struct application {
  CLI::App app{
      "erlangc: Erlang B, C and A, Engset, extended Erlang B (retries) and finite-queue "
      "capacity planning for call centres, trunks and server pools",
      "erlangc"};
  std::vector<std::pair<CLI::App*, command_runner>> commands;
  std::string output_path;  ///< -o: write the result there instead of standard output
  bool quiet = false;       ///< --quiet: no warnings nor progress on standard error

  application() {
    app.set_version_flag("--version", version);
    app.require_subcommand(1, 1);
    app.footer(
        "Exit codes: 0 success; 1 infeasible request (an overloaded system, a target beyond "
        "--max-agents); 2 usage error (bad option, value, unit or input row); 3 the output "
        "cannot be written (the message gives the system's reason).\n"
        "Run 'erlangc COMMAND --help' for a command's options and output keys.");
    for (const command& c : command_table()) {
      CLI::App* sub = app.add_subcommand(std::string(c.name), std::string(c.description));
      for (const std::string_view alias : c.aliases) {
        sub->alias(std::string(alias));
      }
      commands.emplace_back(sub, c.setup(*sub));
      sub->add_option("-o,--output", output_path,
                      "Write the result to FILE instead of standard output: a temporary file in "
                      "the same folder renamed to FILE once complete, so a failed run leaves "
                      "FILE as it was")
          ->type_name("FILE");
      sub->add_flag("-q,--quiet", quiet,
                    "No warnings nor progress on standard error (errors are still reported)");
    }
  }

  void execute(std::istream& in, std::ostream& out) const {
    for (const auto& [sub, runner] : commands) {
      if (*sub) {
        runner(in, out);
      }
    }
  }
};

}  // namespace

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
  // Every error ends here: usage errors exit 2, infeasible requests 1; the message names
  // the option, value or CSV location and nothing is written to `out`.
  std::unique_ptr<application> a;
  try {
    a = std::make_unique<application>();
    reject_unknown_command(a->app, argc, argv);
    a->app.parse(argc, argv);
    const scoped_messages messages(
        {&err, a->quiet, &err == &std::cerr && ::isatty(STDERR_FILENO) == 1});
    side_files sides;
    const scoped_side_files side_scope(sides);
    if (a->output_path.empty()) {
      a->execute(in, out);
    } else {
      atomic_file file(a->output_path, "-o");
      a->execute(in, file.stream());
      file.close();
      sides.commit();
      file.commit();
    }
    sides.commit();
    return exit_ok;
  } catch (const CLI::Success& e) {  // --help, --version
    errno = 0;
    const int code = a->app.exit(e, out, err);
    out.flush();
    if (!out) {
      err << "erlangc: error: " << describe_write_failure(errno) << '\n';
      return exit_io;
    }
    return code;
  } catch (const io_error& e) {
    err << "erlangc: error: " << e.what() << '\n';
    return exit_io;
  } catch (const CLI::ParseError& e) {
    const auto commands = a->app.get_subcommands();
    err << "erlangc: error: " << describe_parse_error(a->app, e, argc, argv) << "\nRun 'erlangc "
        << (commands.empty() ? std::string() : commands.front()->get_name() + " ")
        << "--help' for usage.\n";
    return exit_usage;
  } catch (const usage_error& e) {
    err << "erlangc: error: " << e.what() << '\n';
    return exit_usage;
  } catch (const infeasible_error& e) {
    err << "erlangc: infeasible: " << e.what() << '\n';
    return exit_infeasible;
  } catch (const std::domain_error& e) {
    // The library refused an argument the command line let through: its reason, naming
    // the option.
    err << "erlangc: error: " << describe_domain_error(e.what(), argc, argv) << '\n';
    return exit_usage;
  } catch (const std::bad_alloc&) {
    err << "erlangc: error: out of memory: the system could not provide the memory this "
           "run needs (free some memory, or give a smaller input)\n";
    return exit_io;
  } catch (const std::exception& e) {
    err << "erlangc: error: cannot compute the result: " << e.what() << '\n';
    return exit_infeasible;
  } catch (...) {
    err << "erlangc: error: unexpected failure\n";
    return exit_infeasible;
  }
}

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
  std::vector<const char*> argv{"erlangc"};
  for (const auto& a : args) {
    argv.push_back(a.c_str());
  }
  return run(static_cast<int>(argv.size()), argv.data(), in, out, err);
}

}  // namespace erlangc
