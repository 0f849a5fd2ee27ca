"""Markov diagrams as compiler networks, and the check that a network is a Markov map.

:func:`network_from_markov` lowers a DisCoPy ``markov`` diagram (boxes, copies, discards,
swaps; merges only to be rejected or renormalised) to a :class:`~discojax.compile.Network`,
the way :func:`~discojax.compile.network_from_diagram` lowers a pregroup diagram: a box's
input wires are typed as right adjoints (``z = 1``) and come first in its slot, its outputs
(``z = 0``) after; a copy joins its legs into one hyperedge; a discard leaves its wire to no
one, so the contraction sums it out (marginalisation).

A network is a *Markov map* when every wire has exactly one producer (a box output, ``z = 0``)
and no box depends on itself: then the contraction of column-stochastic kernels, each wire
summed unless it is an output, is again a distribution. :func:`check_markov` says why not
otherwise (:class:`~discojax.errors.NotMarkovError`). A pregroup diagram after
:func:`~discojax.rewrite.remove_cups` passes it; so does an uncurried parse whose cups join
each output to an argument (a cup there composes a state with a kernel's input).

>>> from discopy import markov
>>> x = markov.Ty("x")
>>> d = markov.Box("p", markov.Ty(), x) >> markov.Copy(x) >> markov.Box("f", x, x) @ x
>>> net = network_from_markov(d)
>>> net.slots, net.output
(((0,), (0, 1)), (1, 0))
>>> check_markov(net)
>>> check_markov(network_from_markov(d >> markov.Merge(x)))
Traceback (most recent call last):
...
discojax.errors.NotMarkovError: wire 0 (type x) has 2 producers ('p' and 'f'): a merge is not a Markov map (use merges='renormalise' to condition on it)
"""

from __future__ import annotations

from discopy import markov

from discojax.compile._labels import Labels, same_value
from discojax.compile._network import Network, canonical_network
from discojax.errors import NotMarkovError
from discojax.grammar._types import Type


def network_from_markov(diagram: markov.Diagram) -> Network:
    """Lower a Markov diagram with no inputs (a state) to a network.

    Raises:
        NotMarkovError: open inputs, an unknown box, or two outputs that are copies of one wire
            (the compiler keeps a wire once: discard or process one copy).

    >>> from discopy import markov
    >>> x, y = markov.Ty("x"), markov.Ty("y")
    >>> d = markov.Box("p", markov.Ty(), x) >> markov.Box("f", x, y @ x) >> y @ markov.Discard(x)
    >>> net = network_from_markov(d)
    >>> net.types, net.output
    (((('x', 0),), (('x', 1), ('y', 0), ('x', 0))), (1,))
    """
    labels: Labels[str] = Labels(same_value)
    if diagram.dom.inside:
        raise NotMarkovError(f"the diagram has open inputs {diagram.dom}: only states compile")
    wires: list[int] = []
    words: list[str] = []
    types: list[Type] = []
    slots: list[list[int]] = []
    for left, box, _ in diagram.inside:
        at, width = len(left), len(box.dom)
        legs = wires[at : at + width]
        if isinstance(box, markov.Merge):
            label = legs[0] if legs else labels.new(box.cod.inside[0].name)
            for leg in legs[1:]:
                labels.union(label, leg)
            new = [label]
        elif isinstance(box, markov.Copy):  # copies and discards (n = 0)
            new = legs * len(box.cod)
        elif isinstance(box, markov.Swap):
            new = [legs[1], legs[0]]
        elif type(box) is markov.Box and not box.is_dagger:
            new = [labels.new(ob.name) for ob in box.cod.inside]
            words.append(box.name)
            types.append(
                tuple((ob.name, 1) for ob in box.dom.inside)
                + tuple((ob.name, 0) for ob in box.cod.inside)
            )
            slots.append(legs + new)
        else:
            raise NotMarkovError(f"cannot compile box {box!r} of a Markov diagram")
        wires[at : at + width] = new
    roots = [labels.find(w) for w in wires]
    for i, root in enumerate(roots):
        if root in roots[:i]:
            raise NotMarkovError(
                f"outputs {roots.index(root)} and {i} are copies of one wire: the compiler keeps "
                "a wire once (discard or process one of them)"
            )
    output_type = tuple((ob.name, 0) for ob in diagram.cod.inside)
    return canonical_network(labels, words, types, slots, wires, output_type)


def check_markov(network: Network, merges: bool = False) -> None:
    """Check that ``network`` is a Markov map: one producer per wire, no cycle.

    Args:
        network: the network to check.
        merges: allow wires with several producers or none (merges and units, to be
            renormalised); cycles are errors either way.

    Raises:
        NotMarkovError: the first wire with no producer or several, or a cycle.

    >>> from discojax.grammar import parse
    >>> from discojax.compile import network_from_parse
    >>> check_markov(network_from_parse(parse("Alice loves Bob")))
    """
    producers: dict[int, list[int]] = {label: [] for label in range(len(network.label_types))}
    consumers: dict[int, list[int]] = {label: [] for label in producers}
    for k, (slot, ty) in enumerate(zip(network.slots, network.types)):
        for label, (_, z) in zip(slot, ty):
            (producers if z == 0 else consumers)[label].append(k)
    for label, made in producers.items():
        if len(made) != 1 and not merges:
            base = network.label_types[label]
            if not made:
                raise NotMarkovError(
                    f"wire {label} (type {base}) has no producer: an unnormalised unit or a cup "
                    "between two inputs is not a Markov map"
                )
            names = " and ".join(repr(network.words[k]) for k in sorted(made))
            raise NotMarkovError(
                f"wire {label} (type {base}) has {len(made)} producers ({names}): a merge is not "
                "a Markov map (use merges='renormalise' to condition on it)"
            )
    after = [
        {c for label in slot for c in consumers[label] if k in producers[label]}
        for k, slot in enumerate(network.slots)
    ]
    state = [0] * len(after)  # 0 unseen, 1 on the current path, 2 done

    def visit(k: int) -> None:
        state[k] = 1
        for j in after[k]:
            if state[j] == 1:
                raise NotMarkovError(f"box {network.words[j]!r} feeds itself: a cycle")
            if state[j] == 0:
                visit(j)
        state[k] = 2

    for k in range(len(after)):
        if state[k] == 0:
            visit(k)
