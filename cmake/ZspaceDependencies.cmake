# Every dependency is a Debian 12 package; scripts/install-deps installs them.
find_package(Boost 1.74 REQUIRED COMPONENTS filesystem)
find_package(yaml-cpp 0.7 REQUIRED)
if(NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()
find_package(TIFF REQUIRED)
find_package(PNG REQUIRED)
find_package(CLI11 2.1 CONFIG REQUIRED)
find_package(fmt 9 REQUIRED)
find_package(TBB 2021 REQUIRED)
find_package(Threads REQUIRED)
find_package(benchmark QUIET)

# FFTW ships no CMake config; single precision is what the fft-correlation metric uses.
find_package(PkgConfig REQUIRED)
pkg_check_modules(FFTW3F REQUIRED IMPORTED_TARGET fftw3f)

# HDF5 input and the HDF5 corrected stack: the serial C library. FindHDF5 needs the C language
# enabled (this project is C++ only), so take Debian's hdf5.pc, which points at the serial build.
pkg_check_modules(ZSPACE_HDF5 REQUIRED IMPORTED_TARGET hdf5)

# Debian's CeresTargets.cmake imports the static libceres.a, which cannot go into a plugin
# (not position-independent); point the target at the shared library instead.
find_package(Ceres 2.1 REQUIRED)
find_library(ZSPACE_CERES_SHARED_LIB NAMES libceres.so.3 ceres REQUIRED)
set_property(TARGET Ceres::ceres PROPERTY IMPORTED_LOCATION_RELEASE ${ZSPACE_CERES_SHARED_LIB})
set_property(TARGET Ceres::ceres PROPERTY IMPORTED_LOCATION_DEBUG ${ZSPACE_CERES_SHARED_LIB})
set_property(TARGET Ceres::ceres PROPERTY IMPORTED_LOCATION_RELWITHDEBINFO ${ZSPACE_CERES_SHARED_LIB})
set_property(TARGET Ceres::ceres PROPERTY IMPORTED_LOCATION ${ZSPACE_CERES_SHARED_LIB})

# Boost.DLL is header-only; with std::filesystem paths it needs nothing but the headers.
add_library(zspace_dll INTERFACE)
target_link_libraries(zspace_dll INTERFACE Boost::headers ${CMAKE_DL_LIBS})
target_compile_definitions(zspace_dll INTERFACE BOOST_DLL_USE_STD_FS)

# Optional: MPI (Debian's Open MPI) for runs spread over ranks.
if(ZSPACE_MPI)
  find_package(MPI COMPONENTS CXX QUIET)
  if(NOT MPI_CXX_FOUND)
    message(STATUS "MPI not found: zspace runs in one process (install libopenmpi-dev for mpirun runs)")
  endif()
endif()
