// The number type of the tests' references: 50 decimal digits.
#ifndef ERLANG_TESTS_SUPPORT_MULTIPRECISION_HPP
#define ERLANG_TESTS_SUPPORT_MULTIPRECISION_HPP

#include <boost/multiprecision/cpp_bin_float.hpp>

namespace erlang::test {

using mp = boost::multiprecision::cpp_bin_float_50;

}  // namespace erlang::test

#endif  // ERLANG_TESTS_SUPPORT_MULTIPRECISION_HPP
