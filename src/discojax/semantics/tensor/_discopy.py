"""A tensor semantics as DisCoPy's functor: each word box to its tensor under given tables.

:func:`word_tensor` assembles one word's dense tensor from its factors (a no-op for
:class:`~discojax.semantics.TensorAnsatz`); :func:`discopy_functor` builds the DisCoPy
``tensor.Functor`` that sends each word box to that tensor, so any diagram can be evaluated the
slow, box-by-box way, for comparison with the compiler.

>>> import jax, numpy as np
>>> from discojax import TensorModel, TensorAnsatz, parse
>>> model = TensorModel.from_data(["Alice loves Bob"], TensorAnsatz({"n": 2, "s": 2}))
>>> params = model.init(jax.random.key(0))
>>> F = discopy_functor(model.ansatz, model.vocabulary, params)
>>> slow = F(parse("Bob loves Alice").to_diagram()).array
>>> fast = model.meaning(params, "Bob loves Alice")
>>> bool(np.allclose(slow, fast, atol=1e-5))
True
"""

from __future__ import annotations

from collections.abc import Mapping

import jax
import numpy as np
import opt_einsum
from discopy import tensor
from discopy.grammar import pregroup

from discojax.compile._letters import einsum_letter
from discojax.compile._program import table_name
from discojax.compile._vocabulary import Vocabulary
from discojax.grammar._types import Type, format_type, from_discopy
from discojax.semantics.tensor._ansatz import TensorAnsatz


def word_tensor(
    ansatz: TensorAnsatz,
    vocabulary: Vocabulary,
    params: Mapping[str, jax.Array],
    word: str,
    ty: Type,
) -> np.ndarray:
    """The dense tensor of ``word`` at type ``ty``: its factors contracted together.

    >>> import jax
    >>> from discojax import TensorModel, MPSAnsatz
    >>> m = TensorModel.from_data(["Alice loves Bob"], MPSAnsatz({"n": 2, "s": 2}, bond_dim=2))
    >>> ty = (("n", 1), ("s", 0), ("n", -1))
    >>> word_tensor(m.ansatz, m.vocabulary, m.init(jax.random.key(0)), "loves", ty).shape
    (2, 2, 2)
    """
    type_string = format_type(ty)
    row = vocabulary.index(word, type_string)
    factoring = ansatz.factoring(ty)
    n = len(factoring.factors)
    operands = [np.asarray(params[table_name(type_string, j, n)][row]) for j in range(n)]
    symbol = einsum_letter
    terms = ["".join(symbol(a) for a in axes) for axes, _ in factoring.factors]
    out = "".join(symbol(w) for w in factoring.wires)
    if len(set(factoring.wires)) < len(factoring.wires):  # a spider: the diagonal tensor
        dims = ansatz.shape(ty)
        dense = np.zeros(dims, dtype=operands[0].dtype)
        index = np.arange(dims[0])
        dense[(index,) * len(dims)] = operands[0]
        return dense
    return np.asarray(opt_einsum.contract(",".join(terms) + "->" + out, *operands))


def discopy_functor(
    ansatz: TensorAnsatz, vocabulary: Vocabulary, params: Mapping[str, jax.Array]
) -> tensor.Functor:
    """A DisCoPy tensor functor sending each word box to its tensor under ``params``.

    Works for word boxes with no domain (states); basic types go to the ansatz's dimensions.

    >>> from discojax import TensorModel, TensorAnsatz
    >>> m = TensorModel.from_data(["Alice runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> type(discopy_functor(m.ansatz, m.vocabulary, m.init(jax.random.key(0)))).__name__
    'Functor'
    """

    def arrow(box: pregroup.Box) -> np.ndarray:
        return word_tensor(ansatz, vocabulary, params, box.name, from_discopy(box.cod))

    ob = {pregroup.Ty(base): dim for base, dim in ansatz.dims.items()}
    return tensor.Functor(ob=ob, ar=arrow, dom=pregroup.Category(), dtype=float)


def tensor_diagram(
    ansatz: TensorAnsatz,
    vocabulary: Vocabulary,
    params: Mapping[str, jax.Array],
    diagram: pregroup.Diagram,
) -> tensor.Diagram:
    """The DisCoPy tensor diagram of a pregroup diagram: each word box a box holding its tensor.

    >>> from discojax import TensorModel, TensorAnsatz, parse
    >>> m = TensorModel.from_data(["Alice runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> params = m.init(jax.random.key(0))
    >>> d = tensor_diagram(m.ansatz, m.vocabulary, params, parse("Alice runs").to_diagram())
    >>> [box.name for box in d.boxes if box.name], d.cod
    (['alice', 'runs', 'Cup(Dim(2), Dim(2))'], Dim(2))
    """

    def arrow(box: pregroup.Box) -> tensor.Box:
        ty = from_discopy(box.cod)
        data = word_tensor(ansatz, vocabulary, params, box.name, ty)
        return tensor.Box(box.name, tensor.Dim(1), tensor.Dim(*ansatz.shape(ty)), data)

    ob = {pregroup.Ty(base): tensor.Dim(dim) for base, dim in ansatz.dims.items()}
    functor = pregroup.Functor(ob=ob, ar=arrow, cod=pregroup.Category(tensor.Dim, tensor.Diagram))
    return functor(diagram)
