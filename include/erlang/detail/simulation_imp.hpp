// The discrete-event simulator of simulation.hpp: the event loop, the samplers, the
// checks of the model and the options, and the estimates with their confidence intervals.
#ifndef ERLANG_DETAIL_SIMULATION_IMP_HPP
#define ERLANG_DETAIL_SIMULATION_IMP_HPP

#include <erlang/detail/checks.hpp>
#include <erlang/simulation_model.hpp>

#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/error_handling.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/seed_seq.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace erlang::detail {

/// Counts and sums of one interval in one replication.
struct simulation_tally {
  std::uint64_t offered = 0;
  std::uint64_t queued = 0;
  std::uint64_t answered = 0;
  std::uint64_t answered_within = 0;
  std::uint64_t abandoned = 0;
  std::uint64_t abandoned_within = 0;
  std::uint64_t blocked = 0;
  std::uint64_t redials = 0;
  double wait_of_answered = 0;
  double wait_of_all = 0;
  double queue_area = 0;
  double busy_area = 0;
  double present_area = 0;
  double time = 0;

  void add(const simulation_tally& o) {
    offered += o.offered;
    queued += o.queued;
    answered += o.answered;
    answered_within += o.answered_within;
    abandoned += o.abandoned;
    abandoned_within += o.abandoned_within;
    blocked += o.blocked;
    redials += o.redials;
    wait_of_answered += o.wait_of_answered;
    wait_of_all += o.wait_of_all;
    queue_area += o.queue_area;
    busy_area += o.busy_area;
    present_area += o.present_area;
    time += o.time;
  }
};

using simulation_engine = boost::random::mt19937_64;

/// Draws from a time_distribution (checked before).
class time_sampler {
 public:
  explicit time_sampler(const time_distribution& d) : family_(d.family), mean_(d.mean) {
    using std::log;
    using std::sqrt;
    if (family_ == distribution_family::lognormal) {
      const double s2 = std::log1p(d.cv * d.cv);
      lognormal_ = boost::random::lognormal_distribution<double>(log(d.mean) - s2 / 2, sqrt(s2));
    } else if (family_ == distribution_family::gamma) {
      const double shape = 1 / (d.cv * d.cv);
      small_shape_ = shape < 1;
      inverse_shape_ = 1 / shape;
      gamma_d_ = (small_shape_ ? shape + 1 : shape) - 1.0 / 3;
      gamma_c_ = 1 / std::sqrt(9 * gamma_d_);
      gamma_scale_ = d.mean * d.cv * d.cv;
    } else if (family_ == distribution_family::empirical) {
      samples_ = d.samples;
      pick_ = boost::random::uniform_int_distribution<std::size_t>(0, d.samples.size() - 1);
    }
  }

  template <class Engine>
  double operator()(Engine& eng) {
    switch (family_) {
      case distribution_family::exponential:
        return mean_ * exponential_(eng);
      case distribution_family::deterministic:
        return mean_;
      case distribution_family::lognormal:
        return lognormal_(eng);
      case distribution_family::gamma:
        return gamma(eng);
      case distribution_family::empirical:
        return samples_[pick_(eng)];
    }
    return mean_;
  }

 private:
  // Marsaglia and Tsang (2000), "A simple method for generating gamma variables": for a
  // shape a >= 1, with d = a - 1/3 and c = 1 / sqrt(9 d), d (1 + c x)^3 for a standard
  // normal x, accepted with the squeeze u < 1 - 0.0331 x^4 or the exact test
  // ln u < x^2 / 2 + d (1 - v + ln v); for a < 1, G(a + 1) u^(1/a). One normal and one
  // uniform per draw (98 % acceptance at a = 1), no tangent (the method of
  // boost::random::gamma_distribution).
  template <class Engine>
  double gamma(Engine& eng) {
    for (;;) {
      double x = 0;
      double v = 0;
      do {
        x = normal_(eng);
        v = 1 + gamma_c_ * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = uniform_(eng);
      const double x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || std::log(u) < x2 / 2 + gamma_d_ * (1 - v + std::log(v))) {
        const double g = gamma_d_ * v * gamma_scale_;
        return small_shape_ ? g * std::pow(uniform_(eng), inverse_shape_) : g;
      }
    }
  }

  distribution_family family_;
  double mean_;
  boost::random::exponential_distribution<double> exponential_{1.0};
  boost::random::lognormal_distribution<double> lognormal_;
  boost::random::normal_distribution<double> normal_;
  boost::random::uniform_01<double> uniform_;
  double gamma_d_ = 0;
  double gamma_c_ = 0;
  double gamma_scale_ = 0;
  double inverse_shape_ = 1;
  bool small_shape_ = false;
  std::vector<double> samples_;  // a copy: the sampler may outlive its distribution
  boost::random::uniform_int_distribution<std::size_t> pick_;
};

/// Type-1 sample quantiles (the inverse of the empirical distribution function:
/// x_(ceil(p n))) of non-negative values, exact, with scratch space reused between calls.
/// A histogram of the values' bit patterns (which order non-negative doubles as their
/// values do) over the range they span finds the bucket holding each rank wanted; a
/// second pass picks out the values of those buckets alone, and nth_element finds the
/// ranks among them. Three linear passes instead of nth_element over all the values for
/// each probability, and no copy of the values: the values may lie in several vectors
/// (an interval's, or the whole day's), and a count of zeros stands for values 0 not
/// stored (the calls answered at once).
class quantile_selector {
 public:
  /// The quantiles for the probabilities `probs` (visited in the ascending order `order`)
  /// of the values in parts[0], ..., parts[count - 1] and `zeros` values 0, into out[i] for
  /// probs[i]; NaN when there is no value at all.
  void operator()(const std::vector<double>* parts, std::size_t count, std::uint64_t zeros,
                  const std::vector<double>& probs, const std::vector<std::size_t>& order,
                  double* out) {
    std::uint64_t stored = 0;
    for (std::size_t p = 0; p < count; ++p) {
      stored += parts[p].size();
    }
    const std::uint64_t n = zeros + stored;
    wanted_.clear();
    for (const std::size_t i : order) {
      if (n == 0) {
        out[i] = std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      const double rank = std::ceil(probs[i] * static_cast<double>(n));
      const std::uint64_t k = rank < 1 ? 0 : std::min(n - 1, static_cast<std::uint64_t>(rank) - 1);
      if (k < zeros) {
        out[i] = 0;
      } else {
        wanted_.push_back({k - zeros, i});
      }
    }
    if (wanted_.empty()) {
      return;
    }
    // The range of the keys, and a shift that leaves at most 2^bits + 1 buckets in it (about
    // a quarter as many as values, at most 2049).
    std::uint64_t lo = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t hi = 0;
    for_each_value(parts, count, [&](double x) {
      const std::uint64_t k = key(x);
      lo = std::min(lo, k);
      hi = std::max(hi, k);
    });
    if (lo == hi) {
      for (const auto& w : wanted_) {
        out[w.index] = std::bit_cast<double>(hi);
      }
      return;
    }
    const int bits = std::clamp(static_cast<int>(std::bit_width(stored)) - 3, 4, 11);
    const int span = static_cast<int>(std::bit_width(hi - lo));
    const int shift = std::max(0, span - bits);
    const std::uint64_t base = lo >> shift;
    const auto buckets = static_cast<std::size_t>((hi >> shift) - base + 1);
    counts_.assign(buckets, 0);
    for_each_value(parts, count, [&](double x) { ++counts_[(key(x) >> shift) - base]; });
    // The bucket of each rank (ranks ascending), its rank within the bucket, and for each
    // distinct bucket its place in picked_.
    slot_.assign(buckets, -1);
    targets_.clear();
    std::uint64_t below = 0;
    std::size_t b = 0;
    for (auto& w : wanted_) {
      while (below + counts_[b] <= w.rank) {
        below += counts_[b];
        ++b;
      }
      w.rank -= below;
      if (slot_[b] < 0) {
        const std::uint64_t start = targets_.empty() ? 0 : targets_.back().end;
        slot_[b] = static_cast<std::int32_t>(targets_.size());
        targets_.push_back({start, start, start + counts_[b]});
      }
      w.target = static_cast<std::size_t>(slot_[b]);
    }
    picked_.resize(targets_.back().end);
    for_each_value(parts, count, [&](double x) {
      const std::int32_t t = slot_[(key(x) >> shift) - base];
      if (t >= 0) {
        picked_[targets_[static_cast<std::size_t>(t)].fill++] = x;
      }
    });
    for (const auto& w : wanted_) {
      const auto& t = targets_[w.target];
      const auto first = picked_.begin() + static_cast<std::ptrdiff_t>(t.begin);
      const auto nth = first + static_cast<std::ptrdiff_t>(w.rank);
      std::nth_element(first, nth, picked_.begin() + static_cast<std::ptrdiff_t>(t.end));
      out[w.index] = *nth;
    }
  }

 private:
  struct wanted_rank {
    std::uint64_t rank;  // among the stored values, then within its bucket
    std::size_t index;   // into probs and out
    std::size_t target = 0;
  };
  struct target_bucket {
    std::uint64_t begin;  // its values in picked_[begin, end)
    std::uint64_t fill;
    std::uint64_t end;
  };

  // Non-negative doubles order as their bit patterns; -0 is 0.
  static std::uint64_t key(double x) { return x > 0 ? std::bit_cast<std::uint64_t>(x) : 0; }

  template <class F>
  static void for_each_value(const std::vector<double>* parts, std::size_t count, F f) {
    for (std::size_t p = 0; p < count; ++p) {
      for (const double x : parts[p]) {
        f(x);
      }
    }
  }

  std::vector<wanted_rank> wanted_;
  std::vector<std::uint64_t> counts_;
  std::vector<std::int32_t> slot_;  // bucket -> its index in targets_, or -1
  std::vector<target_bucket> targets_;
  std::vector<double> picked_;
};

/// A min-heap in a vector with four children per node (children of i at 4 i + 1 ... 4 i + 4):
/// half the depth of a binary heap, and the four children of a node share a cache line or
/// two. `T` is ordered by operator<, which must be a strict total order on the values
/// stored for the order of equal elements not to matter.
template <class T>
class quaternary_heap {
 public:
  [[nodiscard]] bool empty() const { return v_.empty(); }
  [[nodiscard]] std::size_t size() const { return v_.size(); }
  [[nodiscard]] const T& top() const { return v_.front(); }
  void clear() { v_.clear(); }

  void push(const T& x) {
    std::size_t i = v_.size();
    v_.push_back(x);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!(x < v_[parent])) {
        break;
      }
      v_[i] = v_[parent];
      i = parent;
    }
    v_[i] = x;
  }

  void pop() {
    const T last = v_.back();
    v_.pop_back();
    if (!v_.empty()) {
      sift_down(last);
    }
  }

  /// Replaces the smallest element by x (a pop and a push in one sift).
  void replace_top(const T& x) { sift_down(x); }

  /// Removes the elements for which pred holds and restores the heap.
  template <class Pred>
  void remove_if(Pred pred) {
    v_.erase(std::remove_if(v_.begin(), v_.end(), pred), v_.end());
    const std::size_t n = v_.size();
    for (std::size_t i = n / 4 + 1; i-- > 0;) {
      if (i < n) {
        sift_down_from(i, v_[i]);
      }
    }
  }

 private:
  // Puts x at the root position and moves it down to its place.
  void sift_down(const T& x) { sift_down_from(0, x); }

  void sift_down_from(std::size_t i, const T x) {
    const std::size_t n = v_.size();
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) {
        break;
      }
      std::size_t best = first;
      if (first + 4 <= n) {  // the smallest of four without branches (they mispredict)
        const std::size_t l = first + static_cast<std::size_t>(v_[first + 1] < v_[first]);
        const std::size_t r = first + 2 + static_cast<std::size_t>(v_[first + 3] < v_[first + 2]);
        best = v_[r] < v_[l] ? r : l;
      } else {
        for (std::size_t c = first + 1; c < n; ++c) {
          if (v_[c] < v_[best]) {
            best = c;
          }
        }
      }
      if (!(v_[best] < x)) {
        break;
      }
      v_[i] = v_[best];
      i = best;
    }
    v_[i] = x;
  }

  std::vector<T> v_;
};

/// The progress of a run in calls, for simulation_options::progress. Each run (a
/// replication, or the one run of batch means) counts for its expected arrivals: a
/// stationary run exactly its warm-up and measured calls; a day the expected fresh
/// arrivals (the rates times the interval length, summed and rounded up; at least 1).
/// Within a run the arrivals so far count, held below the run's share until it ends, so
/// that the reports rise and the last one is (total, total). Only rises are reported.
class progress_meter {
 public:
  progress_meter(const simulation_model& m, const simulation_options& o, std::uint64_t runs)
      : callback_(o.progress) {
    if ((std::isfinite)(m.interval_length)) {
      double expected = 0;
      for (const double rate : m.arrival_rates) {
        expected += rate * m.interval_length;
      }
      per_run_ = static_cast<std::uint64_t>(std::clamp(std::ceil(expected), 1.0, 0x1p62));
    } else {
      per_run_ = saturating_add(o.warmup_calls, o.calls);
    }
    total_ = saturating_multiply(per_run_, runs);
  }

  /// Every so many arrivals of run `run` (0-based).
  void within(std::uint64_t run, std::uint64_t arrivals) {
    report(saturating_add(saturating_multiply(per_run_, run), std::min(arrivals, per_run_ - 1)));
  }

  /// Run `run` has ended.
  void ended(std::uint64_t run) { report(saturating_multiply(per_run_, run + 1)); }

  /// The meter reports every 2^16 arrivals.
  static constexpr std::uint64_t period_mask = 0xffff;

 private:
  static std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
    return a > std::numeric_limits<std::uint64_t>::max() - b
               ? std::numeric_limits<std::uint64_t>::max()
               : a + b;
  }
  static std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b) {
    return b != 0 && a > std::numeric_limits<std::uint64_t>::max() / b
               ? std::numeric_limits<std::uint64_t>::max()
               : a * b;
  }

  void report(std::uint64_t done) {
    done = std::min(done, total_);
    if (done > reported_) {
      reported_ = done;
      callback_(done, total_);
    }
  }

  const std::function<void(std::uint64_t, std::uint64_t)>& callback_;
  std::uint64_t per_run_ = 1;
  std::uint64_t total_ = 1;
  std::uint64_t reported_ = 0;
};

/// One replication at a time, with buffers reused between replications.
class queue_simulator {
 public:
  queue_simulator(const simulation_model& m, const simulation_options& o)
      : model_(m),
        options_(o),
        intervals_(static_cast<int>(m.arrival_rates.size())),
        stationary_(!(std::isfinite)(m.interval_length)),
        service_(m.service),
        patience_(m.patience ? *m.patience : time_distribution::deterministic(1)),
        has_patience_(m.patience.has_value()),
        interarrival_(m.interarrival ? *m.interarrival : time_distribution::exponential(1)),
        renewal_(m.interarrival.has_value()),
        interarrival_mean_(m.interarrival ? mean_of(*m.interarrival) : 1.0),
        capacity_(m.waiting_places ? static_cast<std::uint64_t>(*m.waiting_places)
                                   : std::numeric_limits<std::uint64_t>::max()),
        record_quantiles_(!o.quantiles.empty()),
        service_scale_(m.service_scale.empty() ? std::vector<double>(m.arrival_rates.size(), 1.0)
                                               : m.service_scale),
        slots_(stationary_ && o.batches >= 2 ? o.batches : intervals_),
        batch_size_(stationary_ && o.batches >= 2 ? o.calls / static_cast<std::uint64_t>(o.batches)
                                                  : o.calls),
        tally_(static_cast<std::size_t>(slots_)),
        zero_waits_(static_cast<std::size_t>(slots_)),
        waits_(static_cast<std::size_t>(slots_)),
        responses_(static_cast<std::size_t>(slots_)) {
    buffer_.resize(1024);
    mask_ = buffer_.size() - 1;
    if (record_quantiles_) {
      reserve_samples();
    }
  }

  /// Runs replication `rep`; the results are in tally() and waits() / responses(). Tells
  /// `meter` (if any) the arrivals so far every 2^16 arrivals.
  void run(std::uint64_t rep, progress_meter* meter) {
    reset(rep);
    const double inf = std::numeric_limits<double>::infinity();
    const std::uint64_t warmup = options_.warmup_calls;
    const std::uint64_t last_call = warmup + options_.calls;  // index of the closing arrival
    std::uint64_t arrivals = 0;
    bool open = true;
    double next_boundary = stationary_ ? inf : model_.interval_length;
    fresh_interval_ = 0;
    double next_fresh = next_fresh_arrival(0);
    for (;;) {
      const double t_redial = redials_.empty() ? inf : redials_.top();
      const double t_arrival = open ? std::min(next_fresh, t_redial) : inf;
      const double t_done = busy_.empty() ? inf : busy_.top();
      const double t_abandon = abandons_.empty() ? inf : abandons_.top().deadline;
      if (!open && waiting_ == 0) {
        break;
      }
      if (next_boundary <= t_abandon && next_boundary <= t_done && next_boundary <= t_arrival) {
        if (next_boundary == inf) {
          break;
        }
        advance(next_boundary);
        ++interval_;
        if (interval_ < intervals_) {
          slot_ = interval_;
          staffed_ = agents_of(interval_);
          next_boundary = static_cast<double>(interval_ + 1) * model_.interval_length;
          serve_queue(now_);
        } else {  // end of the day
          measuring_time_ = false;
          open = false;
          redials_.clear();
          next_boundary = inf;
        }
      } else if (t_abandon <= t_done && t_abandon <= t_arrival) {
        abandon();
      } else if (t_done <= t_arrival) {
        advance(t_done);
        complete();
      } else {
        const bool redial = t_redial < next_fresh;
        if (stationary_) {
          if (arrivals == last_call) {
            advance(t_arrival);
            measuring_time_ = false;
            open = false;
            redials_.clear();
            continue;
          }
          if (arrivals == warmup) {
            advance(t_arrival);
            measuring_time_ = true;
          }
        }
        ++arrivals;
        if ((arrivals & progress_meter::period_mask) == 0 && meter != nullptr) {
          meter->within(rep, arrivals);
        }
        if (redial) {
          redials_.pop();
        } else {
          next_fresh = next_fresh_arrival(t_arrival);
        }
        int k = interval_;
        if (stationary_) {
          k = arrivals > warmup ? batch_of(arrivals - warmup - 1) : -1;
          if (k != slot_ && k >= 0) {  // a new batch: the time averages follow it
            advance(t_arrival);
            slot_ = k;
          }
        }
        arrive(t_arrival, k, redial);
      }
    }
    simulated_ += arrivals;
  }

  [[nodiscard]] const std::vector<simulation_tally>& tally() const { return tally_; }
  /// The waits > 0 of the answered calls of each slot (interval or batch); the calls
  /// answered at once are counted in zero_waits().
  [[nodiscard]] const std::vector<std::vector<double>>& waits() const { return waits_; }
  [[nodiscard]] const std::vector<std::uint64_t>& zero_waits() const { return zero_waits_; }
  /// The response times (wait + handling time) of the answered calls of each slot.
  [[nodiscard]] const std::vector<std::vector<double>>& responses() const { return responses_; }
  [[nodiscard]] std::uint64_t simulated_calls() const { return simulated_; }

 private:
  struct waiting_call {
    double arrival;
    double service;
    int interval;  // -1: not measured (warm-up)
    bool abandoned;
  };
  struct deadline_entry {
    double deadline;
    std::uint64_t seq;
    // Equal deadlines in the order of arrival.
    bool operator<(const deadline_entry& o) const {
      return deadline < o.deadline || (deadline == o.deadline && seq < o.seq);
    }
  };

  // The batch of the i-th measured arrival (0-based).
  [[nodiscard]] int batch_of(std::uint64_t i) const {
    return static_cast<int>(std::min(i / batch_size_, static_cast<std::uint64_t>(slots_ - 1)));
  }

  // Room for the waits and response times of the calls each slot expects (a day: the
  // arrivals of the interval and four standard deviations more), so that the buffers do
  // not grow (and copy) in the first replication; reserving touches no memory.
  void reserve_samples() {
    const auto slots = static_cast<std::size_t>(slots_);
    for (std::size_t k = 0; k < slots; ++k) {
      std::uint64_t expected = batch_size_;
      if (!stationary_) {  // at most 2^26 values ahead; beyond that the buffers grow
        const double mean = model_.arrival_rates[k] * model_.interval_length;
        expected = static_cast<std::uint64_t>(std::min(mean + 4 * std::sqrt(mean) + 16, 0x1p26));
      } else if (k + 1 == slots) {
        expected = options_.calls - batch_size_ * (slots - 1);  // the last batch: the rest
      }
      waits_[k].reserve(expected);
      responses_[k].reserve(expected);
    }
  }

  [[nodiscard]] int agents_of(int k) const {
    return model_.agents.size() == 1 ? model_.agents[0]
                                     : model_.agents[static_cast<std::size_t>(k)];
  }

  void reset(std::uint64_t rep) {
    seed(arrival_engine_, rep, 1);
    seed(service_engine_, rep, 2);
    seed(patience_engine_, rep, 3);
    seed(redial_engine_, rep, 4);
    busy_.clear();
    abandons_.clear();
    redials_.clear();
    head_ = 0;
    tail_ = 0;
    waiting_ = 0;
    now_ = 0;
    interval_ = 0;
    slot_ = 0;
    staffed_ = agents_of(0);
    measuring_time_ = !stationary_;
    std::fill(tally_.begin(), tally_.end(), simulation_tally{});
    std::fill(zero_waits_.begin(), zero_waits_.end(), 0);
    for (auto& w : waits_) {
      w.clear();
    }
    for (auto& r : responses_) {
      r.clear();
    }
  }

  void seed(simulation_engine& eng, std::uint64_t rep, std::uint32_t stream) const {
    const std::uint64_t s = options_.seed;
    boost::random::seed_seq seq{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(s >> 32),
                                static_cast<std::uint32_t>(rep),
                                static_cast<std::uint32_t>(rep >> 32), stream};
    eng.seed(seq);
  }

  static double mean_of(const time_distribution& d) {
    if (d.family != distribution_family::empirical) {
      return d.mean;
    }
    double sum = 0;
    for (const double x : d.samples) {
      sum += x;
    }
    return sum / static_cast<double>(d.samples.size());
  }

  // The next fresh arrival after t: exponential gaps at the rate of each interval (by the
  // memoryless property a gap that crosses a boundary restarts there at the new rate); with
  // an interarrival distribution, a gap in operational time.
  double next_fresh_arrival(double t) {
    if (renewal_) {
      return next_renewal_arrival(t);
    }
    for (;;) {
      if (fresh_interval_ >= intervals_) {
        return std::numeric_limits<double>::infinity();
      }
      const double rate = model_.arrival_rates[static_cast<std::size_t>(fresh_interval_)];
      const double end = stationary_
                             ? std::numeric_limits<double>::infinity()
                             : static_cast<double>(fresh_interval_ + 1) * model_.interval_length;
      if (rate > 0) {
        const double next = t + gap_(arrival_engine_) / rate;
        if (next < end) {
          return next;
        }
      }
      t = end;
      ++fresh_interval_;
    }
  }

  // A gap of the interarrival shape in units of its mean (expected arrivals), walked through
  // the intervals: it ends where the rate integrated from t reaches it.
  double next_renewal_arrival(double t) {
    double remaining = interarrival_(arrival_engine_) / interarrival_mean_;
    for (;;) {
      if (fresh_interval_ >= intervals_) {
        return std::numeric_limits<double>::infinity();
      }
      const double rate = model_.arrival_rates[static_cast<std::size_t>(fresh_interval_)];
      const double end = stationary_
                             ? std::numeric_limits<double>::infinity()
                             : static_cast<double>(fresh_interval_ + 1) * model_.interval_length;
      if (rate > 0) {
        const double next = t + remaining / rate;
        if (next < end) {
          return next;
        }
        remaining = std::max(0.0, remaining - (end - t) * rate);
      }
      t = end;
      ++fresh_interval_;
    }
  }

  void advance(double t) {
    if (measuring_time_) {
      const double dt = t - now_;
      auto& a = tally_[static_cast<std::size_t>(slot_)];
      const auto busy = static_cast<double>(busy_.size());
      a.queue_area += static_cast<double>(waiting_) * dt;
      a.busy_area += busy * dt;
      a.present_area += std::max(busy, static_cast<double>(staffed_)) * dt;
      a.time += dt;
    }
    now_ = t;
  }

  void start_service(double t, double service) { busy_.push(t + service); }

  void record_answered(int k, double wait, double service) {
    auto& a = tally_[static_cast<std::size_t>(k)];
    ++a.answered;
    if (wait <= model_.answer_time) {
      ++a.answered_within;
    }
    a.wait_of_answered += wait;
    a.wait_of_all += wait;
    if (record_quantiles_) {
      if (wait > 0) {
        waits_[static_cast<std::size_t>(k)].push_back(wait);
      } else {
        ++zero_waits_[static_cast<std::size_t>(k)];
      }
      responses_[static_cast<std::size_t>(k)].push_back(wait + service);
    }
  }

  void maybe_redial(double t, const redial_behaviour& r) {
    if (r.probability > 0 && uniform_(redial_engine_) < r.probability) {
      redials_.push(t + r.mean_delay * gap_(redial_engine_));
    }
  }

  void arrive(double t, int k, bool redial) {
    advance(t);
    const double service =
        service_(service_engine_) * service_scale_[static_cast<std::size_t>(interval_)];
    const double patience =
        has_patience_ ? patience_(patience_engine_) : std::numeric_limits<double>::infinity();
    if (k >= 0) {
      auto& a = tally_[static_cast<std::size_t>(k)];
      ++a.offered;
      if (redial) {
        ++a.redials;
      }
    }
    if (static_cast<std::int64_t>(busy_.size()) < staffed_) {
      start_service(t, service);
      if (k >= 0) {
        record_answered(k, 0, service);
      }
    } else if (waiting_ < capacity_) {
      if (tail_ - head_ == buffer_.size()) {
        grow();
      }
      buffer_[tail_ & mask_] = {t, service, k, false};
      if (has_patience_) {
        abandons_.push({t + patience, tail_});
      }
      ++tail_;
      ++waiting_;
      if (k >= 0) {
        ++tally_[static_cast<std::size_t>(k)].queued;
      }
    } else {
      if (k >= 0) {
        ++tally_[static_cast<std::size_t>(k)].blocked;
      }
      maybe_redial(t, model_.blocked_redial);
    }
  }

  // An agent finishes: it takes the next waiting call in the same heap slot (one sift
  // down instead of a pop and a push) unless the staffing fell below the busy agents.
  void complete() {
    while (waiting_ > 0 && buffer_[head_ & mask_].abandoned) {
      ++head_;
    }
    if (waiting_ == 0 || static_cast<std::int64_t>(busy_.size()) > staffed_) {
      busy_.pop();
      serve_queue(now_);
      return;
    }
    const waiting_call& c = buffer_[head_ & mask_];
    ++head_;
    --waiting_;
    busy_.replace_top(now_ + c.service);
    if (c.interval >= 0) {
      record_answered(c.interval, now_ - c.arrival, c.service);
    }
    purge_deadlines();
  }

  void serve_queue(double t) {
    while (waiting_ > 0 && static_cast<std::int64_t>(busy_.size()) < staffed_) {
      const waiting_call& c = buffer_[head_ & mask_];
      ++head_;
      if (c.abandoned) {
        continue;
      }
      --waiting_;
      start_service(t, c.service);
      if (c.interval >= 0) {
        record_answered(c.interval, t - c.arrival, c.service);
      }
    }
    purge_deadlines();
  }

  // Served calls leave their deadlines in the heap; drop them when they dominate it.
  void purge_deadlines() {
    if (abandons_.size() > 2 * waiting_ + 1024) {
      const std::uint64_t head = head_;
      abandons_.remove_if([head](const deadline_entry& e) { return e.seq < head; });
    }
  }

  void abandon() {
    const deadline_entry e = abandons_.top();
    abandons_.pop();
    if (e.seq < head_) {
      return;  // already served
    }
    advance(e.deadline);
    waiting_call& c = buffer_[e.seq & mask_];
    c.abandoned = true;
    --waiting_;
    if (c.interval >= 0) {
      auto& a = tally_[static_cast<std::size_t>(c.interval)];
      ++a.abandoned;
      const double wait = e.deadline - c.arrival;
      if (wait <= model_.answer_time) {
        ++a.abandoned_within;
      }
      a.wait_of_all += wait;
    }
    maybe_redial(e.deadline, model_.abandoned_redial);
  }

  void grow() {
    std::vector<waiting_call> bigger(buffer_.size() * 2);
    const std::uint64_t new_mask = bigger.size() - 1;
    for (std::uint64_t s = head_; s != tail_; ++s) {
      bigger[s & new_mask] = buffer_[s & mask_];
    }
    buffer_.swap(bigger);
    mask_ = new_mask;
  }

  const simulation_model& model_;
  const simulation_options& options_;
  int intervals_;
  bool stationary_;
  time_sampler service_;
  time_sampler patience_;
  bool has_patience_;
  time_sampler interarrival_;
  bool renewal_;  // an interarrival distribution: a renewal process
  double interarrival_mean_;
  std::uint64_t capacity_;
  bool record_quantiles_;
  std::vector<double> service_scale_;
  int slots_;                 // tallies: intervals, or batches
  std::uint64_t batch_size_;  // measured arrivals per batch (stationary)

  simulation_engine arrival_engine_;
  simulation_engine service_engine_;
  simulation_engine patience_engine_;
  simulation_engine redial_engine_;
  boost::random::exponential_distribution<double> gap_{1.0};
  boost::random::uniform_01<double> uniform_;

  quaternary_heap<double> busy_;              // completion times
  quaternary_heap<deadline_entry> abandons_;  // deadlines of waiting calls
  quaternary_heap<double> redials_;           // redial times
  std::vector<waiting_call> buffer_;          // the FIFO queue, a ring indexed by sequence number
  std::uint64_t mask_ = 0;
  std::uint64_t head_ = 0;
  std::uint64_t tail_ = 0;
  std::uint64_t waiting_ = 0;  // calls in the queue that have not abandoned
  double now_ = 0;
  int interval_ = 0;
  int slot_ = 0;  // the tally the time averages go to: the interval, or the batch
  int fresh_interval_ = 0;
  int staffed_ = 0;
  bool measuring_time_ = false;
  std::uint64_t simulated_ = 0;

  std::vector<simulation_tally> tally_;
  std::vector<std::uint64_t> zero_waits_;
  std::vector<std::vector<double>> waits_;
  std::vector<std::vector<double>> responses_;
};

/// value +- t s for the ratio sum(x) / sum(y) over replications (x_r, y_r).
inline estimate ratio_estimate(const std::vector<double>& x, const std::vector<double>& y,
                               double t_quantile) {
  const std::size_t r = x.size();
  double sx = 0;
  double sy = 0;
  for (std::size_t i = 0; i < r; ++i) {
    sx += x[i];
    sy += y[i];
  }
  estimate e;
  if (!(sy > 0)) {
    return e;
  }
  e.value = sx / sy;
  double ss = 0;
  for (std::size_t i = 0; i < r; ++i) {
    const double d = x[i] - e.value * y[i];
    ss += d * d;
  }
  const auto n = static_cast<double>(r);
  e.standard_error = std::sqrt(ss / (n * (n - 1))) / (sy / n);
  e.half_width = t_quantile * e.standard_error;
  return e;
}

/// Mean +- t s / sqrt(n) of the non-NaN values.
inline estimate mean_estimate(const std::vector<double>& v, double confidence) {
  double sum = 0;
  std::size_t n = 0;
  for (const double x : v) {
    if (!(std::isnan)(x)) {
      sum += x;
      ++n;
    }
  }
  estimate e;
  if (n == 0) {
    return e;
  }
  e.value = sum / static_cast<double>(n);
  if (n < 2) {
    return e;
  }
  double ss = 0;
  for (const double x : v) {
    if (!(std::isnan)(x)) {
      ss += (x - e.value) * (x - e.value);
    }
  }
  const auto dn = static_cast<double>(n);
  e.standard_error = std::sqrt(ss / (dn * (dn - 1)));
  const boost::math::students_t_distribution<double> dist(dn - 1);
  e.half_width =
      boost::math::quantile(boost::math::complement(dist, (1 - confidence) / 2)) * e.standard_error;
  return e;
}

/// The measures from the tallies of each replication and their sample quantiles
/// (replication-major, options.quantiles.size() per replication).
inline simulation_measures summarize(const std::vector<simulation_tally>& reps,
                                     const std::vector<double>& wait_q,
                                     const std::vector<double>& response_q,
                                     const simulation_options& o) {
  const std::size_t r = reps.size();
  const boost::math::students_t_distribution<double> dist(static_cast<double>(r) - 1);
  const double tq = boost::math::quantile(boost::math::complement(dist, (1 - o.confidence) / 2));
  std::vector<double> x(r);
  std::vector<double> y(r);
  const auto ratio = [&](auto num, auto den) {
    for (std::size_t i = 0; i < r; ++i) {
      x[i] = static_cast<double>(num(reps[i]));
      y[i] = static_cast<double>(den(reps[i]));
    }
    return ratio_estimate(x, y, tq);
  };
  const auto offered = [](const simulation_tally& a) { return a.offered; };
  const auto answered = [](const simulation_tally& a) { return a.answered; };
  simulation_measures m;
  m.wait_probability = ratio([](const simulation_tally& a) { return a.queued; }, offered);
  m.abandon_probability = ratio([](const simulation_tally& a) { return a.abandoned; }, offered);
  m.blocking_probability = ratio([](const simulation_tally& a) { return a.blocked; }, offered);
  const auto within = [](const simulation_tally& a) { return a.answered_within; };
  m.service_level = ratio(within, offered);
  m.service_level_of_answered = ratio(within, answered);
  m.service_level_excluding_early_abandon =
      ratio(within, [](const simulation_tally& a) { return a.offered - a.abandoned_within; });
  m.average_speed_of_answer =
      ratio([](const simulation_tally& a) { return a.wait_of_answered; }, answered);
  m.mean_wait = ratio([](const simulation_tally& a) { return a.wait_of_all; }, offered);
  m.mean_queue_length = ratio([](const simulation_tally& a) { return a.queue_area; },
                              [](const simulation_tally& a) { return a.time; });
  m.occupancy = ratio([](const simulation_tally& a) { return a.busy_area; },
                      [](const simulation_tally& a) { return a.present_area; });
  const std::size_t nq = o.quantiles.size();
  std::vector<double> column(r);
  for (std::size_t q = 0; q < nq; ++q) {
    for (std::size_t i = 0; i < r; ++i) {
      column[i] = wait_q[i * nq + q];
    }
    m.wait_quantiles.push_back(mean_estimate(column, o.confidence));
    for (std::size_t i = 0; i < r; ++i) {
      column[i] = response_q[i * nq + q];
    }
    m.response_time_quantiles.push_back(mean_estimate(column, o.confidence));
  }
  for (const auto& a : reps) {
    m.offered += a.offered;
    m.answered += a.answered;
    m.abandoned += a.abandoned;
    m.blocked += a.blocked;
    m.redials += a.redials;
  }
  return m;
}

template <class Policy>
bool check_time_distribution(const char* function, const char* what_mean, const char* what_cv,
                             const char* what_samples, const time_distribution& d, double& err,
                             const Policy& pol) {
  if (d.family == distribution_family::empirical) {
    if (d.samples.empty()) {
      err = boost::math::policies::raise_domain_error<double>(function, what_samples, 0.0, pol);
      return false;
    }
    double sum = 0;
    for (const double s : d.samples) {
      if (!check_non_negative(function, what_samples, s, err, pol)) {
        return false;
      }
      sum += s;
    }
    return check_positive(function, what_samples, sum, err, pol);
  }
  if (!check_positive(function, what_mean, d.mean, err, pol)) {
    return false;
  }
  if (d.family == distribution_family::lognormal || d.family == distribution_family::gamma) {
    return check_positive(function, what_cv, d.cv, err, pol);
  }
  return true;
}

template <class Policy>
bool check_simulation(const char* function, const simulation_model& m, const simulation_options& o,
                      double& err, const Policy& pol) {
  using boost::math::policies::raise_domain_error;
  const bool stationary = !(std::isfinite)(m.interval_length);
  const auto fail = [&](const char* message, double value) {
    err = raise_domain_error<double>(function, message, value, pol);
    return false;
  };
  if (m.arrival_rates.empty()) {
    return fail("The model needs at least one arrival rate, got %1%.", 0.0);
  }
  if (stationary) {
    if (m.arrival_rates.size() != 1) {
      return fail("A stationary run (infinite interval length) takes one arrival rate, got %1%.",
                  static_cast<double>(m.arrival_rates.size()));
    }
    if (m.agents.size() != 1) {
      return fail(
          "A stationary run (infinite interval length) takes one number of agents, "
          "got %1%.",
          static_cast<double>(m.agents.size()));
    }
    if (!check_positive(function,
                        "The arrival rate of a stationary run must be finite and > 0, "
                        "got %1%.",
                        m.arrival_rates[0], err, pol)) {
      return false;
    }
    if (o.calls < 1) {
      return fail("A stationary run needs at least one call per replication, got %1%.", 0.0);
    }
    if (o.batches >= 2 && o.calls < static_cast<std::uint64_t>(o.batches)) {
      return fail("Batch means need at least one call per batch, got %1% calls.",
                  static_cast<double>(o.calls));
    }
  } else {
    if (!check_positive(function, "Interval length must be > 0 (infinite: stationary), got %1%.",
                        m.interval_length, err, pol)) {
      return false;
    }
    if (m.agents.size() != 1 && m.agents.size() != m.arrival_rates.size()) {
      return fail("The agents must be given once or once per interval, got %1% counts.",
                  static_cast<double>(m.agents.size()));
    }
    if (m.arrival_rates.size() > static_cast<std::size_t>((std::numeric_limits<int>::max)() - 1)) {
      return fail("Too many intervals: %1%.", static_cast<double>(m.arrival_rates.size()));
    }
    for (const double rate : m.arrival_rates) {
      if (!check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.", rate, err,
                              pol)) {
        return false;
      }
    }
  }
  for (const int a : m.agents) {
    if (a < 0) {
      return fail("Agents must be >= 0, got %1%.", static_cast<double>(a));
    }
  }
  if (!check_time_distribution(function, "Mean handling time must be finite and > 0, got %1%.",
                               "Handling time coefficient of variation must be finite and > 0 "
                               "(0: deterministic), got %1%.",
                               "Handling time samples must be finite, >= 0 and not all 0, got "
                               "%1%.",
                               m.service, err, pol)) {
    return false;
  }
  if (!m.service_scale.empty() && m.service_scale.size() != m.arrival_rates.size()) {
    return fail("The handling time scale must be empty or one factor per interval, got %1%.",
                static_cast<double>(m.service_scale.size()));
  }
  for (const double f : m.service_scale) {
    if (!check_positive(function, "Handling time scale factors must be finite and > 0, got %1%.", f,
                        err, pol)) {
      return false;
    }
  }
  if (m.interarrival &&
      !check_time_distribution(function, "Mean interarrival time must be finite and > 0, got %1%.",
                               "Interarrival coefficient of variation must be finite and > 0 "
                               "(0: deterministic), got %1%.",
                               "Interarrival samples must be finite, >= 0 and not all 0, got "
                               "%1%.",
                               *m.interarrival, err, pol)) {
    return false;
  }
  if (m.patience &&
      !check_time_distribution(function, "Mean patience must be finite and > 0, got %1%.",
                               "Patience coefficient of variation must be finite and > 0 "
                               "(0: deterministic), got %1%.",
                               "Patience samples must be finite, >= 0 and not all 0, got %1%.",
                               *m.patience, err, pol)) {
    return false;
  }
  if (m.waiting_places && *m.waiting_places < 0) {
    return fail("Waiting places must be an integer >= 0, got %1%.",
                static_cast<double>(*m.waiting_places));
  }
  const std::pair<const redial_behaviour*, const char*> redials[] = {
      {&m.blocked_redial, "Redial probability after blocking must be in [0, 1], got %1%."},
      {&m.abandoned_redial, "Redial probability after abandoning must be in [0, 1], got %1%."}};
  for (const auto& [r, what] : redials) {
    if (!check_probability(function, what, r->probability, err, pol) ||
        !check_positive(function, "Mean redial delay must be finite and > 0, got %1%.",
                        r->mean_delay, err, pol)) {
      return false;
    }
  }
  if (!check_answer_time(function, m.answer_time, err, pol)) {
    return false;
  }
  if (o.batches < 0 || o.batches == 1 || (o.batches >= 2 && !stationary)) {
    return fail("Batches must be 0 (replications) or >= 2 and only in a stationary run, got %1%.",
                static_cast<double>(o.batches));
  }
  if (o.replications < 2) {
    return fail("At least 2 replications are needed for a confidence interval, got %1%.",
                static_cast<double>(o.replications));
  }
  if (!(o.confidence > 0 && o.confidence < 1)) {
    return fail("Confidence must be in (0, 1), got %1%.", o.confidence);
  }
  for (const double q : o.quantiles) {
    if (!(q > 0 && q < 1)) {
      return fail("Quantile probabilities must be in (0, 1), got %1%.", q);
    }
  }
  return true;
}

/// simulate: the checks, the replications and their estimates.
template <class Policy>
simulation_result simulate_imp(const char* function, const simulation_model& model,
                               const simulation_options& options, const Policy& pol) {
  double err = 0;
  simulation_result result;
  if (!check_simulation(function, model, options, err, pol)) {
    return result;
  }
  queue_simulator sim(model, options);
  quantile_selector select;
  const auto intervals = model.arrival_rates.size();
  const auto reps = static_cast<std::size_t>(options.replications);
  const std::size_t nq = options.quantiles.size();
  std::vector<std::size_t> order(nq);
  for (std::size_t i = 0; i < nq; ++i) {
    order[i] = i;
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return options.quantiles[a] < options.quantiles[b];
  });
  if (options.batches >= 2) {  // batch means: one run, each batch a replication
    const auto batches = static_cast<std::size_t>(options.batches);
    progress_meter meter(model, options, 1);
    sim.run(0, options.progress ? &meter : nullptr);
    std::vector<double> wait_q(batches * nq);
    std::vector<double> response_q(batches * nq);
    for (std::size_t b = 0; b < batches && nq > 0; ++b) {
      select(&sim.waits()[b], 1, sim.zero_waits()[b], options.quantiles, order, &wait_q[b * nq]);
      select(&sim.responses()[b], 1, 0, options.quantiles, order, &response_q[b * nq]);
    }
    if (options.progress) {
      meter.ended(0);
    }
    result.overall = summarize(sim.tally(), wait_q, response_q, options);
    result.intervals.push_back(result.overall);
    result.simulated_calls = sim.simulated_calls();
    return result;
  }
  // Per interval (and the whole run, last): the tallies and quantiles of each replication.
  const std::size_t slots = intervals == 1 ? 1 : intervals + 1;
  std::vector<std::vector<simulation_tally>> tallies(slots, std::vector<simulation_tally>(reps));
  std::vector<std::vector<double>> wait_q(slots, std::vector<double>(reps * nq));
  std::vector<std::vector<double>> response_q(slots, std::vector<double>(reps * nq));
  progress_meter meter(model, options, reps);
  for (std::size_t r = 0; r < reps; ++r) {
    sim.run(r, options.progress ? &meter : nullptr);
    if (options.progress) {
      meter.ended(r);
    }
    simulation_tally total;
    for (std::size_t k = 0; k < intervals; ++k) {
      tallies[k][r] = sim.tally()[k];
      total.add(sim.tally()[k]);
      if (nq > 0) {
        select(&sim.waits()[k], 1, sim.zero_waits()[k], options.quantiles, order,
               &wait_q[k][r * nq]);
        select(&sim.responses()[k], 1, 0, options.quantiles, order, &response_q[k][r * nq]);
      }
    }
    if (slots > 1) {
      tallies[intervals][r] = total;
      if (nq > 0) {  // the whole day: every interval's values together
        std::uint64_t zeros = 0;
        for (const std::uint64_t z : sim.zero_waits()) {
          zeros += z;
        }
        select(sim.waits().data(), intervals, zeros, options.quantiles, order,
               &wait_q[intervals][r * nq]);
        select(sim.responses().data(), intervals, 0, options.quantiles, order,
               &response_q[intervals][r * nq]);
      }
    }
  }
  for (std::size_t k = 0; k < intervals; ++k) {
    result.intervals.push_back(summarize(tallies[k], wait_q[k], response_q[k], options));
  }
  result.overall =
      slots == 1 ? result.intervals[0]
                 : summarize(tallies[intervals], wait_q[intervals], response_q[intervals], options);
  result.simulated_calls = sim.simulated_calls();
  return result;
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_SIMULATION_IMP_HPP
