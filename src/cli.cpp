#include "cli.hpp"

#include "commands/command.hpp"
#include "errors.hpp"
#include "files.hpp"
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

/// The message with every word longer than 64 bytes shortened (a value pasted by mistake).
std::string cut_long_words(const std::string& message) {
  std::string out;
  std::size_t pos = 0;
  while (pos < message.size()) {
    const std::size_t end = std::min(message.find(' ', pos), message.size());
    out += shown(std::string_view(message).substr(pos, end - pos));
    if (end < message.size()) {
      out += ' ';
    }
    pos = end + 1;
  }
  return out;
}

/// Edit distance with transpositions (optimal string alignment), for "did you mean":
/// "--fromat" is 1 from "--format", 2 from "--from".
std::size_t distance(std::string_view a, std::string_view b) {
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) {
    for (std::size_t j = 0; j <= b.size(); ++j) {
      if (i == 0 || j == 0) {
        d[i * w + j] = i + j;
        continue;
      }
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v =
          std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, d[(i - 2) * w + j - 2] + 1);
      }
      d[i * w + j] = v;
    }
  }
  return d.back();
}

/// " (did you mean --format?)" for the closest long option of `app`, or "".
std::string suggestion(const CLI::App& app, std::string_view given) {
  const std::string_view name = given.substr(0, given.find('='));
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(3, name.size() / 3) + 1;
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& l : o->get_lnames()) {
      const std::string candidate = "--" + l;
      const std::size_t d = candidate.rfind(name, 0) == 0 ? 1 : distance(name, candidate);
      if (d < best_distance) {
        best_distance = d;
        best = candidate;
      }
    }
  }
  return best.empty() ? std::string() : fmt::format(" (did you mean {}?)", best);
}

/// The CLI11 error in erlangc's words.
std::string describe_parse_error(const application& a, const CLI::ParseError& e, int argc,
                                 const char* const* argv) {
  const auto commands = a.app.get_subcommands();
  const CLI::App* sub = commands.empty() ? nullptr : commands.front();
  if (sub == nullptr && argc > 1 && argv[1][0] == '-') {
    return fmt::format(
        "unknown option '{}' before the command: write erlangc COMMAND [OPTIONS] "
        "(the commands are {})",
        shown(argv[1]), command_names());
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    // The first argument CLI11 left: an unknown option or a stray value.
    for (int i = 2; i < argc && sub != nullptr; ++i) {
      const std::string_view arg = argv[i];
      if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
        const std::string name(arg.substr(0, arg.find('=')));
        if (sub->get_option_no_throw(name) == nullptr) {
          return fmt::format("unknown option '{}' for '{}'{}", shown(name), sub->get_name(),
                             suggestion(*sub, name));
        }
      }
    }
    return cut_long_words(e.what());
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    const std::string what = e.what();
    const auto colon = what.find(':');
    if (what.find("At Most") != std::string::npos && colon != std::string::npos) {
      return fmt::format("{} is given more than once: give it once", what.substr(0, colon));
    }
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && sub == nullptr) {
    return fmt::format("a command is required: erlangc COMMAND [OPTIONS], the commands are {}",
                       command_names());
  }
  return cut_long_words(e.what());
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
    err << "erlangc: error: " << describe_parse_error(*a, e, argc, argv) << "\nRun 'erlangc "
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
    // The library refused an argument the command line let through: its reason, without
    // the library's function signature.
    std::string reason = e.what();
    if (reason.rfind("Error in function ", 0) == 0 && reason.find("): ") != std::string::npos) {
      reason.erase(0, reason.find("): ") + 3);
    }
    err << "erlangc: error: the values given are outside what the model computes: "
        << cut_long_words(reason) << '\n';
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
