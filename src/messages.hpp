// What erlangc says when a command line is wrong, in its own words: CLI11's parse errors
// rephrased to name the options and what to do, an unknown command or option with the
// closest one ("did you mean --format?"), and a domain error of the library naming the
// option whose value is at fault. Used by run() (cli.cpp).
#ifndef ERLANGC_MESSAGES_HPP
#define ERLANGC_MESSAGES_HPP

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace erlangc {

/// The command names: "load, b, lines, ..., simulate and table".
std::string command_names();

/// " (did you mean --format?)" for the candidate closest to `given` (edit distance with
/// transpositions, or a candidate that `given` begins), or "" when none is close.
std::string suggestion(std::string_view given, const std::vector<std::string>& candidates);

/// Throws usage_error when argv[1] is neither an option nor a command of `app`, naming the
/// closest command.
void reject_unknown_command(const CLI::App& app, int argc, const char* const* argv);

/// The CLI11 error `e`, met while parsing argv with `app`, in erlangc's words.
std::string describe_parse_error(const CLI::App& app, const CLI::ParseError& e, int argc,
                                 const char* const* argv);

/// A std::domain_error of the library (an argument outside what a model computes), without
/// the library's function signature, naming the option at fault as given in argv.
std::string describe_domain_error(std::string_view what, int argc, const char* const* argv);

/// The message with every word longer than 64 bytes shortened (a value pasted by mistake).
std::string cut_long_words(std::string_view message);

}  // namespace erlangc

#endif  // ERLANGC_MESSAGES_HPP
