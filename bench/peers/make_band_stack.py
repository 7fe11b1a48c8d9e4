#!/usr/bin/python3
"""Writes a synthetic 8-bit stack for the band benchmarks: one uncompressed TIFF per section.

A few smooth random textures (white noise low-passed by Gaussians of different widths) mixed
with weights that vary smoothly along z, plus pixel noise: neighbouring sections are similar
and similarity falls off with distance, as in a real stack. Deterministic for a seed.

    /usr/bin/python3 bench/peers/make_band_stack.py OUT_DIR [--sections 150] [--size 768] [--seed 1]
"""
import argparse
import os

import numpy as np
from PIL import Image


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder to write section_0000.tif ... into (created)")
    parser.add_argument("--sections", type=int, default=150)
    parser.add_argument("--size", type=int, default=768, help="width and height in pixels")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    size, textures = args.size, 6
    fy = np.fft.fftfreq(size)[:, None]
    fx = np.fft.rfftfreq(size)[None, :]
    base = []
    for k in range(textures):
        sigma = 2.0 + k
        gauss = np.exp(-2.0 * (np.pi * sigma) ** 2 * (fx ** 2 + fy ** 2))
        t = np.fft.irfft2(np.fft.rfft2(rng.standard_normal((size, size))) * gauss, s=(size, size))
        base.append((t / t.std()).astype(np.float32).ravel())
    base = np.stack(base)  # textures x pixels
    frequency = 0.01 + 0.05 * rng.random(textures)  # cycles per section
    phase = 2 * np.pi * rng.random(textures)
    z = np.arange(args.sections)[:, None]
    weights = (22.0 * np.cos(2 * np.pi * frequency[None, :] * z + phase[None, :])).astype(np.float32)

    os.makedirs(args.out, exist_ok=True)
    for i in range(args.sections):
        v = 128.0 + weights[i] @ base + rng.integers(-8, 8, size=base.shape[1]).astype(np.float32)
        image = np.clip(v, 0, 255).astype(np.uint8).reshape(size, size)
        Image.fromarray(image).save(os.path.join(args.out, "section_%04d.tif" % i))


if __name__ == "__main__":
    main()
