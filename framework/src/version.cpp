#include "zspace/version.hpp"

namespace zspace {

const char* framework_version() { return ZSPACE_VERSION; }

}  // namespace zspace
