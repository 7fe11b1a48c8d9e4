// Any shared library that happens to sit in a plugin folder.
extern "C" __attribute__((visibility("default"))) int not_a_zspace_plugin() { return 42; }
