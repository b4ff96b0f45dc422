# Sanitizers, clang-tidy and libFuzzer for the project's own targets.
#
# Everything here applies to the targets this project defines and never to consumers: the
# sanitizer flags travel on the erlang_sanitizers interface target (linked by
# erlang_warnings, which every project target links), and CMAKE_CXX_CLANG_TIDY is set as a
# normal variable in this directory scope, so it initialises the CXX_CLANG_TIDY property of
# the targets defined below it and nothing in a parent project. CMAKE_CXX_FLAGS is never
# touched.
#
# Inputs (cache options declared in the top-level CMakeLists.txt):
#   ERLANG_SANITIZE       comma-separated -fsanitize= list, e.g. "address,undefined"
#   ERLANG_CLANG_TIDY     run clang-tidy (the tree's .clang-tidy) on every project source
#   ERLANG_BUILD_FUZZERS  build the libFuzzer targets in fuzz/ (clang only)

add_library(erlang_sanitizers INTERFACE)
target_link_libraries(erlang_warnings INTERFACE erlang_sanitizers)

set(_erlang_sanitize "${ERLANG_SANITIZE}")
if(ERLANG_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ERLANG_BUILD_FUZZERS needs clang (libFuzzer); the compiler is "
                        "${CMAKE_CXX_COMPILER_ID}. Use the 'fuzz' preset.")
  endif()
  # Coverage instrumentation for all project code, so that libFuzzer sees the library's
  # and the CLI's branches; the fuzzer executables add -fsanitize=fuzzer (the driver).
  if(_erlang_sanitize)
    string(APPEND _erlang_sanitize ",fuzzer-no-link")
  else()
    set(_erlang_sanitize "fuzzer-no-link")
  endif()
endif()

if(_erlang_sanitize)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "ERLANG_SANITIZE needs GCC or Clang")
  endif()
  message(STATUS "erlang: sanitizers for the project's own targets: ${_erlang_sanitize}")
  target_compile_options(erlang_sanitizers INTERFACE
    -fsanitize=${_erlang_sanitize} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(erlang_sanitizers INTERFACE -fsanitize=${_erlang_sanitize})
endif()

if(ERLANG_CLANG_TIDY)
  find_program(ERLANG_CLANG_TIDY_EXE NAMES clang-tidy clang-tidy-14 clang-tidy-15 clang-tidy-16
                                       REQUIRED)
  message(STATUS "erlang: clang-tidy on the project's own sources: ${ERLANG_CLANG_TIDY_EXE}")
  # The checks, the header filter and warnings-as-errors live in the tree's .clang-tidy.
  set(CMAKE_CXX_CLANG_TIDY "${ERLANG_CLANG_TIDY_EXE}")
endif()
