#include "cli.hpp"

#include "commands/command.hpp"
#include "errors.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

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

  application() {
    app.set_version_flag("--version", version);
    app.require_subcommand(1, 1);
    app.footer(
        "Exit codes: 0 success; 1 infeasible request (an overloaded system, a target beyond "
        "--max-agents); 2 usage error (bad option, value, unit or input row).\n"
        "Run 'erlangc COMMAND --help' for a command's options and output keys.");
    for (const command& c : command_table()) {
      CLI::App* sub = app.add_subcommand(std::string(c.name), std::string(c.description));
      for (const std::string_view alias : c.aliases) {
        sub->alias(std::string(alias));
      }
      commands.emplace_back(sub, c.setup(*sub));
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

/// "load, b, ..., plan and table".
std::string command_names() {
  std::string s;
  const auto& table = command_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    s += i == 0 ? "" : i + 1 == table.size() ? " and " : ", ";
    s += table[i].name;
  }
  return s;
}

void reject_unknown_command(const application& a, int argc, const char* const* argv) {
  if (argc > 1 && argv[1][0] != '-' &&
      a.app.get_subcommands([&](const CLI::App* c) { return c->check_name(argv[1]); }).empty()) {
    throw usage_error(
        fmt::format("unknown command '{}': the commands are {} (erlangc --help lists them)",
                    argv[1], command_names()));
  }
}

}  // namespace

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
  // Every error ends here: usage errors exit 2, infeasible requests 1; the message names
  // the option, value or CSV location and nothing is written to `out`.
  std::unique_ptr<application> a;
  try {
    a = std::make_unique<application>();
    reject_unknown_command(*a, argc, argv);
    a->app.parse(argc, argv);
    a->execute(in, out);
    return exit_ok;
  } catch (const CLI::Success& e) {  // --help, --version
    return a->app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    const auto commands = a->app.get_subcommands();
    err << "erlangc: error: " << e.what() << "\nRun 'erlangc "
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
    // The library refused an argument the command line let through.
    err << "erlangc: error: " << e.what() << '\n';
    return exit_usage;
  } catch (const std::bad_alloc&) {
    err << "erlangc: error: out of memory\n";
    return exit_infeasible;
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
