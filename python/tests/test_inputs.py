"""Input handling: memory layouts, the no-copy path and ValueError on bad shapes."""

import numpy as np
import pytest

import gramdyn
from gramdyn._arrays import as_float64


def test_c_contiguous_float64_not_copied(case):
    assert as_float64(case.inputs, "X", 2, "[N, d]") is case.inputs
    assert as_float64(case.weights[0], "W", 2, "[n, d]") is case.weights[0]


def test_fortran_order_gives_same_kernel(case):
    k = gramdyn.kernel(case.inputs, case.weights, case.readout)
    fortran_inputs = np.asfortranarray(case.inputs)
    fortran_weights = [np.asfortranarray(w) for w in case.weights]
    assert not fortran_inputs.flags.c_contiguous
    assert k.tobytes() == gramdyn.kernel(fortran_inputs, fortran_weights, case.readout).tobytes()


def test_strided_inputs_give_same_kernel(case):
    k = gramdyn.kernel(case.inputs, case.weights, case.readout)
    padded = np.zeros((case.inputs.shape[0] * 2, case.inputs.shape[1] * 3))
    padded[::2, ::3] = case.inputs
    strided = padded[::2, ::3]
    readout = np.zeros(case.readout.size * 2)
    readout[::2] = case.readout
    assert not strided.flags.c_contiguous
    assert k.tobytes() == gramdyn.kernel(strided, case.weights, readout[::2]).tobytes()


def test_other_dtypes_converted(case):
    as_float32 = case.inputs.astype(np.float32)
    expected = gramdyn.kernel(as_float32.astype(np.float64), case.weights, case.readout)
    assert expected.tobytes() == gramdyn.kernel(as_float32, case.weights, case.readout).tobytes()
    integers = np.arange(20).reshape(10, 2) % 3
    weights = [np.ones((3, 2)), np.ones((2, 3))]
    np.testing.assert_array_equal(gramdyn.kernel(integers, weights, [1.0, 1.0]),
                                  gramdyn.kernel(integers.astype(float), weights, [1.0, 1.0]))


@pytest.mark.parametrize("mutation, message", [
    (lambda c: (c.inputs[:, :4], c.weights, c.readout), "expected 5 columns"),
    (lambda c: (c.inputs[0], c.weights, c.readout), "X must be a 2-d array"),
    (lambda c: (c.inputs[:0], c.weights, c.readout), "X is empty"),
    (lambda c: (c.inputs, [c.weights[0], c.weights[1].T, c.weights[2]], c.readout),
     "weights[1] has shape (8, 6)"),
    (lambda c: (c.inputs, c.weights, c.readout[:3]), "readout has 3 entries, expected n_L = 4"),
    (lambda c: (c.inputs, [], c.readout), "weights is empty"),
    (lambda c: (c.inputs, c.weights[0], c.readout), "sequence of 2-d arrays"),
])
def test_bad_shapes_raise_value_error(case, mutation, message):
    inputs, weights, readout = mutation(case)
    with pytest.raises(ValueError) as error:
        gramdyn.kernel(inputs, weights, readout)

    assert message in str(error.value)


def test_bad_arguments_raise_value_error(case):
    with pytest.raises(ValueError, match="multipliers has 2 entries"):
        gramdyn.kernel(case.inputs, case.weights, case.readout, multipliers=[1.0, 1.0])

    with pytest.raises(ValueError, match="alternatives"):
        gramdyn.kernel(case.inputs, case.weights, case.readout, multipliers=[1.0] * 3, parametrization="ntk")

    with pytest.raises(ValueError, match="expected 'standard' or 'ntk'"):
        gramdyn.kernel(case.inputs, case.weights, case.readout, parametrization="mup")

    with pytest.raises(ValueError, match="precision is 'half'"):
        gramdyn.kernel(case.inputs, case.weights, case.readout, precision="half")

    with pytest.raises(ValueError, match="y has 9 entries, expected N = 10"):
        gramdyn.gd_step(case.inputs, case.targets[:9], case.weights, case.readout, 0.1)

    with pytest.raises(ValueError, match="expected a square"):
        gramdyn.eigh(np.ones((2, 3)))


def test_library_rejections_raise_value_error(case):
    poisoned = case.inputs.copy()
    poisoned[3, 2] = np.nan
    with pytest.raises(gramdyn.GramdynValueError, match=r"X entry \(3, 2\) is NaN"):
        gramdyn.kernel(poisoned, case.weights, case.readout)

    with pytest.raises(ValueError, match="mu is 10"):
        gramdyn.pullback_gram(case.inputs, case.weights, case.readout, 0, 10, 0)

    with pytest.raises(ValueError, match="layer is 3"):
        gramdyn.conjugate_gram(case.inputs, case.weights, case.readout, 3, 0, 0)


def test_state_errors(case):
    network = gramdyn.Network(case.weights, case.readout)
    with pytest.raises(ValueError, match="no data is bound"):
        network.kernel()

    network.bind(case.inputs)
    with pytest.raises(gramdyn.GramdynError, match="no targets are bound") as error:
        network.gd_step(0.1)

    assert error.value.code == 5
    network.close()
    with pytest.raises(ValueError, match="closed"):
        network.kernel()

    network.close()
