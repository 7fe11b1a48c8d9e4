#!/usr/bin/python3
"""How far the sample cube's similarity fall-off along z differs from the in-plane one.

For each half of the cube (and the whole), the mean Pearson correlation of slices d apart along z,
and of each slice with itself shifted by d pixels along x, along y, and the mean of both (what
the calibrated solver uses). For a z distance of d voxels it prints the in-plane distance that
gives the same correlation, over d: 1 means the texture is isotropic there, 1.1 means in-plane
calibration reads 10 % too much thickness. This bounds the absolute span the calibrated solver
can reach on this tissue, whatever the method.

  bench/accuracy/anisotropy.py [tests/data/fibsem_medulla_iso10nm_s1]
"""
import glob
import os
import sys

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pearson(a, b):
    a = a - a.mean()
    b = b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


def crossing(curve, value):
    """Distance where the non-increasing hull of curve (samples at 0, 1, ...) falls to value."""
    hull = np.minimum.accumulate(curve)
    for d in range(1, len(hull)):
        if hull[d] <= value:
            lo, hi = hull[d - 1], hull[d]
            return d - 1 + ((lo - value) / (lo - hi) if lo > hi else 0.0)
    return float("nan")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests/data/fibsem_medulla_iso10nm_s1")
    files = sorted(glob.glob(os.path.join(folder, "*.png")))
    if not files:
        sys.exit(f"anisotropy.py: {folder}: no PNG slices")
    cube = np.stack([np.asarray(Image.open(f), dtype=np.float64) for f in files])
    n, h, _ = cube.shape
    reach = 30
    print("in-plane distance with the z correlation of d voxels, over d (x / y / mean of x and y)")
    for name, part in (("top", cube[:, : h // 2]), ("bottom", cube[:, h // 2 :]), ("whole", cube)):
        z = np.ones(reach + 1)
        x = np.ones(reach + 1)
        y = np.ones(reach + 1)
        for d in range(1, reach + 1):
            z[d] = np.mean([pearson(part[i], part[i + d]) for i in range(0, n - d, 3)])
            x[d] = np.mean([pearson(part[i][:, :-d], part[i][:, d:]) for i in range(0, n, 3)])
            y[d] = np.mean([pearson(part[i][:-d], part[i][d:]) for i in range(0, n, 3)])
        mean = (x + y) / 2
        cells = []
        for d in (1, 2, 3, 5, 8):
            cells.append(f"d={d}: {crossing(x, z[d]) / d:.2f} / {crossing(y, z[d]) / d:.2f} / "
                         f"{crossing(mean, z[d]) / d:.2f}")
        print(f"{name:7s} " + "   ".join(cells))


if __name__ == "__main__":
    main()
