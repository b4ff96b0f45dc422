#include "models.hpp"

#include "units.hpp"

#include <erlang/chat.hpp>
#include <erlang/engset.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/erlang_x.hpp>
#include <erlang/extended_erlang_b.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/gg_c.hpp>
#include <erlang/offered_load.hpp>
#include <erlang/response_time.hpp>
#include <erlang/staffing.hpp>
#include <erlang/time_varying.hpp>

#include <fmt/format.h>

#include <vector>

namespace erlangc {
namespace {

/// The measures of no traffic (or no agents): nothing waits, nothing is lost.
constexpr queue_measures idle{.blocking = 0,
                              .wait_probability = 0,
                              .abandon_probability = 0,
                              .service_level = 1,
                              .average_speed_of_answer = 0,
                              .mean_wait = 0,
                              .mean_queue_length = 0,
                              .occupancy = 0};

std::string describe_places(double n) { return describe_count(n, "waiting place"); }

}  // namespace

bool any_target(const staffing_targets& t) noexcept {
  return t.service_level || t.max_asa || t.max_wait_probability || t.max_occupancy ||
         t.max_abandon || t.max_blocking;
}

std::string describe(const staffing_targets& t) {
  std::vector<std::string> parts;
  if (t.service_level) {
    parts.push_back(fmt::format("service level {} within {}", describe_percent(*t.service_level),
                                describe_duration(t.answer_time)));
  }
  const auto add = [&parts](const char* what, const std::optional<double>& v, bool time) {
    if (v) {
      parts.push_back(
          fmt::format("{} <= {}", what, time ? describe_duration(*v) : describe_percent(*v)));
    }
  };
  add("ASA", t.max_asa, true);
  add("P(wait)", t.max_wait_probability, false);
  add("occupancy", t.max_occupancy, false);
  add("abandonment", t.max_abandon, false);
  add("blocking", t.max_blocking, false);
  return fmt::format("{}", fmt::join(parts, ", "));
}

// ---- the models -----------------------------------------------------------------------
queue_measures erlang_c_model::measures(const load_point& p, double agents) const {
  if (p.traffic == 0) {
    return idle;
  }
  return erlang::erlang_c_measures(p.traffic, agents, p.aht, p.answer_time);
}

double erlang_c_model::agents_for(const load_point& p, const staffing_targets& t) const {
  return erlang::agents_for_targets(p.traffic, p.aht, t);
}

queue_measures erlang_a_model::measures(const load_point& p, double agents) const {
  if (p.traffic == 0) {
    return idle;
  }
  const auto r = erlang::erlang_a(p.traffic, agents, p.aht, patience, p.answer_time);
  return {.blocking = r.blocking,
          .wait_probability = r.wait_probability,
          .abandon_probability = r.abandon_probability,
          .service_level = r.service_level,
          .average_speed_of_answer = r.average_speed_of_answer,
          .mean_wait = r.mean_wait,
          .mean_queue_length = r.mean_queue_length,
          .occupancy = r.occupancy};
}

double erlang_a_model::agents_for(const load_point& p, const staffing_targets& t) const {
  return erlang::erlang_a_agents_for_targets(p.traffic, p.aht, patience, t);
}

queue_measures finite_queue_model::measures(const load_point& p, double agents) const {
  if (agents < 1) {  // no traffic, no agents: nothing waits, nothing is lost
    return idle;
  }
  return erlang::finite_queue(p.traffic, agents, p.aht, waiting_places, p.answer_time);
}

double finite_queue_model::agents_for(const load_point& p, const staffing_targets& t) const {
  return erlang::finite_queue_agents_for_targets(p.traffic, p.aht, waiting_places, t);
}

queue_measures finite_queue_abandonment_model::measures(const load_point& p, double agents) const {
  if (agents < 1) {
    return idle;
  }
  return erlang::finite_queue_abandonment(p.traffic, agents, p.aht, patience, waiting_places,
                                          p.answer_time);
}

double finite_queue_abandonment_model::agents_for(const load_point& p,
                                                  const staffing_targets& t) const {
  return erlang::finite_queue_abandonment_agents_for_targets(p.traffic, p.aht, patience,
                                                             waiting_places, t);
}

// ---- the one dispatch -----------------------------------------------------------------
queue_model choose_model(std::optional<double> patience, std::optional<double> waiting_places) {
  if (waiting_places) {
    if (patience) {
      return finite_queue_abandonment_model{*waiting_places, *patience};
    }
    return finite_queue_model{*waiting_places};
  }
  if (patience) {
    return erlang_a_model{*patience};
  }
  return erlang_c_model{};
}

model_facts facts(const queue_model& model) {
  struct visitor {
    model_facts operator()(const erlang_c_model&) const { return {"erlang_c", {}, {}}; }
    model_facts operator()(const erlang_a_model& m) const { return {"erlang_a", m.patience, {}}; }
    model_facts operator()(const finite_queue_model& m) const {
      return {"finite_queue", {}, m.waiting_places};
    }
    model_facts operator()(const finite_queue_abandonment_model& m) const {
      return {"finite_queue_abandonment", m.patience, m.waiting_places};
    }
  };
  return std::visit(visitor{}, model);
}

queue_measures measures_at(const queue_model& model, const load_point& p, double agents) {
  return std::visit([&](const auto& m) { return m.measures(p, agents); }, model);
}

double agents_for(const queue_model& model, const load_point& p, const staffing_targets& t) {
  if (p.traffic <= 0) {
    return 0;
  }
  return std::visit([&](const auto& m) { return m.agents_for(p, t); }, model);
}

std::string describe(const queue_model& model, bool with_patience) {
  const model_facts f = facts(model);
  const std::string patience = with_patience && f.patience
                                   ? fmt::format("mean patience {}", describe_duration(*f.patience))
                                   : std::string();
  if (f.waiting_places) {
    return fmt::format("M/M/c/K{} (a queue of {}{}{})", f.abandons() ? "+M" : "",
                       describe_places(*f.waiting_places), patience.empty() ? "" : ", ", patience);
  }
  if (f.patience) {
    return patience.empty() ? "Erlang A" : fmt::format("Erlang A ({})", patience);
  }
  return "Erlang C";
}

std::string describe(const queue_model& model, std::string_view behaviour) {
  const model_facts f = facts(model);
  if (f.waiting_places) {
    return fmt::format("M/M/c/K{} (a queue of {}; {})", f.abandons() ? "+M" : "",
                       describe_places(*f.waiting_places), behaviour);
  }
  return fmt::format("Erlang {} ({})", f.abandons() ? "A" : "C", behaviour);
}

double scheduled_agents(double agents, double shrinkage) {
  return erlang::scheduled_agents(agents, shrinkage);
}

double offered_traffic(double rate, double aht) { return erlang::offered_load(rate, aht); }

// ---- Erlang B, Engset, extended Erlang B ---------------------------------------------------
double erlang_b_blocking(double traffic, double servers) {
  return erlang::erlang_b(traffic, servers);
}

double erlang_b_servers(double traffic, double blocking) {
  return erlang::servers_for_blocking(traffic, blocking);
}

double erlang_b_traffic(double servers, double blocking) {
  return erlang::traffic_for_blocking(servers, blocking);
}

double engset_offered(double beta, double sources) {
  return erlang::engset_offered_traffic(beta, sources);
}

double engset_beta(double traffic, double sources) {
  return erlang::engset_traffic_per_idle_source(traffic, sources);
}

engset_congestion engset_at(double beta, double sources, double servers) {
  if (beta == 0) {  // no traffic: nothing is blocked (also with 0 servers)
    return {};
  }
  return {.time = erlang::engset_time_congestion(beta, sources, servers),
          .call = erlang::engset_call_congestion(beta, sources, servers),
          .traffic = erlang::engset_traffic_congestion(beta, sources, servers)};
}

double engset_servers(double beta, double sources, double blocking, engset_measure measure) {
  return erlang::engset_servers_for_blocking(beta, sources, blocking, measure);
}

retry_measures retry_at(double traffic, double servers, double retry) {
  if (traffic <= 0) {
    return {};
  }
  return {.total_traffic = erlang::extended_erlang_b_offered_traffic(traffic, servers, retry),
          .blocking = erlang::extended_erlang_b(traffic, servers, retry)};
}

double retry_servers(double traffic, double blocking, double retry) {
  return erlang::extended_erlang_b_servers_for_blocking(traffic, retry, blocking);
}

// ---- a day whose traffic changes by interval -------------------------------------------
namespace {

erlang::day_parameters<double> day_parameters_of(const queue_model& model, const day_input& d) {
  const model_facts f = facts(model);
  erlang::day_parameters<double> p;
  p.interval_length = d.interval;
  p.mean_handling_time = d.mean_aht;
  if (f.patience) {
    p.mean_patience = *f.patience;
  }
  p.waiting_places = f.waiting_places;
  p.answer_time = d.answer_time;
  return p;
}

std::vector<double> day_rates(const day_input& d) {
  std::vector<double> rates;
  rates.reserve(d.traffic.size());
  for (const double e : d.traffic) {
    rates.push_back(e / d.mean_aht);
  }
  return rates;
}

}  // namespace

std::vector<double> day_agents(const queue_model& model, const day_input& d, day_method method,
                               const staffing_targets& t) {
  const auto p = day_parameters_of(model, d);
  const auto rates = day_rates(d);
  switch (method) {
    case day_method::lag:
      // The day starts empty; the lag of exponential handling times is their mean.
      return erlang::lag_agents_for_targets(rates, p, d.mean_aht, 0.0, t);
    case day_method::mol:
      return erlang::mol_agents_for_targets(rates, p, 0.0, t);
    case day_method::exact:
      return erlang::exact_agents_for_targets(rates, p, std::vector<double>{}, t);
    case day_method::sipp:
      break;
  }
  return erlang::sipp_agents_for_targets(rates, p, t);
}

std::vector<queue_measures> day_exact_measures(const queue_model& model, const day_input& d,
                                               const std::vector<double>& agents) {
  const auto day = erlang::evaluate_day(day_rates(d), agents, day_parameters_of(model, d));
  const model_facts f = facts(model);
  std::vector<queue_measures> out;
  out.reserve(day.intervals.size());
  for (const auto& i : day.intervals) {
    out.push_back({.blocking = i.blocking,
                   .wait_probability = i.wait_probability,
                   .abandon_probability = f.abandons() ? i.abandon_probability : 0.0,
                   .service_level = i.service_level,
                   .average_speed_of_answer = i.average_speed_of_answer,
                   .mean_wait = std::numeric_limits<double>::quiet_NaN(),
                   .mean_queue_length = i.mean_queue_length,
                   .occupancy = i.occupancy});
  }
  return out;
}

// ---- chat -------------------------------------------------------------------------------
queue_measures chat_measures_at(const chat_model& m, double rate, double agents,
                                const std::vector<double>& aht, double answer_time) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  return erlang::chat(rate, agents, aht, m.patience.value_or(inf), m.waiting_places.value_or(inf),
                      answer_time);
}

double chat_agents_for(const chat_model& m, double rate, const std::vector<double>& aht,
                       const staffing_targets& t) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  return erlang::chat_agents_for_targets(rate, aht, m.patience.value_or(inf),
                                         m.waiting_places.value_or(inf), t);
}

// ---- a server pool ----------------------------------------------------------------------
namespace {

erlang::pool_targets<double> pool_targets_of(const pool_goal& g) {
  return {.response_fraction = g.response_fraction,
          .response_time = g.response_time,
          .wait_fraction = g.wait_fraction,
          .wait_time = g.wait_time,
          .max_mean_response = g.max_mean_response,
          .max_utilization = g.max_utilization};
}

}  // namespace

pool_measures pool_measures_at(const pool_model& m, double traffic, double servers,
                               const std::vector<double>& fractions, const pool_goal& goal) {
  const double h = m.service_time;
  const double ca = m.cv_arrival;
  const double cs = m.cv_service;
  pool_measures r;
  r.utilization = traffic / servers;
  r.wait_probability = erlang::erlang_c(traffic, servers);
  if (m.exponential()) {
    r.mean_wait = erlang::average_speed_of_answer(traffic, servers, h);
    r.mean_response = erlang::mean_response_time(traffic, servers, h);
    for (const double p : fractions) {
      r.response_quantiles.push_back(erlang::response_time_quantile(traffic, servers, h, p));
      r.wait_quantiles.push_back(erlang::wait_time_quantile(traffic, servers, h, p));
    }
    if (goal.response_fraction) {
      r.response_within = erlang::response_time_within(traffic, servers, h, goal.response_time);
    }
    if (goal.wait_fraction) {
      r.wait_within = erlang::service_level(traffic, servers, h, goal.wait_time);
    }
    return r;
  }
  r.mean_wait = erlang::qna_mean_wait(traffic, servers, h, ca, cs);
  r.mean_response = r.mean_wait + h;
  for (const double p : fractions) {
    r.response_quantiles.push_back(
        erlang::gg_c_response_time_quantile(traffic, servers, h, ca, cs, p));
    r.wait_quantiles.push_back(erlang::gg_c_wait_time_quantile(traffic, servers, h, ca, cs, p));
  }
  if (goal.response_fraction) {
    r.response_within =
        1 - erlang::gg_c_response_exceedance(traffic, servers, h, ca, cs, goal.response_time);
  }
  if (goal.wait_fraction) {
    r.wait_within = 1 - erlang::gg_c_wait_exceedance(traffic, servers, h, ca, cs, goal.wait_time);
  }
  return r;
}

bool pool_meets(const pool_measures& m, const pool_goal& g) {
  return (!g.response_fraction || m.response_within >= *g.response_fraction) &&
         (!g.wait_fraction || m.wait_within >= *g.wait_fraction) &&
         (!g.max_mean_response || m.mean_response <= *g.max_mean_response) &&
         (!g.max_utilization || m.utilization <= *g.max_utilization);
}

double pool_servers_for(const pool_model& m, double traffic, const pool_goal& goal) {
  return erlang::pool_servers_for_targets(traffic, m.service_time, m.cv_arrival, m.cv_service,
                                          pool_targets_of(goal));
}

double pool_traffic_for(const pool_model& m, double servers, const pool_goal& goal) {
  return erlang::pool_traffic_for_targets(servers, m.service_time, m.cv_arrival, m.cv_service,
                                          pool_targets_of(goal));
}

// ---- Erlang X -----------------------------------------------------------------------
namespace {

erlang::erlang_x_model<double> library_x_model(const x_model& m, double traffic) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  erlang::erlang_x_model<double> x;
  x.waiting_places = m.waiting_places.value_or(inf);
  x.mean_patience = m.patience.value_or(inf);
  x.redial_after_abandon = m.redial_abandoned;
  x.redial_after_blocking = m.redial_blocked;
  x.mean_redial_delay = m.redial_delay;
  x.traffic_variance = (m.forecast_cv * traffic) * (m.forecast_cv * traffic);
  x.definition = m.definition == sl_definition::answered
                     ? erlang::service_level_definition::answered
                 : m.definition == sl_definition::excluding_early_abandon
                     ? erlang::service_level_definition::offered_without_short_abandons
                     : erlang::service_level_definition::offered;
  return x;
}

}  // namespace

x_result x_measures_at(const x_model& m, double traffic, double agents, double aht,
                       double answer_time) {
  const auto x = erlang::erlang_x(traffic, agents, aht, library_x_model(m, traffic), answer_time);
  return {.blocking = x.blocking,
          .wait_probability = x.wait_probability,
          .abandon_probability = x.abandon_probability,
          .service_level = x.service_level,
          .service_level_of_offered = x.service_level_of_offered,
          .service_level_of_answered = x.service_level_of_answered,
          .service_level_excluding_early_abandon = x.service_level_without_short_abandons,
          .asa = x.average_speed_of_answer,
          .mean_wait = x.mean_wait,
          .mean_queue_length = x.mean_queue_length,
          .occupancy = x.occupancy,
          .redial_rate = x.redial_rate,
          .total_traffic = x.total_traffic};
}

bool x_meets(const x_result& x, const staffing_targets& t) {
  const erlang::queue_measures<double> q{.blocking = x.blocking,
                                         .wait_probability = x.wait_probability,
                                         .abandon_probability = x.abandon_probability,
                                         .service_level = x.service_level,
                                         .average_speed_of_answer = x.asa,
                                         .mean_wait = x.mean_wait,
                                         .mean_queue_length = x.mean_queue_length,
                                         .occupancy = x.occupancy};
  return erlang::meets(q, t);
}

double x_agents_for(const x_model& m, double traffic, double aht, const staffing_targets& t) {
  return erlang::erlang_x_agents_for_targets(traffic, aht, library_x_model(m, traffic), t);
}

double x_traffic_for(const x_model& m, double agents, double aht, const staffing_targets& t) {
  return erlang::erlang_x_traffic_for_targets(agents, aht, library_x_model(m, 0), t);
}

}  // namespace erlangc
