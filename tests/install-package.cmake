# cmake -DBUILD_DIR=<build tree> -DPREFIX=<dir> -DCONFIG=<config> -P install-package.cmake
# Installs the package from BUILD_DIR into an emptied PREFIX and checks that the headers and
# the CMake package files are there: the setup of the find_package consumer test.
foreach(var BUILD_DIR PREFIX)
  if(NOT ${var})
    message(FATAL_ERROR "install-package.cmake: ${var} is not set")
  endif()
endforeach()
file(REMOVE_RECURSE ${PREFIX})
set(config_args)
if(CONFIG)
  set(config_args --config ${CONFIG})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} ${config_args}
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${status}):\n${output}")
endif()
foreach(file include/erlang/erlang.hpp include/erlang/detail/checks.hpp)
  if(NOT EXISTS ${PREFIX}/${file})
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
file(GLOB_RECURSE package_files ${PREFIX}/*/erlang-config.cmake ${PREFIX}/*/erlang-targets.cmake
     ${PREFIX}/*/erlang-config-version.cmake)
list(LENGTH package_files count)
if(NOT count EQUAL 3)
  message(FATAL_ERROR "expected erlang-config, -config-version and -targets.cmake under "
                      "${PREFIX}, found: ${package_files}")
endif()
message(STATUS "installed into ${PREFIX}")
