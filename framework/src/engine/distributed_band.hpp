#pragma once
// The band of a run spread over MPI ranks.

#include "engine/band_stage.hpp"

namespace zspace {

/// Every rank computes the band rows of its contiguous share of the sections (reading those
/// sections and the R before them), with the in-plane calibration when the request asks for
/// it; rank 0 receives the whole band and calibration, the others only their own rows. If any rank fails, every rank throws: the failed one its own error,
/// the others a DataError saying which rank failed.
BandStage compute_distributed_band(const StackReader& reader, const Pipeline& pipeline, const BandRequest& request,
                                   const Registry& registry, int threads, Progress& progress);

}  // namespace zspace
