"""A parse: words, their chosen types, and the cups that reduce them to a target type.

A :class:`Parse` is the light, exact record the parser returns; :meth:`Parse.to_diagram` turns
it into a DisCoPy pregroup diagram (words, then cups), the interchange format.

>>> from discojax.grammar import parse
>>> p = parse("Alice loves Bob")
>>> p.cups
((0, 1), (3, 4))
>>> print(p.to_diagram().cod)
s
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from discojax.grammar._classes import LexicalEntry
from discojax.grammar._types import SimpleType, Type, format_type, to_discopy

if TYPE_CHECKING:
    from discopy.grammar.pregroup import Diagram


@dataclass(frozen=True)
class Parse:
    """A parsed sentence: one lexical entry per word and a planar set of cups.

    Attributes:
        entries: the chosen entry (word, class, type) of each word, in order.
        cups: pairs ``(i, j)``, ``i < j``, of positions in :attr:`simple_types` joined by a cup.
        outputs: the positions left unreduced; their simple types form :attr:`target`.
        cost: the parse's cost (entry costs plus cup spans, and with ``scoring="arcs"`` the
            charge for its arcs; see :class:`Parser`).

    >>> from discojax.grammar import parse
    >>> parse("skillful man prepares sauce").word_classes
    ('adjective', 'noun', 'transitive_verb', 'noun')
    """

    entries: tuple[LexicalEntry, ...]
    cups: tuple[tuple[int, int], ...]
    outputs: tuple[int, ...]
    cost: float = field(default=0.0, compare=False)

    @property
    def lemmas(self) -> tuple[str, ...]:
        """Each word's lemma (from the grammar, the form table, or the word itself).

        >>> from discojax.grammar import parse
        >>> parse("the mice ran").lemmas
        ('the', 'mouse', 'run')
        """
        return tuple(e.lemma for e in self.entries)

    @property
    def guessed(self) -> tuple[int, ...]:
        """Positions of the words read by guessing (the ``"guess"`` unknown-word policy).

        >>> from discojax.grammar import Parser, load_lexicon
        >>> Parser(load_lexicon("english"), unknown_words="guess").parse("Alice zorbled").guessed
        (1,)
        """
        return tuple(i for i, e in enumerate(self.entries) if e.origin == "guess")

    @property
    def words(self) -> tuple[str, ...]:
        """The words, in order.

        >>> from discojax.grammar import parse
        >>> parse("Alice runs .").words
        ('alice', 'runs')
        """
        return tuple(e.word for e in self.entries)

    @property
    def word_classes(self) -> tuple[str, ...]:
        """Each word's class in the lexicon.

        >>> from discojax.grammar import parse
        >>> parse("Alice runs").word_classes
        ('noun', 'intransitive_verb')
        """
        return tuple(e.word_class for e in self.entries)

    @property
    def simple_types(self) -> tuple[SimpleType, ...]:
        """The words' types laid end to end: the positions that cups refer to.

        >>> from discojax.grammar import parse
        >>> parse("Alice runs").simple_types
        (('n', 0), ('n', 1), ('s', 0))
        """
        return tuple(s for e in self.entries for s in e.type)

    @property
    def target(self) -> Type:
        """The type the sentence reduces to.

        >>> from discojax.grammar import parse
        >>> parse("Alice runs").target
        (('s', 0),)
        """
        simples = self.simple_types
        return tuple(simples[i] for i in self.outputs)

    def __str__(self) -> str:
        words = " ".join(f"{e.word}:{format_type(e.type).replace(' ', '·')}" for e in self.entries)
        return f"{words} ⟶ {format_type(self.target)} ({len(self.cups)} cups)"

    def to_diagram(self) -> Diagram:
        """The DisCoPy pregroup diagram: all words side by side, then the cups.

        Cups are applied innermost first, so every layer is planar.

        >>> from discojax.grammar import parse
        >>> d = parse("Alice loves Bob").to_diagram()
        >>> [b.name for b in d.boxes]
        ['alice', 'loves', 'bob', 'Cup(n, n.r)', 'Cup(n.l, n)']
        """
        from discopy.grammar.pregroup import Cup, Diagram, Ty, Word
        from discopy.rigid import Layer

        words = [Word(e.word, to_discopy(e.type)) for e in self.entries]
        layers = []
        current = Ty()
        for word in words:  # each word enters to the right of those before it
            layers.append(Layer(current, word, Ty()))
            current = current @ word.cod
        wires = list(range(len(self.simple_types)))
        for left, right in sorted(self.cups, key=lambda c: c[1] - c[0]):
            at = wires.index(left)
            if wires[at + 1] != right:
                raise ValueError(f"cups {self.cups} are not planar")
            cup = Cup(current[at : at + 1], current[at + 1 : at + 2])
            layers.append(Layer(current[:at], cup, current[at + 2 :]))
            current = current[:at] @ current[at + 2 :]
            del wires[at : at + 2]
        return Diagram(tuple(layers), Ty(), current)
