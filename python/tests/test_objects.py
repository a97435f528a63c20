"""The library's objects against the NumPy definitions in reference.py."""

import numpy as np
import pytest

import gramdyn
import reference

TOLERANCE = dict(rtol=1e-12, atol=1e-12)


def test_fields_match_numpy(case):
    multipliers = [0.5, 1.5, 2.0]
    result = gramdyn.fields(case.inputs, case.weights, case.readout, multipliers=multipliers)
    u, h, masks, b, f = reference.forward_backward(case.inputs, case.weights, case.readout, multipliers)
    np.testing.assert_array_equal(result.H[0], case.inputs)
    for layer in range(1, 4):
        np.testing.assert_allclose(result.U[layer], u[layer], **TOLERANCE)
        np.testing.assert_allclose(result.H[layer], h[layer], **TOLERANCE)
        np.testing.assert_allclose(result.B[layer], b[layer], **TOLERANCE)
        assert result.masks[layer].dtype == np.bool_
        np.testing.assert_array_equal(result.masks[layer], masks[layer])

    np.testing.assert_allclose(result.outputs, f, **TOLERANCE)


def test_grams_match_numpy(case):
    result = gramdyn.grams(case.inputs, case.weights, case.readout, parametrization="ntk")
    multipliers = [np.sqrt(2.0 / 5), np.sqrt(2.0 / 8), np.sqrt(2.0 / 6)]
    _, h, masks, b, _ = reference.forward_backward(case.inputs, case.weights, case.readout, multipliers)
    np.testing.assert_allclose(result.C, case.inputs @ case.inputs.T, **TOLERANCE)
    for layer in range(0, 4):
        np.testing.assert_allclose(result.Q[layer], h[layer] @ h[layer].T, **TOLERANCE)

    for layer in range(1, 4):
        np.testing.assert_allclose(result.S[layer], b[layer] @ b[layer].T, **TOLERANCE)
        counts = masks[layer].astype(float) @ masks[layer].T.astype(float)
        np.testing.assert_array_equal(result.P[layer], counts)


def test_kernel_matches_numpy(case):
    multipliers = [0.7, 1.1, 1.3]
    k, parts = gramdyn.kernel(case.inputs, case.weights, case.readout, multipliers=multipliers, layers=True)
    expected = reference.kernel_parts(case.inputs, case.weights, case.readout, multipliers)
    assert k.shape == (10, 10)
    assert parts.shape == (3, 10, 10)
    for layer in range(3):
        np.testing.assert_allclose(parts[layer], expected[layer], **TOLERANCE)

    np.testing.assert_allclose(k, sum(expected), **TOLERANCE)
    np.testing.assert_array_equal(k, k.T)
    alone = gramdyn.kernel(case.inputs, case.weights, case.readout, multipliers=multipliers)
    np.testing.assert_array_equal(alone, k)


@pytest.mark.parametrize("precision", ["float32", "mixed"])
def test_kernel_lower_precision_close(case, precision):
    k = gramdyn.kernel(case.inputs, case.weights, case.readout)
    low = gramdyn.kernel(case.inputs, case.weights, case.readout, precision=precision)
    assert low.dtype == np.float64
    np.testing.assert_allclose(low, k, rtol=1e-4, atol=1e-5 * np.abs(k).max())


def test_projector_and_gram_metrics_match_numpy(wide_case):
    c = wide_case
    _, _, masks, _, _ = reference.forward_backward(c.inputs, c.weights, c.readout, [1.0, 1.0])
    with gramdyn.Network(c.weights, c.readout).bind(c.inputs) as network:
        for mu, nu in [(0, 0), (0, 3), (5, 2)]:
            diagonal = (masks[1][mu] & masks[1][nu]).astype(float)
            np.testing.assert_array_equal(network.coactivation_projector(1, mu, nu), diagonal)
            np.testing.assert_allclose(network.pullback_gram(0, mu, nu),
                                       c.weights[0].T @ np.diag(diagonal) @ c.weights[0], **TOLERANCE)
            np.testing.assert_allclose(network.conjugate_gram(1, mu, nu),
                                       c.weights[1] @ np.diag(diagonal) @ c.weights[1].T, **TOLERANCE)

            top = (masks[2][mu] & masks[2][nu]).astype(float)
            np.testing.assert_allclose(network.pullback_gram(1, mu, nu),
                                       c.weights[1].T @ np.diag(top) @ c.weights[1], **TOLERANCE)

        packed = network.masks_packed(1)
        assert packed.shape == (7, 2)
        neurons = np.arange(70)
        bits = (packed[:, neurons // 64] >> (neurons % 64).astype(np.uint64)) & np.uint64(1)
        np.testing.assert_array_equal(bits.astype(bool), masks[1])


def test_function_entry_points_match_network(wide_case):
    c = wide_case
    with gramdyn.Network(c.weights, c.readout).bind(c.inputs) as network:
        np.testing.assert_array_equal(gramdyn.pullback_gram(c.inputs, c.weights, c.readout, 0, 1, 2),
                                      network.pullback_gram(0, 1, 2))
        np.testing.assert_array_equal(gramdyn.conjugate_gram(c.inputs, c.weights, c.readout, 1, 1, 2),
                                      network.conjugate_gram(1, 1, 2))
        np.testing.assert_array_equal(gramdyn.coactivation_projector(c.inputs, c.weights, c.readout, 1, 1, 2),
                                      network.coactivation_projector(1, 1, 2))


def test_fourth_order_correlator_equals_s(case):
    with gramdyn.Network(case.weights, case.readout).bind(case.inputs) as network:
        for layer in (1, 2):
            s = network.conjugate_correlator(layer)
            np.testing.assert_allclose(network.fourth_order_correlator(layer), s, **TOLERANCE)
            reference_path = network.fourth_order_correlator(layer, by_conjugate_gram=True)
            np.testing.assert_allclose(reference_path, s, **TOLERANCE)

    assert np.array_equal(gramdyn.fourth_order_correlator(case.inputs, case.weights, case.readout, 1),
                          gramdyn.fourth_order_correlator(case.inputs, case.weights, case.readout, 1))


def test_gd_step_matches_numpy(case):
    multipliers = [1.0, 0.5, 2.0]
    c = case
    result = gramdyn.gd_step(c.inputs, c.targets, c.weights, c.readout, 0.01, multipliers=multipliers)
    expected, loss = reference.gd_step(c.inputs, c.targets, c.weights, c.readout, multipliers, 0.01)
    assert result.loss_before == pytest.approx(loss, rel=1e-12)
    _, after = reference.gd_step(case.inputs, case.targets, expected, case.readout, multipliers, 0.0)
    assert result.loss_after == pytest.approx(after, rel=1e-12)
    for updated, reference_weights in zip(result.weights, expected):
        np.testing.assert_allclose(updated, reference_weights, **TOLERANCE)


def test_network_training_updates_kernel(case):
    with gramdyn.Network(case.weights, case.readout).bind(case.inputs, case.targets) as network:
        k_before = network.kernel()
        steps = [network.gd_step(0.02) for _ in range(3)]
        assert steps[1].loss_before == steps[0].loss_after
        assert steps[-1].loss_after < steps[0].loss_before
        trained = network.weights()
        expected = reference.kernel_parts(case.inputs, trained, case.readout, [1.0, 1.0, 1.0])
        np.testing.assert_allclose(network.kernel(), sum(expected), **TOLERANCE)
        for layer, w in enumerate(case.weights, start=1):
            network.set_weights(layer, w)

        np.testing.assert_array_equal(network.kernel(), k_before)


def test_eigh_matches_numpy(case):
    k = gramdyn.kernel(case.inputs, case.weights, case.readout)
    w, v = gramdyn.eigh(k)
    expected = np.linalg.eigvalsh(k)
    np.testing.assert_allclose(w, expected, rtol=1e-10, atol=1e-12 * expected.max())
    np.testing.assert_allclose(k @ v, v * w[None, :], atol=1e-10 * expected.max())
    np.testing.assert_allclose(v.T @ v, np.eye(10), atol=1e-12)
    # dsyevd_ without vectors takes another path, so the values agree to rounding, not bitwise.
    np.testing.assert_allclose(gramdyn.eigh(k, vectors=False), w, rtol=1e-12, atol=1e-12 * expected.max())


def test_build_info_names_blas():
    assert gramdyn.version().count(".") == 2
    assert "BLAS" in gramdyn.build_info()
    assert isinstance(gramdyn.uses_openblas(), bool)
