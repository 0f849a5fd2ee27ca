"""Dependency arcs from a pregroup parse: which word each word depends on.

A cup joins a simple type of one word to a simple type of another. What the cup *means* for
heads and dependents is the word class's business, so each class in the grammar file says, for
each simple type of its type, the role of that *port* (``ports = "dep self dep"`` for a
transitive verb ``n.r s n.l``):

``self``
    the port stands for the word itself (a noun's ``n``, a verb's ``s``);
``viaK``
    the port stands for whatever port ``K`` of the same word is joined to (an adjective
    ``n n.l`` is ``"via1 head"``: its ``n`` stands for the noun it modifies, so a verb cupped to
    it takes that noun as its dependent);
``dep``
    the word the other end stands for is a dependent of this word;
``depK``
    the word the other end stands for is a dependent of what port ``K`` is joined to (a noun
    preposition ``n.r n n.l`` is ``"in via0 head+dep0"``: its object depends on the noun before
    it, and the preposition on its object, as Universal Dependencies has it);
``head``
    the word the other end stands for is this word's head;
``in`` / ``none``
    the port only passes a word in (to another port's ``viaK``), or stands for nothing;
``expl``
    (with ``self``) the word is an expletive, and the word that takes it through a lone
    ``dep`` or ``depK`` port heads its clause: that word's ``viaK`` ports stand for itself and
    its ``head`` and ``depK`` ports take dependents. The existential *there* is ``"self+expl"``:
    a copula ``"dep2 via2 head"`` makes its predicate the head ("the man is a doctor"), but in
    "there is a man" Universal Dependencies makes *is* the head of *there* and *man*.

Roles join with ``+``. A word's explicit ``head`` comes first; then dependents are attached
where a word has no head yet; the word the first uncovered type stands for is the root, and
the words later uncovered types stand for depend on it (two clauses side by side, parsed to
``s s``: the second is the first's ``parataxis`` in Universal Dependencies).

>>> from discojax.grammar import load_lexicon, parse
>>> english = load_lexicon("english")
>>> dependency_heads(parse("the old man saw a dog in the park"), english)
(2, 2, 3, -1, 5, 3, 8, 8, 5)
>>> there = parse("there is a man")
>>> there.word_classes, dependency_heads(there, english)
(('existential_there', 'copula', 'determiner', 'noun'), (1, -1, 3, 1))
"""

from __future__ import annotations

from discojax.grammar._lexicon import Lexicon
from discojax.grammar._parse import Parse

ROOT = -1
"""The head of a sentence's root word."""


def dependency_heads(parse: Parse, lexicon: Lexicon) -> tuple[int | None, ...]:
    """Each word's head (a word position), :data:`ROOT` for a root, None where the parse's
    ports give none.

    Args:
        parse: a parse made with ``lexicon``.
        lexicon: gives each word class's ports.

    >>> from discojax.grammar import load_lexicon, parse
    >>> dependency_heads(parse("Alice loves Bob"), load_lexicon("english"))
    (1, -1, 1)
    """
    word_of: list[int] = []
    offset: list[int] = []
    roles: list[list[str]] = []
    for i, entry in enumerate(parse.entries):
        offset.append(len(word_of))
        ports = lexicon.word_class(entry.word_class).ports
        if len(ports) != len(entry.type):  # a class whose type differs from the entry's
            ports = ("none",) * len(entry.type)
        word_of += [i] * len(entry.type)
        roles += [port.split("+") for port in ports]
    partner: dict[int, int] = {}
    for a, b in parse.cups:
        partner[a], partner[b] = b, a

    def reached(port: int, depth: int = 0) -> int | None:
        """The ``self`` port of the word that ``port`` stands for (None if nothing, or a loop)."""
        if depth > len(roles):
            return None
        for role in roles[port]:
            if role == "self":
                return port
            if role.startswith("via"):
                joined = partner.get(offset[word_of[port]] + int(role[3:]))
                return None if joined is None else reached(joined, depth + 1)
        return None

    def stands_for(port: int) -> int | None:
        """The word that ``port`` stands for (None if nothing, or a loop)."""
        found = reached(port)
        return None if found is None else word_of[found]

    def is_expletive(port: int) -> bool:
        """Whether the word at the other end of ``port`` is an expletive (``expl``)."""
        joined = partner.get(port)
        found = None if joined is None else reached(joined)
        return found is not None and "expl" in roles[found]

    takes_expletive = {
        word_of[port]
        for port, port_roles in enumerate(roles)
        if len(port_roles) == 1 and port_roles[0].startswith("dep") and is_expletive(port)
    }
    for port in range(len(roles)):
        if word_of[port] in takes_expletive:  # it heads its clause, as a verb does
            roles[port] = [
                "self" if r.startswith("via") else "dep" if r.startswith(("dep", "head")) else r
                for r in roles[port]
            ]

    def received(port: int) -> int | None:
        joined = partner.get(port)
        return None if joined is None else stands_for(joined)

    heads: list[int | None] = [None] * len(parse.entries)
    for port, port_roles in enumerate(roles):
        word = word_of[port]
        if "head" in port_roles and heads[word] is None:
            found = received(port)
            heads[word] = found if found != word else None
    for port, port_roles in enumerate(roles):
        for role in port_roles:
            if not role.startswith("dep"):
                continue
            dependent = received(port)
            if role == "dep":
                head: int | None = word_of[port]
            else:
                head = received(offset[word_of[port]] + int(role[3:]))
            if dependent is not None and head is not None and dependent != head:
                if heads[dependent] is None:
                    heads[dependent] = head
    first: int | None = None
    for port in parse.outputs:
        root = stands_for(port)
        if root is not None and heads[root] is None:
            heads[root] = ROOT if first is None else first
            first = root if first is None else first
    return tuple(heads)
