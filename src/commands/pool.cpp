// erlangc pool: a pool of servers (threads, connections, instances) sized by response
// times: the fewest servers for percentile, mean and utilization targets at a request rate,
// the largest rate a given pool handles within them, and every measure (utilization, P(wait),
// mean wait and response, wait and response-time percentiles). M/M/c exactly; with
// --cv-arrival or --cv-service G/G/c by the approximations of gg_c.hpp (said in the output).
#include "commands.hpp"
#include "commands/charts.hpp"
#include "commands/command.hpp"
#include "errors.hpp"
#include "schema.hpp"
#include "units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace erlangc {
namespace {

struct percentile_target {
  double fraction;
  double time;
};

struct pool_options {
  arg<double> rate;
  arg<double> service_time;
  arg<double> servers;
  std::vector<std::pair<std::string, arg<double>>> response_shortcuts;  // --p50 ... --p999
  arg<percentile_target> response;
  arg<percentile_target> wait;
  arg<double> mean_response;
  arg<double> max_utilization;
  arg<double> cv_arrival;
  arg<double> cv_service;
  arg<std::vector<double>> percentiles;
  output_format format = output_format::text;
  std::string chart;
};

/// "99/250ms", "99.9%/250ms": a percentile (above 0, below 100) and a time.
percentile_target parse_percentile_target(const std::string& s) {
  const auto slash = s.find('/');
  if (slash == std::string::npos) {
    throw usage_error(fmt::format(
        "'{}' is not a percentile target: write 99/250ms (99 % within 250 ms)", shown(s)));
  }
  std::string p = s.substr(0, slash);
  if (!p.empty() && p.back() == '%') {
    p.pop_back();
  }
  const double percent = parse_number(p);
  if (!(percent > 0 && percent < 100)) {
    throw usage_error(fmt::format("'{}': the percentile must lie above 0 and below 100", shown(s)));
  }
  return {percent / 100, parse_duration(s.substr(slash + 1))};
}

double parse_cv_value(const std::string& s) {
  const double v = parse_number(s);
  if (!(v >= 0) || v > 100) {
    throw usage_error(
        fmt::format("'{}': the coefficient of variation must lie in [0, 100]", shown(s)));
  }
  return v;
}

/// The checked request.
struct pool_request {
  pool_model model;
  std::optional<double> rate;     ///< requests per second
  std::optional<double> servers;  ///< given
  pool_goal goal;
  std::vector<double> fractions;  ///< the percentiles shown
  std::string chart;
};

pool_goal goal_of(const pool_options& o) {
  pool_goal g;
  std::optional<percentile_target> response = o.response.optional();
  for (const auto& [name, value] : o.response_shortcuts) {
    if (!value) {
      continue;
    }
    if (response) {
      throw usage_error(fmt::format(
          "{} and another response-time percentile: give one percentile target (and, if "
          "needed, --mean-response)",
          name));
    }
    const double percent = name == "--p999" ? 99.9 : parse_number(name.substr(3));
    response = percentile_target{percent / 100, *value};
  }
  if (response) {
    g.response_fraction = response->fraction;
    g.response_time = response->time;
  }
  if (o.wait) {
    g.wait_fraction = o.wait->fraction;
    g.wait_time = o.wait->time;
  }
  g.max_mean_response = o.mean_response.optional();
  g.max_utilization = o.max_utilization.optional();
  return g;
}

pool_request check(const pool_options& o) {
  pool_request r;
  if (!o.service_time) {
    throw usage_error(
        "--service-time is required: the mean time a request holds a server, e.g. "
        "35ms");
  }
  r.model = {*o.service_time, o.cv_arrival.value_or(1), o.cv_service.value_or(1)};
  r.rate = o.rate.optional();
  r.servers = o.servers.optional();
  r.goal = goal_of(o);
  r.chart = o.chart;
  if (!r.rate && !r.servers) {
    throw usage_error(
        "give --rate (the fewest servers for the targets, or the measures of --servers) or "
        "--servers with a target (the largest rate they handle)");
  }
  if (!r.servers && !r.goal.any()) {
    throw usage_error(
        "--servers is required, or a target to size the pool for (--p99 250ms, "
        "--mean-response 50ms, --max-utilization 80%, ...)");
  }
  if (!r.rate && !r.goal.any()) {
    throw usage_error("--servers without --rate needs a target: the largest rate that meets it");
  }
  r.fractions = o.percentiles.value_or({0.5, 0.9, 0.99, 0.999});
  for (const std::optional<double>& f : {r.goal.response_fraction, r.goal.wait_fraction}) {
    if (f && std::find(r.fractions.begin(), r.fractions.end(), *f) == r.fractions.end()) {
      r.fractions.push_back(*f);
    }
  }
  std::sort(r.fractions.begin(), r.fractions.end());
  if (r.rate) {
    check_traffic(offered_traffic(*r.rate, r.model.service_time), "--rate");
  }
  return r;
}

// ---- output -----------------------------------------------------------------------------
namespace pool_key {
const output_key model{"model", "", value_kind::text,
                       "mm_c (exact: exponential interarrival and service times) or gg_c "
                       "(--cv-arrival or --cv-service: the G/G/c approximations)"};
const output_key rate{"rate", "req/s", value_kind::calls,
                      "request rate, per second (with --servers and no --rate: the largest "
                      "rate meeting the targets)"};
const output_key service_time{"service_time", "s", value_kind::seconds,
                              "mean service time, seconds"};
const output_key cv_arrival{"cv_arrival", "", value_kind::number,
                            "coefficient of variation of the interarrival times (1: Poisson)"};
const output_key cv_service{"cv_service", "", value_kind::number,
                            "coefficient of variation of the service times (1: exponential)"};
const output_key servers{"servers", "", value_kind::count,
                         "servers (threads, connections, instances): given, or the fewest "
                         "meeting every target"};
const output_key utilization{"utilization", "%", value_kind::percent,
                             "traffic / servers, the share of time a server is busy, 0-1"};
const output_key wait_probability{"wait_probability", "%", value_kind::percent,
                                  "fraction of requests that wait for a server, 0-1"};
const output_key mean_wait{"mean_wait", "s", value_kind::seconds,
                           "mean wait for a server, all requests, seconds"};
const output_key mean_response{"mean_response_time", "s", value_kind::seconds,
                               "mean response time (wait + service), seconds"};
const output_key response_percentile{
    "response_time_p<N>", "s", value_kind::seconds,
    "the N-th percentile of the response time, seconds (response_time_p99, response_time_p99_9)"};
const output_key wait_percentile{"wait_p<N>", "s", value_kind::seconds,
                                 "the N-th percentile of the wait for a server, seconds"};
const output_key max_rate{"max_rate", "req/s", value_kind::calls,
                          "the largest request rate --servers handle within every target"};
const output_key meets_target{"meets_target", "", value_kind::text,
                              "true when every target is met (--rate with --servers)"};
}  // namespace pool_key

std::string describe_goal(const pool_goal& g) {
  std::vector<std::string> parts;
  if (g.response_fraction) {
    parts.push_back(fmt::format("{} of responses within {}", describe_percent(*g.response_fraction),
                                describe_duration(g.response_time)));
  }
  if (g.wait_fraction) {
    parts.push_back(fmt::format("{} of waits within {}", describe_percent(*g.wait_fraction),
                                describe_duration(g.wait_time)));
  }
  if (g.max_mean_response) {
    parts.push_back(fmt::format("mean response <= {}", describe_duration(*g.max_mean_response)));
  }
  if (g.max_utilization) {
    parts.push_back(fmt::format("utilization <= {}", describe_percent(*g.max_utilization)));
  }
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    s += (i == 0 ? "" : ", ") + parts[i];
  }
  return s;
}

/// "p99.9": a percentile in words.
std::string percentile_label(double fraction) { return fmt::format("p{:.10g}", fraction * 100); }

/// "1 server", "12 servers".
std::string servers_phrase(double n) {
  return fmt::format("{} {}", describe_count(n), n == 1 ? "server" : "servers");
}

std::string describe_model(const pool_model& m) {
  if (m.exponential()) {
    return "M/M/c";
  }
  return fmt::format(
      "G/G/c approximation (cv of interarrival times {:g}, of service times {:g}: Erlang C's "
      "P(wait), the QNA mean wait, gamma service times)",
      m.cv_arrival, m.cv_service);
}

/// The result: the load, the servers and every measure there.
std::vector<field> fields_of(const pool_request& r, double rate, double servers,
                             const pool_measures& m, std::optional<double> max_rate) {
  std::vector<field> v;
  const auto add = [&v](const output_key& k, std::string_view label, cell value,
                        std::string note = "", bool in_text = true) {
    v.push_back({std::string(k.name), std::string(label), std::move(value), k.kind,
                 std::string(k.unit), std::move(note), in_text});
  };
  add(pool_key::model, "", std::string(r.model.exponential() ? "mm_c" : "gg_c"), "", data_only);
  add(pool_key::rate, "request rate", rate, r.rate ? "" : "the largest meeting the targets");
  add(pool_key::service_time, "service time", r.model.service_time);
  add(key::traffic, "offered traffic", rate * r.model.service_time);
  add(pool_key::cv_arrival, "", r.model.cv_arrival, "", data_only);
  add(pool_key::cv_service, "", r.model.cv_service, "", data_only);
  add(pool_key::servers, "servers", servers, r.servers ? "" : "the fewest meeting the targets");
  add(pool_key::utilization, "utilization", m.utilization);
  add(pool_key::wait_probability, "wait probability", m.wait_probability);
  add(pool_key::mean_wait, "mean wait", m.mean_wait);
  add(pool_key::mean_response, "mean response", m.mean_response);
  for (std::size_t i = 0; i < r.fractions.size(); ++i) {
    const std::string p = percentile_key(r.fractions[i]);
    v.push_back({"response_time_" + p, "response " + percentile_label(r.fractions[i]),
                 m.response_quantiles[i], value_kind::seconds, "s", "", true});
  }
  for (std::size_t i = 0; i < r.fractions.size(); ++i) {
    const std::string p = percentile_key(r.fractions[i]);
    v.push_back({"wait_" + p, "wait " + percentile_label(r.fractions[i]), m.wait_quantiles[i],
                 value_kind::seconds, "s", "", true});
  }
  if (max_rate) {
    add(pool_key::max_rate, "largest rate", *max_rate, "meeting every target");
  }
  if (r.rate && r.servers && r.goal.any()) {
    add(pool_key::meets_target, "meets the targets", pool_meets(m, r.goal));
  }
  return v;
}

/// The response-time percentiles and the utilization against the servers, from the least
/// that keeps the queue finite to well past the count shown (at most 200 counts).
chart pool_chart(const pool_request& r, double rate, double servers) {
  const double e = rate * r.model.service_time;
  const double first = std::max(std::floor(e) + 1, servers - 10);
  const double last = std::max(servers + 10, first + 10);
  chart c;
  c.title =
      fmt::format("Server pool, {}: {} requests per second of {}",
                  r.model.exponential() ? "M/M/c" : "G/G/c approximation",
                  text_number(rate, value_kind::calls), describe_duration(r.model.service_time));
  c.subtitle = r.goal.any() ? "targets: " + describe_goal(r.goal) : "";
  c.x_label = "servers";
  chart_panel times{"response time", axis_unit::seconds, 0.0, std::nullopt, {}, {}};
  chart_panel shares{"share", axis_unit::percent, 0.0, 1.0, {}, {}};
  std::vector<chart_series> percentiles;
  for (const double f : r.fractions) {
    percentiles.push_back({"response " + percentile_label(f), {}, false, false});
  }
  chart_series mean{"mean response", {}, false, true};
  chart_series utilization{"utilization", {}, false, false};
  chart_series waits{"wait probability", {}, false, false};
  for (double n = first; n <= last && n - first < 200; n += 1) {
    c.x.push_back(n);
    const pool_measures m = pool_measures_at(r.model, e, n, r.fractions, r.goal);
    for (std::size_t i = 0; i < percentiles.size(); ++i) {
      percentiles[i].y.push_back(m.response_quantiles[i]);
    }
    mean.y.push_back(m.mean_response);
    utilization.y.push_back(m.utilization);
    waits.y.push_back(m.wait_probability);
  }
  times.series = std::move(percentiles);
  times.series.push_back(std::move(mean));
  if (r.goal.response_fraction) {
    times.references.push_back(
        {fmt::format("target: {} within {}", percentile_label(*r.goal.response_fraction),
                     describe_duration(r.goal.response_time)),
         r.goal.response_time});
  }
  if (r.goal.max_mean_response) {
    times.references.push_back(
        {fmt::format("mean response target {}", describe_duration(*r.goal.max_mean_response)),
         *r.goal.max_mean_response});
  }
  shares.series = {std::move(utilization), std::move(waits)};
  if (r.goal.max_utilization) {
    shares.references.push_back(
        {fmt::format("utilization target {}", describe_percent(*r.goal.max_utilization)),
         *r.goal.max_utilization});
  }
  c.panels = {std::move(times), std::move(shares)};
  c.marker_x = servers;
  c.marker_label =
      fmt::format("{}: {}", r.servers ? "the servers given" : "the fewest meeting the targets",
                  describe_count(servers));
  return c;
}

void run_pool(const pool_request& r, output_format format, std::ostream& out) {
  const double h = r.model.service_time;
  double rate = 0;
  double servers = 0;
  std::optional<double> max_rate;
  if (r.servers && r.goal.any()) {
    max_rate = pool_traffic_for(r.model, *r.servers, r.goal) / h;
  }
  if (r.rate) {
    rate = *r.rate;
    servers = r.servers ? *r.servers : pool_servers_for(r.model, rate * h, r.goal);
  } else {
    rate = *max_rate;
    servers = *r.servers;
  }
  if (!(servers > rate * h)) {
    throw infeasible_error(fmt::format(
        "{} cannot serve {} requests per second of {}: the queue grows without bound (at least "
        "{} servers are needed)",
        servers_phrase(servers), text_number(rate, value_kind::calls), describe_duration(h),
        servers_phrase(std::floor(rate * h) + 1)));
  }
  const pool_measures m = pool_measures_at(r.model, rate * h, servers, r.fractions, r.goal);
  std::string title = fmt::format("Server pool, {}: {} requests per second of {} ({})",
                                  describe_model(r.model), text_number(rate, value_kind::calls),
                                  describe_duration(h), describe_traffic(rate * h));
  if (r.goal.any()) {
    title += fmt::format("\ntargets: {}", describe_goal(r.goal));
  }
  if (!r.chart.empty()) {
    write_chart(pool_chart(r, rate, servers), r.chart);
  }
  std::string text;
  write_record(text, format, title, fields_of(r, rate, servers, m, max_rate));
  write_all(out, text);
}

std::vector<const output_key*> all_keys() {
  return {&pool_key::model,
          &pool_key::rate,
          &pool_key::service_time,
          &key::traffic,
          &pool_key::cv_arrival,
          &pool_key::cv_service,
          &pool_key::servers,
          &pool_key::utilization,
          &pool_key::wait_probability,
          &pool_key::mean_wait,
          &pool_key::mean_response,
          &pool_key::response_percentile,
          &pool_key::wait_percentile,
          &pool_key::max_rate,
          &pool_key::meets_target};
}

}  // namespace

command_runner setup_pool(CLI::App& app) {
  auto o = std::make_shared<pool_options>();
  add_parsed<double>(
      app, "--rate", o->rate, [](const std::string& s) { return parse_rate(s); },
      "Request rate: 1200/s, 1200 req/s, 1.2k/s, 70/ms (a bare number is per second)", "RATE");
  add_parsed(app, "--service-time,--aht", o->service_time, positive_duration("the service time"),
             "Mean service time of a request, e.g. 35ms (required)", "DURATION");
  add_parsed(app, "--servers", o->servers, whole("the number of servers", 1),
             "Servers in the pool: their measures (with --rate), or the largest rate they handle "
             "within the targets",
             "N");
  const char* targets = "Targets";
  o->response_shortcuts = {
      {"--p50", {}}, {"--p90", {}}, {"--p95", {}}, {"--p99", {}}, {"--p999", {}}};
  for (auto& [name, value] : o->response_shortcuts) {
    add_parsed(app, name, value, positive_duration("the response time"),
               fmt::format("Target: the {} percentile of the response time at most this, e.g. "
                           "250ms",
                           name == "--p999" ? "99.9th" : name.substr(3) + "th"),
               "DURATION")
        ->group(targets);
  }
  add_parsed<percentile_target>(app, "--response-percentile", o->response, parse_percentile_target,
                                "Target: P% of responses within T, e.g. 99.95/300ms", "P/T")
      ->group(targets);
  add_parsed<percentile_target>(app, "--wait-percentile", o->wait, parse_percentile_target,
                                "Target: P% of requests wait at most T for a server, e.g. 99/20ms",
                                "P/T")
      ->group(targets);
  add_parsed(app, "--mean-response", o->mean_response, positive_duration("the mean response time"),
             "Target: mean response time (wait + service) at most this, e.g. 50ms", "DURATION")
      ->group(targets);
  add_parsed(app, "--max-utilization", o->max_utilization,
             ratio("utilization target", bound::open, bound::closed),
             "Target: utilization (traffic / servers) at most this, e.g. 80%", "RATIO")
      ->group(targets);
  const char* model = "Variability (G/G/c approximations)";
  add_parsed<double>(app, "--cv-arrival", o->cv_arrival, parse_cv_value,
                     "Coefficient of variation of the interarrival times (default 1: Poisson; "
                     "bursty traffic above 1, paced below)",
                     "CV")
      ->group(model);
  add_parsed<double>(app, "--cv-service", o->cv_service, parse_cv_value,
                     "Coefficient of variation of the service times (default 1: exponential; 0: "
                     "fixed)",
                     "CV")
      ->group(model);
  add_parsed<std::vector<double>>(app, "--percentiles", o->percentiles, parse_percentile_list,
                                  "The percentiles shown (default 50,90,99,99.9)", "LIST");
  add_chart(app, o->chart,
            "Draw the response-time percentiles against servers in FILE (.svg or .png), the "
            "targets as lines");
  return finish_setup(
      app, o,
      keys_help(
          "one object; response_time_p<N> and wait_p<N> for each percentile shown (--percentiles "
          "and the targets' own)",
          all_keys()),
      check, run_pool);
}

}  // namespace erlangc
