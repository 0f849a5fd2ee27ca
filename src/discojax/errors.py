"""Named errors: each says what went wrong and where.

>>> err = UnknownWordError("sauc", 3, ("sauce", "source"))
>>> print(err)
unknown word 'sauc' at position 3; nearest lexicon entries: 'sauce', 'source'
>>> isinstance(err, DiscojaxError)
True
"""

from __future__ import annotations

from collections.abc import Sequence


class DiscojaxError(Exception):
    """Base class of every error discojax raises on bad input.

    >>> issubclass(ParseError, DiscojaxError)
    True
    """

    def add_context(self, prefix: str) -> None:
        """Put ``prefix`` (where the error happened, say ``"sentence 7: "``) before the message.

        >>> err = UnknownWordError("qqq", 1)
        >>> err.add_context("sentence 7: ")
        >>> print(err)
        sentence 7: unknown word 'qqq' at position 1
        """
        if isinstance(getattr(self, "message", None), str):
            self.message = prefix + self.message  # type: ignore[has-type]
        self.args = (prefix + (str(self.args[0]) if self.args else ""), *self.args[1:])


class LocatedError(DiscojaxError):
    """An error in a file, prefixed with ``file:line`` where known.

    >>> print(LocatedError("bad value", source="a.toml"))
    a.toml: bad value
    """

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.message, self.source, self.line = message, source, line
        where = ""
        if source is not None:
            where = f"{source}:{line}: " if line is not None else f"{source}: "
        super().__init__(where + message)


class GrammarError(LocatedError):
    """A malformed grammar file or type string, with file and line where known.

    >>> print(GrammarError("unknown basic type 'q'", source="my.toml", line=7))
    my.toml:7: unknown basic type 'q'
    """


class UnknownWordError(DiscojaxError, KeyError):
    """A word that the lexicon (or a model's vocabulary) does not know.

    >>> UnknownWordError("qux", 0).position
    0
    >>> print(UnknownWordError("q" * 9000))
    unknown word 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq... (9,000 characters)'
    """

    def __init__(self, word: str, position: int | None = None, nearest: Sequence[str] = ()):
        self.word, self.position, self.nearest = word, position, tuple(nearest)
        shown = word if len(word) <= 60 else word[:40] + f"... ({len(word):,} characters)"
        message = f"unknown word {shown!r}"
        if position is not None:
            message += f" at position {position}"
        if self.nearest:
            message += "; nearest lexicon entries: " + ", ".join(repr(w) for w in self.nearest)
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class ParseError(DiscojaxError):
    """A sentence with no parse to the target type.

    >>> print(ParseError("no parse of 'dog the' to type s; left unreduced: n.l n"))
    no parse of 'dog the' to type s; left unreduced: n.l n
    """


class DataError(LocatedError):
    """A malformed line in a data file, with file and line.

    >>> print(DataError("expected a label 0 or 1", source="train.txt", line=4))
    train.txt:4: expected a label 0 or 1
    """


class CompileError(DiscojaxError):
    """A diagram the compiler cannot lower to a contraction (an unsupported box, say).

    >>> print(CompileError("box 'f' has no tensor"))
    box 'f' has no tensor
    """


class NotMarkovError(CompileError):
    """A diagram that is not a Markov map (a merge, a wire nobody produces, a cycle), where a
    stochastic semantics needs one.

    >>> print(NotMarkovError("wire 2 (type x) has 2 producers ('f', 'g'): a merge"))
    wire 2 (type x) has 2 producers ('f', 'g'): a merge
    """


class KernelError(DiscojaxError):
    """An array that is not a stochastic kernel (a negative entry, a row not summing to one).

    >>> print(KernelError("kernel row 2 sums to 0.9, not 1"))
    kernel row 2 sums to 0.9, not 1
    """


class TrainingError(DiscojaxError):
    """Training cannot go on (a NaN or infinite loss, say); the last good checkpoint is kept.

    >>> print(TrainingError("loss is nan at epoch 3, step 2"))
    loss is nan at epoch 3, step 2
    """


class ConfigError(LocatedError):
    """A malformed experiment configuration, with file and line where known.

    >>> print(ConfigError("unknown semantics 'tensr'", source="mc.toml", line=9))
    mc.toml:9: unknown semantics 'tensr'
    """


class FolderLockedError(LocatedError):
    """A results folder another run is writing into, naming the lock file and its holder.

    >>> print(FolderLockedError("held by process 41 on lab1", source="out/mc/.lock"))
    out/mc/.lock: held by process 41 on lab1
    """


class LimitError(DiscojaxError):
    """Input beyond a documented bound of a stage (a text too long, a table too large): refused
    before the work starts, saying the bound.

    >>> print(LimitError("a table of 8.0e+10 entries is more than the budget (1.0e+09)"))
    a table of 8.0e+10 entries is more than the budget (1.0e+09)
    """


class StatisticsError(DiscojaxError):
    """Input a statistic or a test cannot use: unequal lengths, too few items, a bad level.

    >>> print(StatisticsError("model scores: 3 items, human scores: 4"))
    model scores: 3 items, human scores: 4
    """


class DifferentiationError(DiscojaxError):
    """A derivative that cannot be built: an unknown symbol, a semantics without a rule.

    >>> print(DifferentiationError("unknown symbol 'alicee__n_0'; nearest: 'alice__n_0'"))
    unknown symbol 'alicee__n_0'; nearest: 'alice__n_0'
    """


class WeightsError(LocatedError):
    """A trained weights file that cannot be used: corrupted, or not made for this grammar.

    >>> print(WeightsError("array 'out.weight' has shape (64, 50), expected (64, 52)", "t.safetensors"))
    t.safetensors: array 'out.weight' has shape (64, 50), expected (64, 52)
    """


def line_of(text: str | None, needle: str | None) -> int | None:
    """The first line (1-based) of ``text`` that contains ``needle``, for error messages.

    >>> line_of("a = 1\\nb = 2\\n", "b =")
    2
    >>> line_of("a = 1", "zzz") is None
    True
    """
    if text is None or needle is None:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None
