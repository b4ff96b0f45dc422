// Expected errors: the call throws the given type (std::domain_error unless named) and
// its message names the function and the value.
#ifndef ERLANG_TESTS_SUPPORT_EXPECT_ERROR_HPP
#define ERLANG_TESTS_SUPPORT_EXPECT_ERROR_HPP

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace erlang::test {

/// Calls f() and expects an Error whose message contains `function` and `fragment` (a
/// failure, with the message, otherwise).
template <class Error = std::domain_error, class F>
void expect_error(F&& f, const std::string& function, const std::string& fragment) {
  try {
    (void)f();
    ADD_FAILURE() << "no error from " << function << ", expected: " << fragment;
  } catch (const Error& ex) {
    const std::string what = ex.what();
    EXPECT_NE(what.find(function), std::string::npos) << what;
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
  }
}

/// Calls f() and expects an Error whose message contains `fragment`.
template <class Error = std::domain_error, class F>
void expect_error(F&& f, const std::string& fragment) {
  expect_error<Error>(f, std::string(), fragment);
}

}  // namespace erlang::test

#endif  // ERLANG_TESTS_SUPPORT_EXPECT_ERROR_HPP
