// The imp of offered_load.hpp.
#ifndef ERLANG_DETAIL_OFFERED_LOAD_IMP_HPP
#define ERLANG_DETAIL_OFFERED_LOAD_IMP_HPP

#include <erlang/detail/checks.hpp>

namespace erlang::detail {

struct offered_load_imp {
  template <class Real, class Policy>
  Real operator()(const char* function, Real rate, Real h, const Policy& pol) const {
    if (Real err = 0;
        !check_non_negative(function, "Arrival rate must be finite and >= 0, got %1%.", rate, err,
                            pol) ||
        !check_non_negative(function, "Mean handling time must be finite and >= 0, got %1%.", h,
                            err, pol)) {
      return err;
    }
    return rate * h;
  }
};

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_OFFERED_LOAD_IMP_HPP
