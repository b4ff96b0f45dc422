// The stationary distribution of a birth-death chain in 50 digits: the oracle behind the
// Engset, M/M/c/K, M/M/c/K+M and Erlang A references. It knows nothing of the library; a
// reference gives the model's rates and reads its measures off the distribution.
#ifndef ERLANG_TESTS_SUPPORT_BIRTH_DEATH_CHAIN_HPP
#define ERLANG_TESTS_SUPPORT_BIRTH_DEATH_CHAIN_HPP

#include "multiprecision.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace erlang::test {

/// A birth-death chain on the states 0, 1, ..., last with birth rates lambda_k (arrivals in
/// state k) and death rates mu_k (departures from state k), in 50 digits.
///
/// The stationary distribution comes from detailed balance, p_k mu_k = p_(k-1) lambda_(k-1):
/// the weights w_0 = 1, w_k = w_(k-1) lambda_(k-1) / mu_k are products of positive ratios
/// (no factorials, no powers, no subtraction), divided through by their running sum
/// whenever it passes 1e1000 (so that no weight leaves the exponent range however long
/// the chain), and every probability and expectation is a sum of non-negative terms
/// divided by the sum of the weights once.
///
/// `last` may be `unbounded`: the chain then ends at the first state k where the weights
/// fall (lambda_(k-1) < mu_k) and w_k is below 1e-60 of the sum so far; with `max_states`
/// it gives up (complete() is false, no state kept) once it would need more states than
/// that. A chain that continues states it does not hold (Erlang A: the states below n,
/// through the closed form of Erlang B) takes their weight with add_states_below().
class birth_death_chain {
 public:
  static constexpr std::uint64_t unbounded = std::numeric_limits<std::uint64_t>::max();

  /// births(k) is lambda_k for k = 0 .. last (at the last state: the rate of the arrivals
  /// it turns away, which weighs only in arrival_probability), deaths(k) is mu_k for
  /// k = 1 .. last; both return an mp.
  template <class Births, class Deaths>
  birth_death_chain(std::uint64_t last, const Births& births, const Deaths& deaths,
                    std::size_t max_states = std::numeric_limits<std::size_t>::max()) {
    static const mp negligible("1e-60");
    static const mp large("1e1000");
    weights_.emplace_back(1);
    births_.push_back(births(std::uint64_t{0}));
    total_ = 1;
    for (std::uint64_t k = 1; k <= last; ++k) {
      if (k >= max_states) {
        weights_.clear();
        births_.clear();
        total_ = 0;
        return;
      }
      const mp death = deaths(k);
      const bool falling = births_.back() < death;
      weights_.push_back(weights_.back() * births_.back() / death);
      births_.push_back(births(k));
      total_ += weights_.back();
      if (last == unbounded && falling && weights_.back() < total_ * negligible) {
        break;
      }
      if (total_ > large) {
        for (mp& w : weights_) {
          w /= total_;
        }
        total_ = 1;
      }
    }
  }

  /// False where the chain gave up at max_states.
  [[nodiscard]] bool complete() const { return !weights_.empty(); }

  /// The number of states kept: 0 .. states() - 1.
  [[nodiscard]] std::size_t states() const { return weights_.size(); }

  /// States below state 0 whose weights sum to `relative_weight` times the weight of
  /// state 0 join the distribution (they take their share of the probability).
  void add_states_below(const mp& relative_weight) { below_ = relative_weight * weights_.front(); }

  /// The probability of the states added with add_states_below().
  [[nodiscard]] mp probability_below() const { return below_ / normaliser(); }

  /// p_k.
  [[nodiscard]] mp probability(std::size_t k) const { return weights_[k] / normaliser(); }

  /// p_first + ... + p_last (0 where last < first).
  [[nodiscard]] mp probability(std::size_t first, std::size_t last) const {
    mp sum = 0;
    for (std::size_t k = first; k <= last && k < weights_.size(); ++k) {
      sum += weights_[k];
    }
    return sum / normaliser();
  }

  /// sum_k f(k) p_k, the states visited in increasing order (f may keep a running sum).
  template <class F>
  [[nodiscard]] mp expectation(F&& f) const {
    mp sum = 0;
    for (std::size_t k = 0; k < weights_.size(); ++k) {
      sum += f(k) * weights_[k];
    }
    return sum / normaliser();
  }

  /// sum_k k p_k.
  [[nodiscard]] mp mean() const {
    return expectation([](std::size_t k) { return mp(k); });
  }

  /// The share of the arrivals that find state k: lambda_k p_k / sum_i lambda_i p_i (at
  /// the last state of a chain with a bounded capacity: the share turned away).
  [[nodiscard]] mp arrival_probability(std::size_t k) const {
    mp arrivals = 0;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
      arrivals += births_[i] * weights_[i];
    }
    return births_[k] * weights_[k] / arrivals;
  }

 private:
  [[nodiscard]] mp normaliser() const { return below_ + total_; }

  std::vector<mp> weights_;  // w_k, up to a common factor
  std::vector<mp> births_;   // lambda_k
  mp total_ = 0;             // sum of weights_
  mp below_ = 0;             // the weight of the states below state 0
};

}  // namespace erlang::test

#endif  // ERLANG_TESTS_SUPPORT_BIRTH_DEATH_CHAIN_HPP
