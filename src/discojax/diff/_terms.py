"""``grad(model, sentence, symbol)``: a sentence's derivative as a formal sum of diagrams.

The product rule: a symbol is one entry of one word's parameters, so the derivative of a
sentence is the sum, over the occurrences of that word, of the sentence with that one box
replaced by the box's derivative (:mod:`discojax.diff._rules`: a unit tensor, or shifted
gates with a coefficient). Every term keeps the sentence's shape, which is what lets the
compiler evaluate all terms of a batch together (:mod:`discojax.diff._batch`).

>>> from discojax.quantum import CircuitAnsatz, QuantumModel
>>> model = QuantumModel.from_data(["Alice loves Alice"], CircuitAnsatz({"n": 1, "s": 1}))
>>> d = grad(model, "Alice loves Alice", "alice__n_1")
>>> [(t.slot, t.shift, round(t.coefficient, 4)) for t in d.terms]
[(0, 0.5, 3.1416), (2, 0.5, 3.1416)]
>>> print(d.to_discopy(model).terms[0].boxes[3])
Rz(alice__n_1 + 0.5)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import sympy
from discopy import tensor
from discopy.grammar import pregroup
from discopy.quantum import circuit as qc
from discopy.quantum import gates as qg

from discojax.compile._network import Network, network_from_diagram
from discojax.diff._rules import rules
from discojax.diff._symbols import Symbols, symbol_name
from discojax.grammar._types import format_type, from_discopy
from discojax.semantics.circuit._ansatz import CircuitAnsatz
from discojax.semantics.circuit._circuit import to_circuit
from discojax.semantics.tensor._discopy import word_tensor


@dataclass(frozen=True)
class Term:
    """One diagram of a derivative: the sentence with one word box replaced by its derivative.

    Attributes:
        slot: the word box replaced (its position among the sentence's words).
        table: the parameter table of the symbol.
        column: the symbol's entry in the word's row.
        shift: the angle's shift (circuits), or ``None``: the unit box (tensors).
        coefficient: the term's scalar.
    """

    slot: int
    table: str
    column: int
    shift: float | None
    coefficient: float


@dataclass(frozen=True)
class FormalSum:
    """``∂ sentence / ∂ symbol``: a formal sum of diagrams of the sentence's shape.

    Attributes:
        sentence: the sentence's network.
        diagram: its pregroup diagram (for drawing).
        symbol: the symbol differentiated.
        row: the symbol's word's row in its table.
        terms: the terms; none if the symbol's word is not in the sentence (the derivative
            is zero).
    """

    sentence: Network
    diagram: pregroup.Diagram
    symbol: sympy.Symbol
    row: int
    terms: tuple[Term, ...]

    def __len__(self) -> int:
        return len(self.terms)

    def to_discopy(self, model: Any, params: dict[str, jax.Array] | None = None) -> Any:
        """The sum as DisCoPy diagrams: ``Circuit`` sums (angles symbolic, or numbers from
        ``params``), or ``tensor.Diagram`` sums (numbers from ``params``, needed).

        A circuit term is ``scalar(c) @ circuit`` with the word's angle ``θ + s``. With
        ``params`` the numbers are put in before the scalar is made, so a mixed sum evaluates
        correctly with DisCoPy's ``eval(mixed=True)`` (its ``subs`` and ``lambdify`` make
        every scalar pure again: see ``docs/diagdiff.md``).

        >>> import jax, numpy as np
        >>> from discojax import TensorAnsatz, TensorModel
        >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
        >>> p = m.init(jax.random.key(0))
        >>> d = grad(m, "man runs", "man__n_1").to_discopy(m, p)
        >>> bool(np.allclose(d.eval(dtype=float).array, p["n.r s"][0][1]))
        True
        """
        circuits = isinstance(model.ansatz, CircuitAnsatz)
        if not circuits and params is None:
            raise ValueError("tensor terms are drawn with numbers: give params")
        drawn = [self._term(model, params, term) for term in self.terms]
        if circuits:
            cod = qc.qubit ** model.ansatz.width(self.sentence.output_type)
            return qc.Sum(drawn, qc.Ty(), cod)
        shape = model.ansatz.shape(self.sentence.output_type)
        return tensor.Sum(drawn, tensor.Dim(1), tensor.Dim(*shape))

    def _term(self, model: Any, params: Any, term: Term) -> Any:
        word = self.sentence.words[term.slot]
        type_string = format_type(self.sentence.types[term.slot])
        marked = f"{word}'"
        diagram = _rename(self.diagram, term.slot, marked)
        if isinstance(model.ansatz, CircuitAnsatz):
            circuit = to_circuit(diagram, model.ansatz)
            # DisCoPy substitutes by lambdifying the keys, so every free symbol is a key
            # (names such as ``loves__n.r@s_0`` are not identifiers unless lambdify renames
            # them, which it does for keys only).
            values: dict[sympy.Symbol, Any] = {s: s for s in circuit.free_symbols}
            if params is not None:
                values.update(Symbols.of(model).values(params))
            for j in range(model.ansatz.n_params(self.sentence.types[term.slot])):
                at = values.get(sympy.Symbol(symbol_name(word, type_string, j)))
                at = sympy.Symbol(symbol_name(word, type_string, j)) if at is None else at
                shift = term.shift if j == term.column else 0
                values[sympy.Symbol(symbol_name(marked, type_string, j))] = at + shift
            circuit = circuit.subs(*values.items())
            return qg.scalar(term.coefficient, is_mixed=model.ansatz.is_mixed) @ circuit
        unit = jnp.zeros(params[term.table].shape[1:]).reshape(-1).at[term.column].set(1)
        table = params[term.table].at[self.row].set(unit.reshape(params[term.table].shape[1:]))

        def arrow(box: pregroup.Box) -> tensor.Box:
            ty = from_discopy(box.cod)
            if box.name == marked:
                data = word_tensor(
                    model.ansatz, model.vocabulary, {**params, term.table: table}, word, ty
                )
                name = f"∂{word}/∂{self.symbol}"
            else:
                data = word_tensor(model.ansatz, model.vocabulary, params, box.name, ty)
                name = box.name
            return tensor.Box(name, tensor.Dim(1), tensor.Dim(*model.ansatz.shape(ty)), data)

        ob = {pregroup.Ty(b): tensor.Dim(d) for b, d in model.ansatz.dims.items()}
        cod = pregroup.Category(tensor.Dim, tensor.Diagram)
        return pregroup.Functor(ob=ob, ar=arrow, cod=cod)(diagram)


def _rename(diagram: pregroup.Diagram, slot: int, name: str) -> pregroup.Diagram:
    """``diagram`` with its ``slot``-th word box renamed ``name``."""
    layers, k = [], 0
    for layer in diagram.inside:
        left, box, right = layer
        if isinstance(box, pregroup.Word):
            if k == slot:
                box = pregroup.Word(name, box.cod)
            k += 1
        layers.append(type(layer)(left, box, right))
    return pregroup.Diagram(tuple(layers), diagram.dom, diagram.cod)


def sentence_diagram(model: Any, sentence: Any) -> pregroup.Diagram:
    """The pregroup diagram of text, a parse, or a diagram, as the model parses it.

    >>> from discojax import TensorAnsatz, TensorModel
    >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> sentence_diagram(m, "man runs").cod
    grammar.pregroup.Ty(rigid.Ob('s'))
    """
    if isinstance(sentence, str):
        sentence = model.parser.parse(sentence, model.target)
    return sentence.to_diagram() if hasattr(sentence, "to_diagram") else sentence


def terms_of(model: Any, network: Network, table: str, row: int, column: int) -> tuple[Term, ...]:
    """The terms of ``∂ network / ∂ (table, row, column)``: the product rule over the slots
    whose word reads that row, times the column's rule.

    >>> from discojax import TensorAnsatz, TensorModel
    >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> terms_of(m, m.networks(["man runs"])[0], "n", 0, 1)
    (Term(slot=0, table='n', column=1, shift=None, coefficient=1.0),)
    """
    type_string = table.split("[")[0]
    rule = rules(model.ansatz, type_string)[table][column]
    terms = []
    for k, (word, ty) in enumerate(zip(network.words, network.types)):
        here = format_type(ty)
        if here == type_string and model.vocabulary.index(word, here, k) == row:
            terms += [Term(k, table, column, s, c) for s, c in rule]
    return tuple(terms)


def grad(model: Any, sentence: Any, symbol: sympy.Symbol | str) -> FormalSum:
    """The derivative of a sentence's meaning (tensor, amplitudes or density matrix) with
    respect to one parameter, as a formal sum of diagrams.

    Args:
        model: a :class:`~discojax.TensorModel` or :class:`~discojax.quantum.QuantumModel`.
        sentence: text, a parse or a pregroup diagram.
        symbol: a sympy symbol of :class:`~discojax.diff.Symbols`, or its name.

    Raises:
        DifferentiationError: an unknown symbol, or a semantics without rules.

    >>> from discojax import TensorAnsatz, TensorModel
    >>> m = TensorModel.from_data(["man runs"], TensorAnsatz({"n": 2, "s": 2}))
    >>> len(grad(m, "man runs", "runs__n.r@s_0")), len(grad(m, "man runs", "man__n_0"))
    (1, 1)
    """
    table, row, column = Symbols.of(model).locate(symbol)
    diagram = sentence_diagram(model, sentence)
    network = network_from_diagram(diagram)
    terms = terms_of(model, network, table, row, column)
    key = sympy.Symbol(symbol) if isinstance(symbol, str) else symbol
    return FormalSum(network, diagram, key, row, terms)
