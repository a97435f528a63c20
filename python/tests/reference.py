"""The objects of the library written directly in NumPy from their definitions, for comparison."""

import numpy as np


def forward_backward(inputs, weights, readout, multipliers):
    """Return U, H, masks, B (lists indexed by layer 0..L, H[0] = X) and the outputs f."""
    depth = len(weights)
    effective = [None] + [c * w for c, w in zip(multipliers, weights)]
    u, h, masks = [None], [inputs], [None]
    for layer in range(1, depth + 1):
        preactivation = h[-1] @ effective[layer].T
        u.append(preactivation)
        masks.append(preactivation > 0)
        h.append(np.where(preactivation > 0, preactivation, 0.0))

    b = [None] * (depth + 1)
    b[depth] = masks[depth] * readout[None, :]
    for layer in range(depth - 1, 0, -1):
        b[layer] = masks[layer] * (b[layer + 1] @ effective[layer + 1])

    return u, h, masks, b, h[depth] @ readout


def kernel_parts(inputs, weights, readout, multipliers):
    """Return K^(l) = c_l^2 (H_{l-1} H_{l-1}^T) * (B_l B_l^T) for l = 1..L."""
    _, h, _, b, _ = forward_backward(inputs, weights, readout, multipliers)
    return [c * c * (h[layer - 1] @ h[layer - 1].T) * (b[layer] @ b[layer].T)
            for layer, c in enumerate(multipliers, start=1)]


def gd_step(inputs, targets, weights, readout, multipliers, rate):
    """Return the weights after W_l <- W_l - rate c_l B_l^T diag(r) H_{l-1} and the loss before it."""
    _, h, _, b, f = forward_backward(inputs, weights, readout, multipliers)
    r = f - targets
    updated = [w - rate * c * b[layer].T @ (r[:, None] * h[layer - 1])
               for layer, (c, w) in enumerate(zip(multipliers, weights), start=1)]
    return updated, 0.5 * float(r @ r)
