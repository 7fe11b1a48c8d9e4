# zspace_add_plugin(NAME SOURCES ...): builds a metric or solver plugin as a loadable module
# named libzspace-<NAME>.so in the plugin folder, with only its exported aliases visible.
function(zspace_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  set(target zspace-plugin-${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE zspace::framework zspace_dll ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME zspace-${name}
    LIBRARY_OUTPUT_DIRECTORY ${ZSPACE_PLUGIN_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    INSTALL_RPATH "$ORIGIN/../..")
  zspace_warnings(${target})
  install(TARGETS ${target} LIBRARY DESTINATION ${ZSPACE_PLUGIN_SUBDIR})
  set_property(GLOBAL APPEND PROPERTY ZSPACE_PLUGIN_TARGETS ${target})
endfunction()
