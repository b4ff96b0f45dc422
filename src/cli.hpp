// The erlangc command line: parses the arguments with CLI11, runs the chosen command and
// maps every error to an exit code, in one place (run()).
#ifndef ERLANGC_CLI_HPP
#define ERLANGC_CLI_HPP

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace erlangc {

/// Runs erlangc with argv[0] the program name. Results go to `out`, messages to `err`,
/// `in` is read by `plan -`. Returns the exit code: 0 success (and --help, --version),
/// 1 infeasible request, 2 usage error, 3 the output cannot be written. Never throws.
int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

/// As above with the arguments after the program name.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err);

}  // namespace erlangc

#endif  // ERLANGC_CLI_HPP
