# Our own targets compile warning-clean with these; third-party headers are included as SYSTEM.
function(zspace_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
endfunction()
