"""Interop with DisCoPy: a model's word tensors as a DisCoPy tensor functor.

:func:`word_tensor` assembles one word's dense tensor from its factors (a no-op for
:class:`~discojax.semantics.TensorAnsatz`); :func:`discopy_functor` builds the DisCoPy
``tensor.Functor`` that sends each word box to that tensor, so any diagram can be evaluated the
slow, box-by-box way for comparison.

>>> import jax, numpy as np
>>> from discojax import TensorModel, TensorAnsatz, parse
>>> model = TensorModel.from_data(["Alice loves Bob"], TensorAnsatz({"n": 2, "s": 2}))
>>> params = model.init(jax.random.key(0))
>>> F = discopy_functor(model, params)
>>> slow = F(parse("Bob loves Alice").to_diagram()).array
>>> fast = model.meaning(params, "Bob loves Alice")
>>> bool(np.allclose(slow, fast, atol=1e-5))
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jax
import numpy as np
import opt_einsum
from discopy import tensor
from discopy.grammar import pregroup

from discojax.compile._program import table_name
from discojax.grammar._types import Type, format_type, from_discopy


def word_tensor(model: Any, params: Mapping[str, jax.Array], word: str, ty: Type) -> np.ndarray:
    """The dense tensor of ``word`` at type ``ty``: its factors contracted together.

    >>> import jax
    >>> from discojax import TensorModel, MPSAnsatz
    >>> m = TensorModel.from_data(["Alice loves Bob"], MPSAnsatz({"n": 2, "s": 2}, bond_dim=2))
    >>> word_tensor(m, m.init(jax.random.key(0)), "loves", (("n", 1), ("s", 0), ("n", -1))).shape
    (2, 2, 2)
    """
    type_string = format_type(ty)
    row = model.vocabulary.index(word, type_string)
    factoring = model.ansatz.factoring(ty)
    n = len(factoring.factors)
    operands = [np.asarray(params[table_name(type_string, j, n)][row]) for j in range(n)]
    symbol = opt_einsum.get_symbol
    terms = ["".join(symbol(a) for a in axes) for axes, _ in factoring.factors]
    out = "".join(symbol(w) for w in factoring.wires)
    if len(set(factoring.wires)) < len(factoring.wires):  # a spider: the diagonal tensor
        dims = model.ansatz.shape(ty)
        dense = np.zeros(dims, dtype=operands[0].dtype)
        index = np.arange(dims[0])
        dense[(index,) * len(dims)] = operands[0]
        return dense
    return np.asarray(opt_einsum.contract(",".join(terms) + "->" + out, *operands))


def discopy_functor(model: Any, params: Mapping[str, jax.Array]) -> tensor.Functor:
    """A DisCoPy tensor functor sending each word box to its tensor under ``params``.

    Works for word boxes with no domain (states); basic types go to the ansatz's dimensions.
    """

    def arrow(box: pregroup.Box) -> np.ndarray:
        return word_tensor(model, params, box.name, from_discopy(box.cod))

    ob = {pregroup.Ty(base): dim for base, dim in model.ansatz.dims.items()}
    return tensor.Functor(ob=ob, ar=arrow, dom=pregroup.Category(), dtype=float)
