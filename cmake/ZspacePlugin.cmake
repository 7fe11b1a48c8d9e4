# zspace_add_plugin(<name> SOURCES <file>... [LIBRARIES <lib>...] [DESTINATION <dir>] [NO_INSTALL])
#
# Builds a metric or solver plugin as a loadable module libzspace-<name>.so (CMake target
# zspace-plugin-<name>) with only its exported Boost.DLL aliases visible, links it to
# zspace::framework (which brings the public headers, Boost.DLL's headers, BOOST_DLL_USE_STD_FS
# and C++20), and installs it into the plugin folder.
#
# The same file serves the zspace source tree and the installed package (zspaceConfig.cmake
# includes it), so in-tree and third-party plugins are built identically.
#
#   LIBRARIES    further libraries linked PRIVATE into the plugin
#   DESTINATION  install folder for this plugin (default: ZSPACE_PLUGIN_INSTALL_DIR)
#   NO_INSTALL   build only, install nothing
#
# Variables read (set them before the call to change the defaults):
#   ZSPACE_PLUGIN_INSTALL_DIR  install folder, relative to CMAKE_INSTALL_PREFIX or absolute
#                              (cache variable; default <libdir>/zspace/plugins, the folder an
#                              installed zspace searches when installed to the same prefix)
#   ZSPACE_PLUGIN_OUTPUT_DIR   build-tree folder the module is written to (default
#                              <build>/<ZSPACE_PLUGIN_INSTALL_DIR>), the folder to put on
#                              ZSPACE_PLUGIN_PATH before installing
#
# The installed module's RUNPATH is $ORIGIN/../.., i.e. <libdir> when it sits in
# <libdir>/zspace/plugins; inside zspace the framework library is already loaded anyway.

include_guard(GLOBAL)
include(GNUInstallDirs)

if(NOT DEFINED ZSPACE_PLUGIN_INSTALL_DIR)
  if(DEFINED ZSPACE_PACKAGE_PLUGIN_SUBDIR)  # set by an installed zspaceConfig.cmake
    set(_zspace_default_plugin_dir ${ZSPACE_PACKAGE_PLUGIN_SUBDIR})
  else()
    set(_zspace_default_plugin_dir ${CMAKE_INSTALL_LIBDIR}/zspace/plugins)
  endif()
  set(ZSPACE_PLUGIN_INSTALL_DIR ${_zspace_default_plugin_dir} CACHE STRING
      "Where zspace_add_plugin installs plugins (relative to CMAKE_INSTALL_PREFIX, or absolute)")
  unset(_zspace_default_plugin_dir)
endif()
if(NOT DEFINED ZSPACE_PLUGIN_OUTPUT_DIR)
  if(IS_ABSOLUTE "${ZSPACE_PLUGIN_INSTALL_DIR}")
    set(ZSPACE_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/zspace-plugins)
  else()
    set(ZSPACE_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/${ZSPACE_PLUGIN_INSTALL_DIR})
  endif()
endif()

function(zspace_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "DESTINATION" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "zspace_add_plugin(${name}): no SOURCES given")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "zspace_add_plugin(${name}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET zspace::framework)
    message(FATAL_ERROR "zspace_add_plugin(${name}): zspace::framework is not defined; "
                        "call find_package(zspace REQUIRED) first")
  endif()
  set(target zspace-plugin-${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE zspace::framework ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME zspace-${name}
    LIBRARY_OUTPUT_DIRECTORY ${ZSPACE_PLUGIN_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    INSTALL_RPATH "$ORIGIN/../..")
  if(COMMAND zspace_warnings)  # the zspace source tree's warning set
    zspace_warnings(${target})
  endif()
  if(NOT ARG_NO_INSTALL)
    set(destination ${ZSPACE_PLUGIN_INSTALL_DIR})
    if(ARG_DESTINATION)
      set(destination ${ARG_DESTINATION})
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION ${destination})
  endif()
  set_property(GLOBAL APPEND PROPERTY ZSPACE_PLUGIN_TARGETS ${target})
endfunction()
