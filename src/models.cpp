#include "models.hpp"

#include "units.hpp"

#include <erlang/engset.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/extended_erlang_b.hpp>
#include <erlang/finite_queue.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/offered_load.hpp>
#include <erlang/staffing.hpp>

#include <fmt/format.h>

#include <limits>
#include <vector>

namespace erlangc {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

erlang::staffing_targets<double> library_targets(const targets& t) {
  erlang::staffing_targets<double> s;
  s.service_level = t.service_level;
  s.answer_time = t.answer_time;
  s.max_asa = t.max_asa;
  s.max_wait_probability = t.max_wait_probability;
  s.max_occupancy = t.max_occupancy;
  s.max_abandon = t.max_abandon;
  return s;
}

/// The measures of the finite-queue models from the library's result.
template <class Measures>
queue_measures finite_measures(const Measures& m, bool abandons) {
  return {.blocking = m.blocking,
          .wait_probability = m.wait_probability,
          .service_level = m.service_level,
          .asa = m.average_speed_of_answer,
          .mean_queue_length = m.mean_queue_length,
          .occupancy = m.occupancy,
          .abandon_probability = abandons ? m.abandon_probability : nan};
}

erlang::engset_measure library_measure(engset_measure m) {
  switch (m) {
    case engset_measure::time_congestion:
      return erlang::engset_measure::time_congestion;
    case engset_measure::traffic_congestion:
      return erlang::engset_measure::traffic_congestion;
    case engset_measure::call_congestion:
      break;
  }
  return erlang::engset_measure::call_congestion;
}

std::string describe_places(double n) { return describe_count(n, "waiting place"); }

}  // namespace

bool targets::any() const noexcept {
  return service_level || max_asa || max_wait_probability || max_occupancy || max_abandon ||
         max_blocking;
}

std::string describe(const targets& t) {
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

bool meets(const queue_measures& q, const targets& t) {
  return (!t.max_blocking || q.blocking <= *t.max_blocking) &&
         (!t.service_level || q.service_level >= *t.service_level) &&
         (!t.max_asa || q.asa <= *t.max_asa) &&
         (!t.max_wait_probability || q.wait_probability + q.blocking <= *t.max_wait_probability) &&
         (!t.max_occupancy || q.occupancy <= *t.max_occupancy) &&
         (!t.max_abandon || q.abandon_probability <= *t.max_abandon);
}

// ---- the models -----------------------------------------------------------------------
queue_measures erlang_c_model::measures(const load_point& p, double agents) const {
  if (p.traffic == 0) {
    return {.abandon_probability = nan};
  }
  return {.wait_probability = erlang::erlang_c(p.traffic, agents),
          .service_level = erlang::service_level(p.traffic, agents, p.aht, p.answer_time),
          .asa = erlang::average_speed_of_answer(p.traffic, agents, p.aht),
          .mean_queue_length = erlang::mean_queue_length(p.traffic, agents),
          .occupancy = erlang::occupancy(p.traffic, agents),
          .abandon_probability = nan};
}

double erlang_c_model::agents_for(const load_point& p, const targets& t) const {
  return erlang::agents_for_targets(p.traffic, p.aht, library_targets(t));
}

queue_measures erlang_a_model::measures(const load_point& p, double agents) const {
  if (p.traffic == 0) {
    return {};
  }
  const auto r = erlang::erlang_a(p.traffic, agents, p.aht, patience, p.answer_time);
  return {.wait_probability = r.wait_probability,
          .service_level = r.service_level,
          .asa = r.average_speed_of_answer,
          .mean_queue_length = r.mean_queue_length,
          .occupancy = r.occupancy,
          .abandon_probability = r.abandon_probability};
}

double erlang_a_model::agents_for(const load_point& p, const targets& t) const {
  return erlang::erlang_a_agents_for_targets(p.traffic, p.aht, patience, library_targets(t));
}

queue_measures finite_queue_model::measures(const load_point& p, double agents) const {
  if (agents < 1) {  // no traffic, no agents: nothing waits, nothing is lost
    return {.abandon_probability = nan};
  }
  return finite_measures(
      erlang::finite_queue(p.traffic, agents, waiting_places, p.aht, p.answer_time), false);
}

double finite_queue_model::agents_for(const load_point& p, const targets& t) const {
  auto lt = library_targets(t);
  lt.max_blocking = t.max_blocking;
  return erlang::finite_queue_agents_for_targets(p.traffic, p.aht, waiting_places, lt);
}

queue_measures finite_queue_abandonment_model::measures(const load_point& p, double agents) const {
  if (agents < 1) {
    return {};
  }
  return finite_measures(erlang::finite_queue_abandonment(p.traffic, agents, waiting_places, p.aht,
                                                          patience, p.answer_time),
                         true);
}

double finite_queue_abandonment_model::agents_for(const load_point& p, const targets& t) const {
  auto lt = library_targets(t);
  lt.max_blocking = t.max_blocking;
  return erlang::finite_queue_abandonment_agents_for_targets(p.traffic, p.aht, patience,
                                                             waiting_places, lt);
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

double agents_for(const queue_model& model, const load_point& p, const targets& t) {
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
  return erlang::engset_servers_for_blocking(beta, sources, blocking, library_measure(measure));
}

retry_measures retry_at(double traffic, double servers, double retry) {
  if (traffic <= 0) {
    return {};
  }
  return {.total_traffic = erlang::extended_erlang_b_offered_traffic(traffic, servers, retry),
          .blocking = erlang::extended_erlang_b(traffic, servers, retry)};
}

double retry_servers(double traffic, double blocking, double retry) {
  return erlang::extended_erlang_b_servers_for_blocking(traffic, blocking, retry);
}

}  // namespace erlangc
