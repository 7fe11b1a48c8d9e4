#pragma once
/// @file preprocess.hpp
/// The pipeline's preprocessing (input.sections, input.roi, preprocess.mask,
/// preprocess.downsample) as a stack reader on top of another.

#include <memory>

#include "zspace/engine/pipeline.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace {

/// A reader that serves `inner`'s sections preprocessed: only sections [first, last], cropped
/// to the roi, pixels outside [mask.below, mask.above] invalid, then downsampled by block
/// means. Section i of the result is section first + i of the input (names unchanged).
/// Integer sections stay integer unless masking or downsampling needs float.
/// Throws ConfigError when the selection does not fit the stack (naming the key and sizes).
/// Returns `inner` itself when nothing is to be done.
std::unique_ptr<StackReader> preprocess_stack(std::unique_ptr<StackReader> inner, const Preprocess& preprocess);

}  // namespace zspace
