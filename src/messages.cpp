#include "messages.hpp"

#include "commands/command.hpp"
#include "errors.hpp"
#include "units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace erlangc {
namespace {

/// Edit distance with transpositions (optimal string alignment): "--fromat" is 1 from
/// "--format", 2 from "--from".
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

/// The long option names of `app` ("--format", ...).
std::vector<std::string> long_options(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& l : o->get_lnames()) {
      names.push_back("--" + l);
    }
  }
  return names;
}

/// The option's help text as a clause: "mean handling time, e.g. 3m".
std::string described(const CLI::Option* o) {
  if (o == nullptr) {
    return {};
  }
  std::string d = o->get_description();
  if (const auto at = d.find(" (required)"); at != std::string::npos) {
    d.erase(at);
  }
  if (!d.empty()) {
    d[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(d[0])));
  }
  return d;
}

/// The text around `separator` in a CLI11 message "--a excludes --b".
std::pair<std::string, std::string> split_pair(const std::string& what,
                                               std::string_view separator) {
  const auto at = what.find(separator);
  if (at == std::string::npos) {
    return {what, {}};
  }
  return {what.substr(0, at), what.substr(at + separator.size())};
}

/// CLI11's errors of options that do not go together or need one another.
std::string describe_combination(const CLI::App* sub, const CLI::ParseError& e) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ExcludesError*>(&e) != nullptr) {
    const auto [a, b] = split_pair(what, " excludes ");
    std::string s = fmt::format("{} and {} do not go together: give one of them", a, b);
    const CLI::Option* o = sub == nullptr ? nullptr : sub->get_option_no_throw(a);
    const std::string group = o == nullptr ? std::string() : o->get_group();
    if (const auto form = group.find("(one form: "); form != std::string::npos) {
      s += fmt::format(" (the traffic in one form: {}", group.substr(form + 11));
    }
    return s;
  }
  const auto [a, b] = split_pair(what, " requires ");
  return fmt::format("{} goes with {}: give {} too, or leave out {}", a, b, b, a);
}

/// CLI11's RequiredError and ArgumentMismatch: a missing option or value, an option twice.
std::string describe_missing(const CLI::App* sub, const CLI::ParseError& e) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
    if (sub == nullptr) {
      return fmt::format("a command is required: erlangc COMMAND [OPTIONS], the commands are {}",
                         command_names());
    }
    const std::string name = split_pair(what, " is required").first;
    const CLI::Option* o = sub->get_option_no_throw(name);
    const bool positional = o != nullptr && o->get_lnames().empty() && o->get_snames().empty();
    if (positional) {
      return fmt::format("missing the {} argument: {} (erlangc {} {} [OPTIONS])",
                         o->get_type_name(), described(o), sub->get_name(), o->get_type_name());
    }
    return o == nullptr ? fmt::format("missing {}", name)
                        : fmt::format("missing {} {}: {}", name, o->get_type_name(), described(o));
  }
  const auto [name, rest] = split_pair(what, ":");
  if (rest.find("At Most") != std::string::npos || rest.find("received") != std::string::npos) {
    return fmt::format("{} is given more than once: give it once", name);
  }
  const CLI::Option* o = sub == nullptr ? nullptr : sub->get_option_no_throw(name);
  return fmt::format(
      "{} is given without its value{}", name,
      o == nullptr ? std::string() : fmt::format(": {}, {}", o->get_type_name(), described(o)));
}

/// CLI11's ExtrasError: the first argument it left, an unknown option or a stray value.
std::string describe_extra(const CLI::App* sub, const CLI::ParseError& e, int argc,
                           const char* const* argv) {
  for (int i = 2; i < argc && sub != nullptr; ++i) {
    const std::string_view arg = argv[i];
    if (arg.size() < 2 || arg[0] != '-') {
      continue;
    }
    const std::string name(arg.substr(0, arg.find('=')));
    if (sub->get_option_no_throw(name) == nullptr) {
      return fmt::format("unknown option '{}' for '{}'{}", shown(name), sub->get_name(),
                         suggestion(name, long_options(*sub)));
    }
  }
  const std::string what = e.what();
  const auto colon = what.find(": ");
  const std::string extras = colon == std::string::npos ? what : what.substr(colon + 2);
  return fmt::format(
      "unexpected argument '{}'{}: every value follows its option (e.g. --traffic "
      "10)",
      shown(extras.substr(0, extras.find(' '))),
      sub == nullptr ? "" : " for '" + sub->get_name() + "'");
}

/// The options of argv that appear in `options`, with their values: "--patience 1e20".
std::vector<std::string> given(const std::vector<std::string_view>& options, int argc,
                               const char* const* argv) {
  std::vector<std::string> found;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const std::string_view name = arg.substr(0, arg.find('='));
    const bool all = options.empty() && arg.starts_with("--") && name != "--format" &&
                     name != "--output" && name != "--quiet";
    if (!all && std::find(options.begin(), options.end(), name) == options.end()) {
      continue;
    }
    const bool inline_value = name.size() < arg.size();
    const std::string_view value = inline_value   ? arg.substr(name.size() + 1)
                                   : i + 1 < argc ? std::string_view(argv[i + 1])
                                                  : std::string_view();
    found.push_back(value.empty() ? std::string(name) : fmt::format("{} {}", name, shown(value)));
  }
  return found;
}

}  // namespace

std::string command_names() {
  std::string s;
  const auto& table = command_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    s += i == 0 ? "" : i + 1 == table.size() ? " and " : ", ";
    s += table[i].name;
  }
  return s;
}

std::string suggestion(std::string_view given, const std::vector<std::string>& candidates) {
  const std::string_view name = given.substr(0, given.find('='));
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(3, name.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t d = candidate.starts_with(name) ? 1 : distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best.empty() ? std::string() : fmt::format(" (did you mean {}?)", best);
}

void reject_unknown_command(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2 || argv[1][0] == '-' ||
      !app.get_subcommands([&](const CLI::App* c) { return c->check_name(argv[1]); }).empty()) {
    return;
  }
  std::vector<std::string> names;
  for (const command& c : command_table()) {
    names.emplace_back(c.name);
    names.insert(names.end(), c.aliases.begin(), c.aliases.end());
  }
  throw usage_error(
      fmt::format("unknown command '{}'{}: the commands are {} (erlangc --help lists them)",
                  shown(argv[1]), suggestion(argv[1], names), command_names()));
}

std::string describe_parse_error(const CLI::App& app, const CLI::ParseError& e, int argc,
                                 const char* const* argv) {
  const auto commands = app.get_subcommands();
  const CLI::App* sub = commands.empty() ? nullptr : commands.front();
  if (sub == nullptr && argc > 1 && argv[1][0] == '-') {
    const std::string hint = suggestion(argv[1], long_options(app));
    if (!hint.empty()) {
      return fmt::format("unknown option '{}'{}", shown(argv[1]), hint);
    }
    return fmt::format(
        "unknown option '{}' before the command: write erlangc COMMAND [OPTIONS] "
        "(the commands are {})",
        shown(argv[1]), command_names());
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    return describe_extra(sub, e, argc, argv);
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&e) != nullptr ||
      dynamic_cast<const CLI::RequiresError*>(&e) != nullptr) {
    return describe_combination(sub, e);
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr ||
      dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    return cut_long_words(describe_missing(sub, e));
  }
  return cut_long_words(e.what());
}

std::string describe_domain_error(std::string_view what, int argc, const char* const* argv) {
  std::string reason(what);
  if (reason.starts_with("Error in function ") && reason.find("): ") != std::string::npos) {
    reason.erase(0, reason.find("): ") + 3);
  }
  // The words of the library's messages, and the options that set those values.
  struct culprit {
    std::string_view words;
    std::vector<std::string_view> options;
  };
  static const std::array<culprit, 15> culprits{{
      {"traffic per idle source", {"--idle-source-traffic", "--traffic"}},
      {"patience", {"--patience"}},
      {"handling time", {"--aht"}},
      {"waiting places", {"--queue-capacity"}},
      {"recall fraction", {"--retry"}},
      {"sources", {"--sources"}},
      {"service level target", {"--service-level"}},
      {"answer time", {"--service-level", "--target"}},
      {"wait probability target", {"--max-wait-probability"}},
      {"occupancy target", {"--max-occupancy"}},
      {"abandonment target", {"--max-abandon"}},
      {"blocking target", {"--blocking", "--max-blocking"}},
      {"shrinkage", {"--shrinkage"}},
      {"traffic", {"--traffic", "--calls", "--rate", "--idle-source-traffic"}},
      {"agents", {"--agents", "--servers", "--lines", "--min-agents", "--max-agents"}},
  }};
  std::string lower = reason;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto* c = std::find_if(culprits.begin(), culprits.end(), [&](const culprit& k) {
    return lower.find(k.words) != std::string::npos && !given(k.options, argc, argv).empty();
  });
  const auto named =
      given(c == culprits.end() ? std::vector<std::string_view>{} : c->options, argc, argv);
  return cut_long_words(fmt::format(
      "{}: {} outside what the model computes: {}",
      named.empty() ? std::string("the values given") : fmt::format("{}", fmt::join(named, ", ")),
      named.size() == 1 ? "the value is" : "the values are", reason));
}

std::string cut_long_words(std::string_view message) {
  std::string out;
  std::size_t pos = 0;
  while (pos < message.size()) {
    const std::size_t end = std::min(message.find(' ', pos), message.size());
    out += shown(message.substr(pos, end - pos));
    if (end < message.size()) {
      out += ' ';
    }
    pos = end + 1;
  }
  return out;
}

}  // namespace erlangc
