"""Evaluate a diagram two ways: DisCoPy's tensor functor, and discojax's compiled contraction."""

from __future__ import annotations

from collections.abc import Callable

import jax.numpy as jnp
import numpy as np
import pytest
from discopy import tensor
from discopy.grammar import pregroup

from discojax.compile import contract, lower, network_from_diagram
from discojax.grammar._types import format_type
from discojax.rewrite import CurryRule
from discojax.semantics import TensorAnsatz

STRUCTURAL = (pregroup.Cup, pregroup.Cap, pregroup.Swap, pregroup.Spider)


class Evaluator:
    """Random word tensors (one per box, fixed on first use) and two ways to contract."""

    def __init__(self, dims: dict[str, int], seed: int = 0):
        self.dims = dims
        self.rng = np.random.default_rng(seed)
        self.tensors: dict[pregroup.Box, np.ndarray] = {}

    def tensor(self, box: pregroup.Box) -> np.ndarray:
        if box not in self.tensors:
            shape = [self.dims[ob.name] for ob in (box.dom @ box.cod).inside]
            self.tensors[box] = self.rng.normal(size=shape)
        return self.tensors[box]

    def curry_tensors(self, diagram: pregroup.Diagram) -> None:
        """Give each word's curried box (see ``CurryRule``) the word's tensor, axes moved.

        A word ``dom -> l m r`` (``l`` right adjoints, ``r`` left adjoints) has axes
        ``(dom, l, m, r)``; its curried box ``l.l dom r.r -> m`` has axes ``(l', dom, r', m)``,
        where ``l'`` and ``r'`` are ``l`` and ``r`` reversed (``(a b).l = b.l a.l``).
        """
        rule = CurryRule()
        for box in diagram.boxes:
            if isinstance(box, STRUCTURAL) or not rule.matches(box):
                continue
            (curried,) = (b for b in rule.rewrite(box).boxes if not isinstance(b, STRUCTURAL))
            obs, d = box.cod.inside, len(box.dom)
            i = next((k for k, ob in enumerate(obs) if ob.z <= 0), len(obs))
            j = len(obs)
            while j > i and obs[j - 1].z < 0:
                j -= 1
            left, right = range(d + i - 1, d - 1, -1), range(d + len(obs) - 1, d + j - 1, -1)
            axes = [*left, *range(d), *right, *range(d + i, d + j)]
            self.tensors[curried] = self.tensor(box).transpose(axes)

    def discopy(self, diagram: pregroup.Diagram) -> np.ndarray:
        functor = tensor.Functor(
            ob={pregroup.Ty(b): d for b, d in self.dims.items()},
            ar=self.tensor,
            dom=pregroup.Category(),
            dtype=float,
        )
        return np.asarray(functor(diagram).array, dtype=float)

    def network(self, diagram: pregroup.Diagram) -> np.ndarray:
        """Lower with discojax's compiler and contract the network with NumPy (no jit)."""
        network = network_from_diagram(diagram)
        words = [b for b in diagram.boxes if not isinstance(b, STRUCTURAL)]
        operands: list = []
        for box, slot in zip(words, network.slots, strict=True):
            operands += [self.tensor(box), list(slot)]
        return np.asarray(np.einsum(*operands, list(network.output)), dtype=float)

    def compiled(self, diagram: pregroup.Diagram) -> np.ndarray:
        """Lower with discojax's compiler and contract with its jitted program (float32)."""
        network = network_from_diagram(diagram)
        words = [b for b in diagram.boxes if not isinstance(b, STRUCTURAL)]
        assert tuple(b.name for b in words) == network.words
        tables: dict[str, list[np.ndarray]] = {}
        ids = []
        for box, ty in zip(words, network.types, strict=True):
            rows = tables.setdefault(format_type(ty), [])
            ids.append(len(rows))
            rows.append(self.tensor(box))
        program = lower(network, TensorAnsatz(self.dims))
        stacked = {name: jnp.asarray(np.stack(rows), jnp.float32) for name, rows in tables.items()}
        result = contract(program, stacked, jnp.asarray([ids], dtype=jnp.int32))
        return np.asarray(result[0], dtype=float)

    def both(self, diagram: pregroup.Diagram, jit: bool = True) -> np.ndarray:
        """DisCoPy's value, after checking that the compiled contraction equals it."""
        expected = self.discopy(diagram)
        np.testing.assert_allclose(self.network(diagram), expected, rtol=1e-9, atol=1e-12)
        if jit:
            np.testing.assert_allclose(self.compiled(diagram), expected, rtol=1e-4, atol=1e-5)
        return expected


@pytest.fixture
def evaluator() -> Callable[..., Evaluator]:
    return Evaluator
