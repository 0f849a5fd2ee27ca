"""Tensor networks: a diagram lowered to einsum operands and wire labels.

A :class:`Network` is a diagram seen as a contraction: one *slot* per word box, each a list of
wire labels, plus the labels left open as the output. Cups identify the labels of the two wires
they join, spiders identify all their legs' labels (a hyperedge), caps create a fresh shared
label, swaps permute. Its :attr:`Network.signature` (word types and labels, no word names) is
the diagram's *shape*: sentences of one shape share one compiled program.

>>> from discojax.grammar import parse
>>> net = network_from_parse(parse("Alice loves Bob"))
>>> net.words
('alice', 'loves', 'bob')
>>> net.slots
((0,), (0, 1, 2), (2,))
>>> net.output
(1,)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from discojax.compile._labels import Labels, same_value
from discojax.errors import CompileError
from discojax.grammar._parse import Parse
from discojax.grammar._types import Type, format_type, from_discopy

if TYPE_CHECKING:
    from discopy.grammar import pregroup


@dataclass(frozen=True)
class Network:
    """A word-level tensor network.

    Attributes:
        words: the name of each word box.
        types: each word box's type (its output wires, then its input wires' duals for boxes
            with a domain), which picks its parameter table.
        slots: the wire labels of each word box's axes, in the order of its type.
        output: the labels of the open wires, left to right.
        output_type: the type of the open wires.
        label_types: the basic type of every label (it fixes the label's dimension).
    """

    words: tuple[str, ...]
    types: tuple[Type, ...]
    slots: tuple[tuple[int, ...], ...]
    output: tuple[int, ...]
    output_type: Type
    label_types: tuple[str, ...]

    @property
    def signature(self) -> tuple:
        """The shape: everything but the word names (hashable).

        >>> from discojax.grammar import parse
        >>> a = network_from_parse(parse("Alice loves Bob"))
        >>> b = network_from_parse(parse("man prepares sauce"))
        >>> a.signature == b.signature
        True
        """
        return (self.types, self.slots, self.output, self.label_types)

    def __str__(self) -> str:
        words = ", ".join(f"{w}: {format_type(t)}" for w, t in zip(self.words, self.types))
        return f"Network({words} -> {format_type(self.output_type)})"


def canonical_network(
    labels: Labels[str],
    words: list[str],
    types: list[Type],
    slots: list[list[int]],
    output: list[int],
    output_type: Type,
) -> Network:
    """The network of ``slots`` and ``output``, its labels numbered by first appearance, so
    equal shapes give equal networks; ``labels`` holds each label's basic type.

    >>> from discojax.compile._labels import Labels, same_value
    >>> labels: Labels[str] = Labels(same_value)
    >>> a, b = labels.new("n"), labels.new("s")
    >>> canonical_network(labels, ["x"], [(("n", 0), ("s", 0))], [[b, a]], [a], (("n", 0),)).slots
    ((0, 1),)
    """
    canonical: dict[int, int] = {}

    def name(label: int) -> int:
        return canonical.setdefault(labels.find(label), len(canonical))

    new_slots = tuple(tuple(name(x) for x in slot) for slot in slots)
    new_output = tuple(name(x) for x in output)
    if len(set(new_output)) != len(new_output):
        raise CompileError("the diagram's output joins two of its own wires (a bare cap)")
    used = {x for slot in new_slots for x in slot}
    if not set(new_output) <= used:
        raise CompileError("an output wire is attached to no word (a bare cap or spider)")
    roots = sorted(canonical, key=canonical.__getitem__)
    return Network(
        words=tuple(words),
        types=tuple(types),
        slots=new_slots,
        output=new_output,
        output_type=output_type,
        label_types=tuple(labels.values[r] for r in roots),
    )


def network_from_parse(parse: Parse) -> Network:
    """Lower a :class:`~discojax.grammar.Parse` straight to a network (no DisCoPy objects).

    This is the fast path the compiler uses for parsed text; it gives the same network as
    ``network_from_diagram(parse.to_diagram())``.

    >>> from discojax.grammar import parse
    >>> p = parse("skillful man prepares sauce")
    >>> network_from_parse(p) == network_from_diagram(p.to_diagram())
    True
    """
    labels: Labels[str] = Labels(same_value)
    simples = parse.simple_types
    wire = [labels.new(base) for base, _ in simples]
    for left, right in parse.cups:
        labels.union(wire[left], wire[right])
    slots, start = [], 0
    for entry in parse.entries:
        slots.append(wire[start : start + len(entry.type)])
        start += len(entry.type)
    return canonical_network(
        labels,
        [e.word for e in parse.entries],
        [e.type for e in parse.entries],
        slots,
        [wire[i] for i in parse.outputs],
        parse.target,
    )


def network_from_diagram(diagram: pregroup.Diagram) -> Network:
    """Lower any DisCoPy pregroup diagram built from words, cups, caps, spiders and swaps.

    A box with a domain (a word after a rewrite, say an adjective as a map ``n -> n``) becomes a
    slot whose axes are its input wires, then its output wires; its type records both, the
    inputs as right adjoints, so it gets a table of its own.

    Raises:
        CompileError: a box of a kind the compiler does not know, or a malformed diagram.

    >>> from discopy.grammar.pregroup import Ty, Word, Cup, Id
    >>> n, s = Ty("n"), Ty("s")
    >>> d = Word("Alice", n) @ Word("runs", n.r @ s) >> Cup(n, n.r) @ Id(s)
    >>> network_from_diagram(d).slots
    ((0,), (0, 1))
    """
    from discopy.grammar import pregroup  # a DisCoPy diagram in hand: DisCoPy is loaded

    labels: Labels[str] = Labels(same_value)
    wires: list[int] = [labels.new(ob.name) for ob in diagram.dom.inside]
    inputs = list(wires)
    words: list[str] = []
    types: list[Type] = []
    slots: list[list[int]] = []
    for layer in diagram.inside:
        left, box, _ = layer
        at = len(left)
        width = len(box.dom)
        legs = wires[at : at + width]
        if isinstance(box, pregroup.Cup):
            labels.union(legs[0], legs[1])
            new: list[int] = []
        elif isinstance(box, pregroup.Cap):
            label = labels.new(box.cod.inside[0].name)
            new = [label, label]
        elif isinstance(box, pregroup.Swap):
            new = [legs[1], legs[0]]
        elif isinstance(box, pregroup.Spider):
            if len(box.typ) != 1:
                raise CompileError(f"spider on {box.typ}: only spiders on one simple type")
            label = legs[0] if legs else labels.new(box.typ.inside[0].name)
            for leg in legs[1:]:
                labels.union(label, leg)
            new = [label] * len(box.cod)
        elif isinstance(box, pregroup.Box) and not box.is_dagger:
            new = [labels.new(ob.name) for ob in box.cod.inside]
            words.append(box.name)
            types.append(
                tuple((b, z + 1) for b, z in from_discopy(box.dom)) + from_discopy(box.cod)
            )
            slots.append(legs + new)
        else:
            raise CompileError(f"cannot compile box {box!r}")
        wires[at : at + width] = new
    if inputs:
        raise CompileError(f"the diagram has open inputs {diagram.dom}: only states compile")
    return canonical_network(labels, words, types, slots, wires, from_discopy(diagram.cod))
