"""A corpus functor as a semantics of the one protocol.

The compiler contracts a corpus sentence as its *term networks* (see
:func:`~discojax.semantics.corpus.term_networks`): every factor of a word's term is a slot whose
table is named by the factor's spaces (``d50 d50``, a basic type ``dN`` per factor space) and
whose row is the word, its class and type, and the factor (``loves/transitive_verb/n.r s
n.l/0.0``). :class:`CorpusSemantics` gives those spaces their dimensions, builds each table from
the functor's fixed tensors (``init`` with the tables' rows: nothing is random), passes them to
the compiler as they are, and reads the contraction out with the functor's read-out. Called on
a parse, it gives the DisCoPy tensor diagram of the sentence (each word the sum of its terms),
whose evaluation, read out, equals the compiled meaning.

>>> from discojax.corpus import WordVectors
>>> from discojax.semantics import Semantics
>>> from discojax.semantics.corpus import Multiplicative
>>> semantics = CorpusSemantics(Multiplicative(WordVectors.from_array([[1.0, 2.0]], ["man"])))
>>> isinstance(semantics, Semantics), semantics.dim("d2")
(True, 2)
>>> semantics.init(None, {"d2": (1, 2)}, rows={"d2": ("man/noun/n/0.0",)})["d2"].tolist()
[[1.0, 2.0]]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from discojax.compile._letters import einsum_letter
from discojax.errors import CompileError
from discojax.grammar._classes import LexicalEntry
from discojax.grammar._types import Type, format_type, from_discopy, parse_type
from discojax.semantics.corpus._functor import COPY, CorpusFunctor, Term
from discojax.semantics.tensor._ansatz import Factoring, TensorAnsatz


@dataclass(frozen=True, eq=False)
class CorpusSemantics:
    """The semantics of a corpus functor: fixed word tensors, the functor's read-out.

    Args:
        functor: the composition model (:class:`~discojax.semantics.corpus.Multiplicative`,
            ``Categorical``...), which knows each word's terms and the sentence read-out.
    """

    functor: CorpusFunctor
    kind = "corpus"

    @property
    def output_kind(self) -> str:
        """Corpus models give sentence meanings (for similarity), ``"meanings"``."""
        return "meanings"

    def dim(self, base: str) -> int:
        """The dimension of a factor space ``dN``: ``N``.

        >>> from discojax.semantics.corpus import VerbOnly
        >>> CorpusSemantics(VerbOnly(None)).dim("d50")
        50
        """
        if not (base.startswith("d") and base[1:].isdigit()):
            raise CompileError(f"a corpus network's spaces are named dN, not {base!r}")
        return int(base[1:])

    def factoring(self, ty: Type) -> Factoring:
        """A factor is one dense tensor on its spaces.

        >>> from discojax.semantics.corpus import VerbOnly
        >>> CorpusSemantics(VerbOnly(None)).factoring(parse_type("d2 d3")).factors
        (((0, 1), (2, 3)),)
        """
        return TensorAnsatz({base: self.dim(base) for base, _ in ty}).factoring(ty)

    def parameter_shapes(self, ty: Type) -> dict[str, tuple[int, ...]]:
        """One table per factor shape.

        >>> from discojax.semantics.corpus import VerbOnly
        >>> CorpusSemantics(VerbOnly(None)).parameter_shapes(parse_type("d2 d2"))
        {'d2 d2': (2, 2)}
        """
        return {format_type(ty): tuple(self.dim(base) for base, _ in ty)}

    def init(
        self,
        key: jax.Array | None,
        shapes: Mapping[str, tuple[int, ...]],
        dtype: Any = None,
        rows: Mapping[str, Sequence[str]] | None = None,
    ) -> dict[str, Any]:
        """Each table stacked from its rows' fixed tensors (``key`` is unused: nothing is random).

        The tables are NumPy arrays (float64) unless ``dtype`` is given; inside a trace (learned
        verb tensors) they are the traced arrays the functor gives.

        Raises:
            CompileError: a table without its rows, or a row of a word the functor has no
                tensor for.
        """
        if rows is None:
            raise CompileError("a corpus semantics builds its tables from their rows (words)")
        tables = {}
        terms: dict[LexicalEntry, tuple[Term, ...]] = {}
        for name, shape in shapes.items():
            arrays = [self._array(row, terms) for row in rows[name]]
            fixed = all(isinstance(a, np.ndarray) for a in arrays) and dtype is None
            xp: Any = np if fixed else jnp
            table = xp.stack([xp.asarray(a) for a in arrays]) if arrays else xp.zeros(shape)
            tables[name] = table if dtype is None else jnp.asarray(table, dtype)
        return tables

    def _array(self, row: str, terms: dict[LexicalEntry, tuple[Term, ...]]) -> Any:
        """The fixed tensor of a row (see :func:`~discojax.semantics.corpus.factor_row`)."""
        if row.startswith(COPY):
            return np.eye(self.dim(row[len(COPY) :]))
        word, word_class, type_string, position = row.rsplit("/", 3)
        term, factor = (int(k) for k in position.split("."))
        entry = LexicalEntry(word, word_class, parse_type(type_string))
        if entry not in terms:
            terms[entry] = tuple(self.functor.word(entry))
        return terms[entry][term].factors[factor][1]

    def word_tensors(self, params: Mapping[str, Any], names: Sequence[str]) -> dict[str, Any]:
        """The tables the compiler contracts: the fixed tables themselves.

        >>> from discojax.semantics.corpus import VerbOnly
        >>> CorpusSemantics(VerbOnly(None)).word_tensors({"d2": np.ones((1, 2))}, ["d2"])["d2"]
        array([[1., 1.]])
        """
        missing = [name for name in names if name not in params]
        if missing:
            raise CompileError(f"no table for corpus factors of shape {missing[0]!r}")
        return {name: params[name] for name in names}

    def readout(self, values: Any, output_type: Type) -> Any:
        """The functor's read-out of the contracted meanings, reshaped to their spaces.

        >>> from discojax.semantics.corpus import VerbOnly
        >>> CorpusSemantics(VerbOnly(None)).readout(np.ones((1, 4)), parse_type("d2 d2")).shape
        (1, 2, 2)
        """
        shape = tuple(self.dim(base) for base, _ in output_type)
        return self.functor.readout(values.reshape((values.shape[0], *shape)))

    def to_json(self) -> dict[str, Any]:
        """A corpus semantics is made of word vectors (data), not settings: it is not saved.

        Raises:
            CompileError: always; rebuild the functor from its vectors (see docs/corpus.md).
        """
        raise CompileError(
            f"{self.functor.name}: a corpus semantics is rebuilt from its word vectors, not "
            "saved; build the model again from the vectors"
        )

    def word_tensor(self, entry: LexicalEntry) -> np.ndarray:
        """A word's dense tensor: the sum of its terms, spiders made diagonal, one axis per
        factor space of its type (in reverse order on odd adjoints, as DisCoPy's nested cups).

        >>> from discojax.corpus import WordVectors
        >>> from discojax.semantics.corpus import Multiplicative
        >>> F = CorpusSemantics(Multiplicative(WordVectors.from_array([[1.0, 2.0]], ["runs"])))
        >>> F.word_tensor(LexicalEntry("runs", "intransitive_verb", parse_type("n.r s")))
        array([[1., 0.],
               [0., 2.]])
        """
        functor: CorpusFunctor = self.functor
        dims = [d for base, _ in entry.type for d in functor.dims(base)]
        total = sum(_term_tensor(term, dims) for term in functor.word(entry))
        order: list[int] = []
        for base, z in entry.type:
            block = list(range(len(order), len(order) + len(functor.dims(base))))
            order += block[::-1] if z % 2 else block
        return np.asarray(total).transpose(order)

    def __call__(
        self, diagram: Any, params: Mapping[str, Any] | None = None, vocabulary: Any = None
    ) -> Any:
        """The DisCoPy tensor diagram of a parsed sentence: each word its dense tensor (the
        sum of its terms), each basic type its factor spaces; the functor's read-out comes
        after ``.eval()``. ``params`` and ``vocabulary`` are not needed: corpus tensors are
        fixed.

        Args:
            diagram: a :class:`~discojax.grammar.Parse` or text (a corpus word's tensor
                depends on its class, which a pregroup diagram's boxes do not carry).

        Raises:
            CompileError: a bare pregroup diagram.

        >>> from discojax.corpus import KroneckerVerbs, WordVectors
        >>> from discojax.grammar import parse
        >>> from discojax.semantics.corpus import Categorical
        >>> v = WordVectors.from_array([[1.0, 2.0], [3.0, 1.0], [1.0, 1.0]], ["alice", "loves", "bob"])
        >>> F = CorpusSemantics(Categorical(v, KroneckerVerbs(v)))
        >>> F(parse("Alice loves Bob")).eval().array  # (s ⊙ v) ⊗ (o ⊙ v)
        array([[9., 3.],
               [6., 2.]])
        """
        from discopy import tensor
        from discopy.grammar import pregroup

        from discojax.grammar import Parse, default_parser

        if isinstance(diagram, str):
            diagram = default_parser().parse(diagram)
        if not isinstance(diagram, Parse):
            raise CompileError(
                f"{self.functor.name}: pass the Parse (or text), not a pregroup diagram: a "
                "corpus word's tensor depends on its class, which the diagram does not carry"
            )
        entries = {(e.word, e.type): e for e in diagram.entries}
        functor: CorpusFunctor = self.functor

        def arrow(box: pregroup.Box) -> tensor.Box:
            entry = entries[(box.name, from_discopy(box.cod))]
            data = self.word_tensor(entry)
            return tensor.Box(box.name, tensor.Dim(1), tensor.Dim(*data.shape), data)

        bases = {base for e in diagram.entries for base, _ in e.type}
        ob = {pregroup.Ty(b): tensor.Dim(*functor.dims(b)) for b in bases}
        image = pregroup.Functor(ob=ob, ar=arrow, cod=pregroup.Category(tensor.Dim, tensor.Diagram))
        return image(diagram.to_diagram())


def _term_tensor(term: Term, dims: Sequence[int]) -> np.ndarray:
    """One term as a dense tensor on its factor wires: factors contracted over internal
    labels, wires of one spider on its diagonal, a spider without a factor all ones."""
    if len(term.wires) != len(dims):
        raise CompileError(f"a term of {len(term.wires)} wires on {len(dims)} factor spaces")
    size = dict(zip(term.wires, dims))
    for axes, array in term.factors:
        size.update({a: s for a, s in zip(axes, array.shape) if a not in size})
    open_labels = sorted(set(term.wires))
    letter = {label: einsum_letter(k) for k, label in enumerate(sorted(size))}
    covered = {a for axes, _ in term.factors for a in axes}
    operands = [(axes, np.asarray(array)) for axes, array in term.factors]
    operands += [((label,), np.ones(size[label])) for label in open_labels if label not in covered]
    inputs = ",".join("".join(letter[a] for a in axes) for axes, _ in operands)
    output = "".join(letter[label] for label in open_labels)
    values = np.einsum(f"{inputs}->{output}", *(array for _, array in operands))
    grid = np.indices(values.shape)
    dense = np.zeros(tuple(dims), dtype=values.dtype)
    dense[tuple(grid[open_labels.index(label)] for label in term.wires)] = values
    return dense
