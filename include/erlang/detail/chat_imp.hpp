// The chat model of chat.hpp: the chain's lower states, the M/M/(n k) model of its queue,
// the checks, and the imps behind the public functions.
#ifndef ERLANG_DETAIL_CHAT_IMP_HPP
#define ERLANG_DETAIL_CHAT_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/detail/counts.hpp>
#include <erlang/detail/measures.hpp>
#include <erlang/detail/search.hpp>
#include <erlang/detail/targets.hpp>
#include <erlang/erlang_a.hpp>
#include <erlang/erlang_b.hpp>
#include <erlang/erlang_c.hpp>
#include <erlang/finite_queue_abandonment.hpp>
#include <erlang/measures.hpp>

#include <boost/math/special_functions/expm1.hpp>
#include <boost/math/special_functions/log1p.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace erlang::detail {

/// Sum of w_x = p(x) / p(n k) over x < n k, and of x w_x, as mantissas times 2^exponent.
template <class Real>
struct chat_lower_states {
  Real sum;
  Real moment;
  int exponent;
};

/// The death rate d(x) for 1 <= x <= n k (see the file comment).
template <class Real>
Real chat_death_rate(Real x, Real n, const std::vector<Real>& aht) {
  using std::floor;
  const Real q = floor(x / n);
  const Real r = x - q * n;
  const auto level = static_cast<std::size_t>(q);
  Real rate = 0;
  if (r > 0) {
    rate += r * (q + 1) / aht[level];
  }
  if (q > 0) {
    rate += (n - r) * q / aht[level - 1];
  }
  return rate;
}

/// The lower states, from n k down: w_(x-1) = w_x d(x) / lambda, rescaled by 2^-512 when
/// the weights pass 2^512 (the weights that follow are then kept to the same scale).
template <class Real>
chat_lower_states<Real> chat_lower_sums(Real lambda, Real n, const std::vector<Real>& aht) {
  using std::ldexp;
  const Real slots = n * static_cast<Real>(aht.size());
  const Real large = ldexp(Real(1), 512);
  chat_lower_states<Real> s{0, 0, 0};
  Real w = 1;
  for (Real x = slots; x >= 1; x -= 1) {
    w *= chat_death_rate(x, n, aht) / lambda;
    s.sum += w;
    s.moment += (x - 1) * w;
    if (w > large) {
      w = ldexp(w, -512);
      s.sum = ldexp(s.sum, -512);
      s.moment = ldexp(s.moment, -512);
      s.exponent += 512;
    }
  }
  return s;
}

/// The measures of the M/M/(n k)/(n k + N)+M model whose queue the chat system shares:
/// traffic lambda AHT_k on n k servers of handling time AHT_k.
template <class Real, class Policy>
queue_measures<Real> chat_reference(Real lambda, Real slots, Real aht_k, Real waiting_places,
                                    Real patience, Real t, const Policy& pol) {
  const Real e = lambda * aht_k;
  if ((boost::math::isfinite)(waiting_places)) {
    return finite_queue_abandonment(e, slots, aht_k, patience, waiting_places, t, pol);
  }
  if ((boost::math::isfinite)(patience)) {
    return queue_part(erlang_a(e, slots, aht_k, patience, t, pol));
  }
  return erlang_c_measures(e, slots, aht_k, t, pol);
}

/// Every chat measure for checked arguments (lambda > 0).
template <class Real, class Policy>
queue_measures<Real> chat_measures_imp(Real lambda, Real n, const std::vector<Real>& aht,
                                       Real waiting_places, Real patience, Real t,
                                       const Policy& pol) {
  using std::exp;
  using std::log;
  const Real slots = n * static_cast<Real>(aht.size());
  const Real aht_k = aht.back();
  const auto ref = chat_reference(lambda, slots, aht_k, waiting_places, patience, t, pol);
  const Real busy = ref.wait_probability + ref.blocking;  // P(every slot taken), reference
  if (busy >= 1) {
    return ref;  // overloaded without a limit: the queue grows, the lower states do not count
  }
  // P(some slot free) of the reference, without the cancellation of 1 - busy: its service
  // level at answer time 0.
  const Real free_ref =
      chat_reference(lambda, slots, aht_k, waiting_places, patience, Real(0), pol).service_level;
  const auto lower = chat_lower_sums(lambda, n, aht);
  const Real ln2 = log(Real(2));
  // L_ref = 1 / B - 1; T = L_ref busy / free_ref; s = (L_ref + T) / (L + T)
  // = L_ref / (free_ref (L + T)), in logarithms (L_ref and L may pass the largest double).
  const Real log_b = log_erlang_b(lambda * aht_k, slots, pol);
  const Real log_l_ref =
      -log_b < 1 ? log(boost::math::expm1(-log_b, pol)) : -log_b + boost::math::log1p(-exp(log_b));
  const Real tail_scaled =
      busy > 0 ? exp(log(busy) + log_l_ref - log(free_ref) - lower.exponent * ln2) : Real(0);
  const Real s =
      exp(log_l_ref - log(free_ref) - (log(lower.sum + tail_scaled) + lower.exponent * ln2));
  const Real answered_ref = 1 - ref.blocking - ref.abandon_probability;
  const Real answered = 1 - s * (ref.blocking + ref.abandon_probability);
  const Real waited_and_in_time = (std::max)(Real(0), ref.service_level - free_ref);
  const Real sl = lower.sum / (lower.sum + tail_scaled) + s * waited_and_in_time;
  return {.blocking = s * ref.blocking,
          .wait_probability = s * ref.wait_probability,
          .abandon_probability = s * ref.abandon_probability,
          .service_level = (std::min)(Real(1), sl),
          .average_speed_of_answer =
              answered > 0 ? s * ref.average_speed_of_answer * answered_ref / answered : Real(0),
          .mean_wait = s * ref.mean_wait,
          .mean_queue_length = s * ref.mean_queue_length,
          .occupancy = (lower.moment + slots * tail_scaled) / (slots * (lower.sum + tail_scaled))};
}

/// Checks the chat arguments; on failure stores the policy's error result in err.
template <class Real, class Policy>
bool check_chat(const char* function, Real lambda, const std::vector<Real>& aht, Real patience,
                Real waiting_places, Real& err, const Policy& pol) {
  return check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.", lambda, err,
                            pol) &&
         check_that(!aht.empty(), function,
                    "Mean handling times must list at least one value, got %1% values.", Real(0),
                    err, pol) &&
         std::all_of(
             aht.begin(), aht.end(),
             [&](const Real& h) { return check_mean_handling_time(function, h, err, pol); }) &&
         check_mean_patience(function, patience, err, pol) &&
         check_waiting_places_or_infinity(function, waiting_places, err, pol);
}

template <class Real>
target_support chat_support(Real waiting_places, Real patience) {
  unsigned bits = queue_targets;
  if ((boost::math::isfinite)(patience)) {
    bits |= abandonment_target;
  }
  if ((boost::math::isfinite)(waiting_places)) {
    bits |= blocking_target;
  }
  return {"Chat", bits};
}

/// chat(): the checks, the no-arrivals rule, the evaluation.
struct chat_imp {
  template <class Real, class Policy>
  queue_measures<Real> operator()(const char* function, Real arrival_rate, Real agents,
                                  const std::vector<Real>& aht, Real patience, Real waiting_places,
                                  Real answer_time, const Policy& pol) const {
    if (Real err = 0;
        !check_chat(function, arrival_rate, aht, patience, waiting_places, err, pol) ||
        !check_count(function, "Agents must be an integer >= 1, got %1%.", agents, 1U, err, pol) ||
        !check_count(function, "Agents times conversations must be at most 2^53, got %1%.",
                     Real(agents * static_cast<Real>(aht.size())), 1U, err, pol) ||
        !check_answer_time(function, answer_time, err, pol)) {
      return measures_filled_with(err);
    }
    if (arrival_rate == 0) {
      return no_traffic_measures<Real>();
    }
    return chat_measures_imp(arrival_rate, agents, aht, waiting_places, patience, answer_time, pol);
  }
};

/// chat_agents_for_targets(): the checks, the no-arrivals rule, the search.
struct chat_agents_for_targets_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real arrival_rate, const std::vector<Real>& aht,
                  Real patience, Real waiting_places, const staffing_targets<Real>& targets,
                  const Policy& pol) const {
    using std::floor;
    using std::sqrt;
    if (Real err = 0;
        !check_chat(function, arrival_rate, aht, patience, waiting_places, err, pol) ||
        !check_targets(function, targets, chat_support(waiting_places, patience), err, pol)) {
      return err;
    }
    if (arrival_rate == 0) {
      return 0;
    }
    const auto k = static_cast<Real>(aht.size());
    const auto meets = [&](Real n) {
      return erlang::meets(chat_measures_imp(arrival_rate, n, aht, waiting_places, patience,
                                             targets.answer_time, pol),
                           targets);
    };
    // The slots' traffic at the full-load rate, per agent: a start, not a bound.
    const Real load = arrival_rate * aht.back() / k;
    const Real top = floor(Real(max_count) / k);
    const Real from = (std::min)(top, (std::max)(Real(1), floor(load)));
    const Real step = floor(sqrt(load)) + 1;
    const auto r = least_count(meets, Real(from - 1), from, step, top, from == 1);
    return r.found ? r.count : raise_count_beyond_scale(function, "at most 2^53 slots", top, pol);
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_CHAT_IMP_HPP
