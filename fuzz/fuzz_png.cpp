// libFuzzer target: see entries.hpp.
#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  zspace::fuzz::png(data, size);
  return 0;
}
