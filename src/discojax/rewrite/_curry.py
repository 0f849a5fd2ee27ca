"""Cup removal by currying: words become maps from their arguments to their results.

Map-state duality turns a word ``prepares : n.r s n.l`` into a box ``prepares : n n -> s``
with its two inputs bent up by caps (lambeq's ``CurryRewriteRule``: the leading right adjoints
and the trailing left adjoints of a word's type become its inputs). The caps then meet the
sentence's cups in snakes, and yanking them leaves a diagram with no cups at all (what lambeq's
``RemoveCupsRewriter`` aims at): each word's arguments flow straight into it.

:func:`remove_cups` reads the curried diagram as a graph (boxes joined by wires; spiders join
several) and, when every wire has at most one producer and the graph is a tree (as in every
parse of the bundled grammar, with relative pronouns as spiders), writes it back top-down:
each box's inputs are built first, extra copies of a wire go through spiders, and a wire that
nothing consumes is deleted by a counit spider. Otherwise (an auxiliary's ``s.l`` meets a
verb's ``s``, two producers) it returns the curried diagram in :func:`normal_form`, keeping the
cups it cannot remove.

The law: currying changes each word's tensor only by moving its argument axes first.

>>> import numpy as np
>>> from discopy import tensor
>>> from discopy.grammar.pregroup import Category, Ty, Word
>>> from discojax.grammar import parse
>>> n, s = Ty("n"), Ty("s")
>>> d = parse("Alice loves Bob").to_diagram()
>>> print(remove_cups(d))
alice >> n @ bob >> loves
>>> rng = np.random.default_rng(0)
>>> A, B, L = rng.normal(size=2), rng.normal(size=2), rng.normal(size=(2, 3, 2))
>>> alice, loves, bob = d.boxes[:3]
>>> F = tensor.Functor({n: 2, s: 3}, {alice: A, bob: B, loves: L,
...                    Word("loves", s, dom=n @ n): L.transpose(0, 2, 1)},
...                    dom=Category(), dtype=float)
>>> assert np.allclose(F(remove_cups(d)).array, F(d).array)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from discopy.grammar import pregroup

from discojax.rewrite._normal_form import normal_form
from discojax.rewrite._rewriter import Rewriter

_STRUCTURAL = (pregroup.Cup, pregroup.Cap, pregroup.Swap, pregroup.Spider)


@dataclass(frozen=True)
class CurryRule:
    """Curries every box whose type starts with a right adjoint or ends with a left adjoint.

    >>> from discopy.grammar.pregroup import Ty, Word
    >>> n, s = Ty("n"), Ty("s")
    >>> print(CurryRule().rewrite(Word("runs", n.r @ s)))
    Cap(n.r, n) >> n.r @ runs
    >>> CurryRule().rewrite(Word("runs", n.r @ s)).boxes[1]
    Word('runs', grammar.pregroup.Ty(rigid.Ob('s')), dom=grammar.pregroup.Ty(rigid.Ob('n')))
    >>> CurryRule().matches(Word("man", n))
    False
    """

    def matches(self, box: pregroup.Box) -> bool:
        """Whether ``box`` is a word with an argument to curry.

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> CurryRule().matches(Word("tasty", Ty("n") @ Ty("n").l))
        True
        """
        if isinstance(box, _STRUCTURAL) or box.is_dagger or not box.cod:
            return False
        obs = box.cod.inside
        return bool(obs[0].z > 0 or obs[-1].z < 0)

    def rewrite(self, box: pregroup.Box) -> pregroup.Diagram:
        """The box as a map from its arguments, bent back to its type by caps.

        >>> from discopy.grammar.pregroup import Ty, Word
        >>> n, s = Ty("n"), Ty("s")
        >>> CurryRule().rewrite(Word("loves", n.r @ s @ n.l)).cod == n.r @ s @ n.l
        True
        """
        obs = box.cod.inside
        i = 0
        while i < len(obs) and obs[i].z > 0:
            i += 1
        j = len(obs)
        while j > i and obs[j - 1].z < 0:
            j -= 1
        left, middle, right = box.cod[:i], box.cod[i:j], box.cod[j:]
        word = pregroup.Word(box.name, middle, dom=left.l @ box.dom @ right.r)
        result: pregroup.Diagram = word
        if left:
            result = result.curry(n=len(left), left=False)
        if right:
            result = result.curry(n=len(right), left=True)
        return result


def curry(diagram: pregroup.Diagram) -> pregroup.Diagram:
    """Curry every word of ``diagram`` (see :class:`CurryRule`); the cups stay.

    >>> from discojax.grammar import parse
    >>> print(curry(parse("man runs").to_diagram()))
    man >> n @ Cap(n.r, n) >> n @ n.r @ runs >> Cup(n, n.r) @ s
    """
    return Rewriter((CurryRule(),))(diagram)


def remove_cups(diagram: pregroup.Diagram) -> pregroup.Diagram:
    """Curry every word and write the result without cups where that is possible.

    >>> from discojax.grammar import parse
    >>> print(remove_cups(parse("skillful man prepares sauce").to_diagram()))
    man >> skillful >> n @ sauce >> prepares
    """
    curried = curry(diagram)
    graph = _Graph.of(curried)
    if graph is not None and graph.is_tree():
        return graph.emit()
    return normal_form(curried)


@dataclass(frozen=True)
class _Port:
    node: int  # index of a box; -1 for the diagram's own outputs
    index: int  # which input (or output) of the node
    is_input: bool  # consumes the wire (a box's input, or an output of the diagram)


@dataclass
class _Graph:
    """Boxes and the wires (labels) joining their ports."""

    boxes: list[pregroup.Box]
    inputs: list[list[int]]
    outputs: list[list[int]]
    result: list[int]
    cod: pregroup.Ty
    n_labels: int
    ports: dict[int, list[_Port]] = field(default_factory=dict)

    @classmethod
    def of(cls, diagram: pregroup.Diagram) -> _Graph | None:
        """The graph of a diagram of boxes, cups, caps, swaps and one-type spiders."""
        if diagram.dom:
            return None
        parent: list[int] = []

        def new() -> int:
            parent.append(len(parent))
            return len(parent) - 1

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        wires: list[int] = []
        boxes: list[pregroup.Box] = []
        inputs: list[list[int]] = []
        outputs: list[list[int]] = []
        for box, offset in zip(diagram.boxes, diagram.offsets):
            legs = wires[offset : offset + len(box.dom)]
            if isinstance(box, pregroup.Cup):
                parent[find(legs[1])] = find(legs[0])
                new_legs: list[int] = []
            elif isinstance(box, pregroup.Cap):
                new_legs = [new()] * 2
            elif isinstance(box, pregroup.Swap):
                new_legs = [legs[1], legs[0]]
            elif isinstance(box, pregroup.Spider):
                if len(box.typ) != 1:
                    return None
                label = legs[0] if legs else new()
                for leg in legs[1:]:
                    parent[find(leg)] = find(label)
                new_legs = [label] * len(box.cod)
            elif isinstance(box, pregroup.Box) and not box.is_dagger:
                new_legs = [new() for _ in box.cod.inside]
                boxes.append(box)
                inputs.append(legs)
                outputs.append(new_legs)
            else:
                return None
            wires[offset : offset + len(box.dom)] = new_legs
        graph = cls(
            boxes,
            [[find(x) for x in xs] for xs in inputs],
            [[find(x) for x in xs] for xs in outputs],
            [find(x) for x in wires],
            diagram.cod,
            len({find(x) for x in range(len(parent))}),
        )
        for k in range(len(boxes)):
            for i, label in enumerate(graph.inputs[k]):
                graph.ports.setdefault(label, []).append(_Port(k, i, True))
            for j, label in enumerate(graph.outputs[k]):
                graph.ports.setdefault(label, []).append(_Port(k, j, False))
        for r, label in enumerate(graph.result):
            graph.ports.setdefault(label, []).append(_Port(-1, r, True))
        return graph

    def type_of(self, port: _Port) -> pregroup.Ty:
        if port.node < 0:
            return self.cod[port.index : port.index + 1]
        box = self.boxes[port.node]
        ty = box.dom if port.is_input else box.cod
        return ty[port.index : port.index + 1]

    def is_tree(self) -> bool:
        """One producer per wire, one type per wire, and boxes and wires form a tree."""
        if len(self.ports) != self.n_labels or not self.boxes:
            return False  # a closed loop (a scalar) or nothing to write
        for ports in self.ports.values():
            if sum(not p.is_input for p in ports) > 1:
                return False
            if len({self.type_of(p) for p in ports}) > 1:
                return False
        n_edges = sum(len(ports) for ports in self.ports.values())
        if n_edges != len(self.boxes) + 1 + self.n_labels - 1:
            return False
        seen_nodes, seen_labels, todo = {-1}, set(), list(dict.fromkeys(self.result))
        while todo:
            label = todo.pop()
            if label in seen_labels:
                continue
            seen_labels.add(label)
            for port in self.ports[label]:
                if port.node not in seen_nodes:
                    seen_nodes.add(port.node)
                    todo += self.inputs[port.node] + self.outputs[port.node]
        return len(seen_nodes) == len(self.boxes) + 1 and len(seen_labels) == self.n_labels

    def emit(self) -> pregroup.Diagram:
        """The diagram top-down from its outputs (needs :meth:`is_tree`)."""
        return _tensor(
            self._state(label, _Port(-1, r, True)) for r, label in enumerate(self.result)
        )

    def _state(self, label: int, skip: _Port) -> pregroup.Diagram:
        """The wire ``label`` as a state, for its consumer ``skip``."""
        others = [p for p in self.ports[label] if p != skip]
        producer = next((p for p in others if not p.is_input), None)
        consumers = [p for p in others if p.is_input]
        ty = self.type_of(skip)
        if producer is None:
            top: pregroup.Diagram = pregroup.Spider(0, 1 + len(consumers), ty)
        else:
            top = self._produce(producer.node, producer.index)
            if not consumers:
                return top
            top = top >> pregroup.Spider(1, 1 + len(consumers), ty)
        if not consumers:
            return top
        return top >> ty @ _tensor(self._consume(c.node, c.index) for c in consumers)

    def _effect(self, label: int, skip: _Port) -> pregroup.Diagram:
        """The wire ``label`` as an effect, for its producer ``skip``."""
        consumers = [p for p in self.ports[label] if p != skip]
        ty = self.type_of(skip)
        if len(consumers) == 1:
            return self._consume(consumers[0].node, consumers[0].index)
        spider: pregroup.Diagram = pregroup.Spider(1, len(consumers), ty)
        return spider >> _tensor(self._consume(c.node, c.index) for c in consumers)

    def _produce(self, k: int, j: int) -> pregroup.Diagram:
        box = self.boxes[k]
        ins = _tensor(self._state(x, _Port(k, i, True)) for i, x in enumerate(self.inputs[k]))
        outs = _tensor(
            box.cod[jj : jj + 1] if jj == j else self._effect(x, _Port(k, jj, False))
            for jj, x in enumerate(self.outputs[k])
        )
        return ins >> box >> outs

    def _consume(self, k: int, i: int) -> pregroup.Diagram:
        box = self.boxes[k]
        ins = _tensor(
            box.dom[ii : ii + 1] if ii == i else self._state(x, _Port(k, ii, True))
            for ii, x in enumerate(self.inputs[k])
        )
        outs = _tensor(self._effect(x, _Port(k, j, False)) for j, x in enumerate(self.outputs[k]))
        return ins >> box >> outs


def _tensor(parts: Iterable[pregroup.Diagram | pregroup.Ty]) -> pregroup.Diagram:
    result: pregroup.Diagram = pregroup.Id(pregroup.Ty())
    for part in parts:
        result = result @ part
    return result
