// erlangc: Erlang B, C and A capacity planning from the command line.
#include "cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return erlangc::run(argc, argv, std::cin, std::cout, std::cerr);
}
