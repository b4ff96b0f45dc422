// The measures of a queueing model, one type for Erlang C (erlang_c_measures), M/M/c/K
// (finite_queue) and M/M/c/K+M (finite_queue_abandonment); Erlang A's erlang_a_measures
// has the same fields, in the same order, and two more. Probabilities are over every
// offered call unless said otherwise, in [0, 1]; times in the unit of the mean handling
// time. A model without a finite queue has blocking 0; one without patience has
// abandon_probability 0. Fill with designated initialisers.
//
// meets(measures, targets) decides a set of staffing_targets on any of them, as every
// staffing solver does.
#ifndef ERLANG_MEASURES_HPP
#define ERLANG_MEASURES_HPP

#include <erlang/targets.hpp>

namespace erlang {

template <class Real>
struct queue_measures {
  Real blocking;                 ///< P(the system is full on arrival): the call is lost
  Real wait_probability;         ///< P(queued on arrival)
  Real abandon_probability;      ///< P(queued, then hangs up before service)
  Real service_level;            ///< P(answered within answer_time): blocked or abandoned is not
  Real average_speed_of_answer;  ///< mean wait of the answered calls
  Real mean_wait;                ///< mean time in queue over all offered calls (blocked: 0)
  Real mean_queue_length;        ///< mean number of calls waiting
  Real occupancy;  ///< carried traffic per agent (server): the share of time one is busy, in [0, 1]
};

/// The measures of Erlang A: those of queue_measures (blocking is 0: the queue is
/// unlimited), in the same order, and two more.
template <class Real>
struct erlang_a_measures {
  Real blocking;                 ///< 0: nobody is blocked
  Real wait_probability;         ///< P(W > 0): an arrival finds every agent busy
  Real abandon_probability;      ///< P(Ab): fraction of all arrivals that abandon
  Real service_level;            ///< fraction of all arrivals answered within answer_time
  Real average_speed_of_answer;  ///< mean wait of answered calls
  Real mean_wait;                ///< mean wait of all arrivals (answered and abandoned)
  Real mean_queue_length;        ///< mean number waiting
  Real occupancy;           ///< carried traffic per agent: the share of time one is busy, in [0, 1]
  Real abandon_given_wait;  ///< P(Ab | W > 0)
  Real wait_within;         ///< P(W <= answer_time), answered or abandoned
};

/// True when the measures meet every target set in t. max_wait_probability bounds the
/// probability that a call finds every agent busy, P(queued) + P(blocked) (in a finite
/// queue P(queued) alone can rise with more agents in overload, as calls that were
/// blocked get queued instead). Works on any measures type with the fields of
/// queue_measures (erlang_a_measures among them).
/// Which blocking probability of Engset (engset.hpp) a solver targets: the fraction of
/// time every server is busy, of call attempts lost, or of offered traffic lost.
enum class engset_measure { time_congestion, call_congestion, traffic_congestion };

template <class Measures, class Real>
bool meets(const Measures& m, const staffing_targets<Real>& t) {
  return (!t.max_blocking || m.blocking <= *t.max_blocking) &&
         (!t.service_level || m.service_level >= *t.service_level) &&
         (!t.max_asa || m.average_speed_of_answer <= *t.max_asa) &&
         (!t.max_wait_probability || m.wait_probability + m.blocking <= *t.max_wait_probability) &&
         (!t.max_occupancy || m.occupancy <= *t.max_occupancy) &&
         (!t.max_abandon || m.abandon_probability <= *t.max_abandon);
}

}  // namespace erlang

#endif  // ERLANG_MEASURES_HPP
