#pragma once
/// @file distributed.hpp
/// Runs spread over MPI ranks (`mpirun -n K zspace run PIPELINE`): each rank computes the band
/// rows of one contiguous range of sections, rank 0 gathers them, solves and writes. Built when
/// CMake finds MPI (option ZSPACE_MPI); without it every process is a single rank.

namespace zspace {

/// Initialises MPI for the process's lifetime when it was started by an MPI launcher
/// (mpirun/srun set the rank environment); otherwise does nothing. One per process, in main.
class DistributedSession {
 public:
  DistributedSession(int& argc, char**& argv);
  ~DistributedSession();
  DistributedSession(const DistributedSession&) = delete;
  DistributedSession& operator=(const DistributedSession&) = delete;
};

/// Number of ranks of this run (1 without MPI or outside a launcher).
int distributed_size();
/// This process's rank, 0 .. distributed_size()-1.
int distributed_rank();
/// True when this zspace was built with MPI support.
bool distributed_support();

}  // namespace zspace
