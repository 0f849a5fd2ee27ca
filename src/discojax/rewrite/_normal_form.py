"""Normal form: snakes removed, then every word slid up into one row at the top.

Rewrites leave caps next to cups (a determiner's cap meets the noun's cup), that is snakes
``Cap(x, x.l) @ x >> x @ Cup(x.l, x)`` which equal a plain wire. :func:`normal_form` yanks them
with DisCoPy's rigid normal form (Dunn and Vicary's snake removal), then lifts each word (a box
without inputs) above the layers it can pass without crossing a wire, and lays the words that
reach the top side by side: a parse that reduces without rewrites comes back in the pregroup
form "words, then cups".

The laws: the result is equal as a tensor to the input, and normal forms are idempotent.

>>> from discopy.grammar.pregroup import Cap, Cup, Ty, Word
>>> n = Ty("n")
>>> snake = Cap(n, n.l) @ n >> n @ Cup(n.l, n)
>>> assert normal_form(snake) == snake.id(n)
>>> d = Word("man", n) @ Word("runs", n.r @ Ty("s")) >> Cup(n, n.r) @ Ty("s")
>>> assert normal_form(d) == d == normal_form(normal_form(d))
"""

from __future__ import annotations

from discopy.grammar import pregroup

from discojax.rewrite._rewriter import is_word

_Layers = list[tuple[pregroup.Box, int]]


def normal_form(diagram: pregroup.Diagram) -> pregroup.Diagram:
    """Yank snakes, then lift words to the top and lay them side by side.

    A diagram of words, cups and caps whose words can all be lifted to one row comes back in
    the parser's pregroup form (the words in their order, then the cups, innermost first), so
    that removing a determiner gives exactly the parse of the sentence without it. Other
    diagrams (with spiders or swaps, say) go through DisCoPy's snake removal.

    >>> from discojax.grammar import parse
    >>> from discojax.rewrite import remove_determiners
    >>> d = remove_determiners(parse("the man prepares the sauce").to_diagram())
    >>> print(normal_form(d))
    man >> n @ prepares >> n @ n.r @ s @ n.l @ sauce >> Cup(n, n.r) @ s @ n.l @ n >> s @ Cup(n.l, n)
    >>> normal_form(d) == parse("man prepares sauce").to_diagram()
    True
    """
    dom, layers = diagram.encode()
    reduced = _pregroup_form(dom, _lift_words(list(layers)), diagram.cod)
    if reduced is not None:
        return reduced
    yanked: pregroup.Diagram = diagram.normal_form()
    dom, layers = yanked.encode()
    layers = _lift_words(list(layers))
    return _words_in_one_row(dom, layers)


def _lift_words(layers: _Layers) -> _Layers:
    """Bubble each word up past every layer it can pass without crossing a wire."""
    result: _Layers = []
    for box, offset in layers:
        at = len(result)
        if is_word(box):
            width = len(box.cod)
            while at > 0:
                above, above_offset = result[at - 1]
                if offset <= above_offset:
                    result[at - 1] = (above, above_offset + width)
                elif offset >= above_offset + len(above.cod) and not is_word(above):
                    offset += len(above.dom) - len(above.cod)
                else:  # right of a word (keep the order), or between a box's outputs
                    break
                at -= 1
        result.insert(at, (box, offset))
    return result


def _words_in_one_row(dom: pregroup.Ty, layers: _Layers) -> pregroup.Diagram:
    """Rebuild, with the leading words as one tensor product ``w1 @ w2 @ ...`` if they are."""
    top = 0
    while top < len(layers) and is_word(layers[top][0]) and not dom:
        top += 1
    owners: list[int] = []  # which leading word owns each wire at the bottom of the top row
    for k, (box, offset) in enumerate(layers[:top]):
        owners[offset:offset] = [k] * len(box.cod)
    order = list(dict.fromkeys(owners))
    runs = [k for i, k in enumerate(owners) if i == 0 or owners[i - 1] != k]
    nested = len(order) != top or len(runs) != top  # a word without outputs, or inside another
    if top == 0 or nested:
        return pregroup.Diagram.decode(dom, layers)
    row: pregroup.Diagram = pregroup.Id(pregroup.Ty())
    for k in order:
        row = row @ layers[k][0]
    return row >> pregroup.Diagram.decode(row.cod, layers[top:])


def _pregroup_form(dom: pregroup.Ty, layers: _Layers, cod: pregroup.Ty) -> pregroup.Diagram | None:
    """Words then cups (innermost first), if ``layers`` are a row of words, cups and caps."""
    top = 0
    while top < len(layers) and is_word(layers[top][0]):
        top += 1
    words = [box for box, _ in layers[:top]]
    if dom or not top or [offset for _, offset in layers[:top]] != _ends(words)[:-1]:
        return None
    simples = [ob for box in words for ob in box.cod.inside]
    parent = list(range(len(simples)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    wires = list(range(len(simples)))
    for box, offset in layers[top:]:
        if isinstance(box, pregroup.Cup):
            parent[find(wires[offset + 1])] = find(wires[offset])
            del wires[offset : offset + 2]
        elif isinstance(box, pregroup.Cap):
            parent.append(len(parent))
            wires[offset:offset] = [len(parent) - 1] * 2
        else:
            return None
    ends: dict[int, list[int]] = {}
    for position in range(len(simples)):
        ends.setdefault(find(position), []).append(position)
    outputs = [ends.get(find(w), [None])[0] for w in wires]
    cups = sorted((e[0], e[1]) for e in ends.values() if len(e) == 2)
    if (
        len(cups) * 2 + len(outputs) != len(simples)
        or any(len(e) > 2 or (len(e) == 1 and e[0] not in outputs) for e in ends.values())
        or outputs != sorted(o for o in outputs if o is not None)
        or any(not _cancels(simples[a], simples[b]) for a, b in cups)
    ):
        return None
    result: pregroup.Diagram = pregroup.Id(pregroup.Ty()).tensor(*words)
    alive = list(range(len(simples)))
    for a, b in sorted(cups, key=lambda cup: cup[1] - cup[0]):
        at = alive.index(a)
        if alive[at + 1] != b:
            return None  # crossing cups, or an output under a cup
        here = result.cod
        result = (
            result
            >> here[:at] @ pregroup.Cup(here[at : at + 1], here[at + 1 : at + 2]) @ here[at + 2 :]
        )
        del alive[at : at + 2]
    return result if result.cod == cod else None


def _ends(words: list[pregroup.Box]) -> list[int]:
    """The offset of each word in a row, and the row's width."""
    ends = [0]
    for box in words:
        ends.append(ends[-1] + len(box.cod))
    return ends


def _cancels(left: pregroup.Ob, right: pregroup.Ob) -> bool:
    return bool(left.name == right.name and right.z == left.z + 1)
