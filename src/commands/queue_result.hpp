// What c, a and staff report: a queueing model's measures at a number of agents, and the
// fields their schemas share.
#ifndef ERLANGC_COMMANDS_QUEUE_RESULT_HPP
#define ERLANGC_COMMANDS_QUEUE_RESULT_HPP

#include "commands.hpp"
#include "models.hpp"
#include "options.hpp"
#include "schema.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace erlangc {

struct queue_result {
  model_facts facts{};
  double traffic = 0;
  double aht = 0;
  double answer_time = 0;
  double agents = 0;
  queue_measures q{};
  std::optional<bool> meets{};  ///< c with targets
  std::string target_words{};   ///< the targets, for the note of meets
  double scheduled = 0;         ///< staff
  double shrinkage = 0;         ///< staff
};

/// The measures of a c or a request, with the heading of the result. Throws
/// infeasible_error when the agents cannot serve the traffic.
queue_result evaluate(const measures_request& r, std::string& title);

/// The options c and a share: the traffic, --agents, the targets and the curve.
struct measures_options {
  traffic_options traffic;
  arg<double> agents;
  target_options targets;
  bool curve = false;
  arg<double> from;
  arg<double> to;
  arg<double> queue_capacity;
  output_format format = output_format::text;
  std::string chart;  ///< --chart FILE (.svg or .png): the curve drawn
};
/// Adds every option of measures_options; `agents_help` ends the --agents message.
void add_measures_options(CLI::App& app, measures_options& o);

/// c and a: the measures at --agents (run), or the curve with --curve, for the model that
/// `model_of` chooses from the agents (none with --curve) and the AHT.
void run_measures(
    const measures_options& o,
    const std::function<queue_model(std::optional<double> agents, double aht)>& model_of,
    void (*run)(const measures_request&, output_format, std::ostream&), const char* agents_missing,
    std::ostream& out);

/// The meets_target field (c and a with targets).
record_field<queue_result> meets_target();

/// Fields of queue_result schemas.
namespace queue_fields {
record_field<queue_result> traffic();
record_field<queue_result> agents(const char* note = "");
record_field<queue_result> aht();
record_field<queue_result> patience();
record_field<queue_result> queue_capacity();
record_field<queue_result> answer_time();
/// blocking, wait_probability, abandon_probability, service_level, asa,
/// mean_queue_length, occupancy (each where the model has it).
std::vector<record_field<queue_result>> measures();
}  // namespace queue_fields

/// The fields of several lists, in order.
std::vector<record_field<queue_result>> join(
    std::initializer_list<std::vector<record_field<queue_result>>> lists);

}  // namespace erlangc

#endif  // ERLANGC_COMMANDS_QUEUE_RESULT_HPP
