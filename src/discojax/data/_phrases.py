"""Phrase data sets: RELPRON relative-clause properties and the GS2012 sentence CSV.

RELPRON (Rimell, Maillard, Polajnar & Clark 2016) pairs each *term* (a noun) with
*properties*, relative clauses that describe it, one a line::

    SBJ traffic_N: device_N that control_V flow_N     (a device that controls flow)
    OBJ museum_N: building_N that tourist_N visit_V   (a building that tourists visit)

The words are lemmas with a part-of-speech suffix (``_N``, ``_V``), which is stripped. In a
subject relative (``SBJ``) the head noun is the verb's subject and the written order is
``head that verb argument``; in an object relative (``OBJ``) the head noun is the verb's object
and the order is ``head that argument verb``. A malformed line raises
:class:`~discojax.errors.DataError` with its file and line.

>>> [p] = parse_relpron(["OBJ museum_N: building_N that tourist_N visit_V"])
>>> p.term, p.text, (p.subject, p.verb, p.object)
('museum', 'building that tourist visit', ('tourist', 'visit', 'building'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from discojax._text import text_lines
from discojax.data._files import data_file
from discojax.data._judgements import read_sentences
from discojax.errors import DataError

_LABELS = ("SBJ", "OBJ")


@dataclass(frozen=True)
class RelpronProperty:
    """One RELPRON property: ``label term: head that ...``, with the POS suffixes stripped.

    Attributes:
        label: ``"SBJ"`` (the head noun is the verb's subject) or ``"OBJ"`` (its object).
        term: the noun the property describes.
        head: the head noun of the relative clause.
        argument: the verb's other argument (its object for SBJ, its subject for OBJ).
        verb: the relative clause's verb.
        source: the file it was read from.
        line: its line in that file.

    >>> p = RelpronProperty("SBJ", "traffic", "device", "flow", "control")
    >>> p.words, p.subject, p.object
    (('device', 'that', 'control', 'flow'), 'device', 'flow')
    """

    label: str
    term: str
    head: str
    argument: str
    verb: str
    source: str = "<lines>"
    line: int = 0

    @property
    def words(self) -> tuple[str, ...]:
        """The phrase's lemmas in the written order, ``that`` included.

        >>> RelpronProperty("OBJ", "museum", "building", "tourist", "visit").words
        ('building', 'that', 'tourist', 'visit')
        """
        if self.label == "SBJ":
            return (self.head, "that", self.verb, self.argument)
        return (self.head, "that", self.argument, self.verb)

    @property
    def text(self) -> str:
        """The phrase as written, lemmas joined by spaces.

        >>> RelpronProperty("SBJ", "traffic", "device", "flow", "control").text
        'device that control flow'
        """
        return " ".join(self.words)

    @property
    def phrase(self) -> str:
        """The same as :attr:`text`: ``head that verb argument`` (SBJ) or ``head that argument verb`` (OBJ).

        >>> RelpronProperty("OBJ", "museum", "building", "tourist", "visit").phrase
        'building that tourist visit'
        """
        return self.text

    @property
    def subject(self) -> str:
        """The verb's subject: the head noun for SBJ, the argument for OBJ.

        >>> RelpronProperty("OBJ", "museum", "building", "tourist", "visit").subject
        'tourist'
        """
        return self.head if self.label == "SBJ" else self.argument

    @property
    def object(self) -> str:
        """The verb's object: the argument for SBJ, the head noun for OBJ.

        >>> RelpronProperty("OBJ", "museum", "building", "tourist", "visit").object
        'building'
        """
        return self.argument if self.label == "SBJ" else self.head


def read_relpron(path: str | Path) -> list[RelpronProperty]:
    """Read a RELPRON file (``relpron.dev``, ``relpron.test``; see :func:`parse_relpron`).

    Raises:
        DataError: a missing file, or a malformed line (with its number).

    >>> read_relpron("no/such/relpron.dev")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: no/such/relpron.dev: no such data file
    """
    path = data_file(path)
    return parse_relpron(text_lines(path, DataError), str(path))


def parse_relpron(lines: Iterable[str], source: str = "<lines>") -> list[RelpronProperty]:
    """Parse RELPRON lines, ``LABEL term_N: head_N that X_? Y_?``; blank lines are skipped.

    For ``SBJ`` the last two words must be ``verb_V argument_N``, for ``OBJ``
    ``argument_N verb_V``.

    Raises:
        DataError: a malformed line, with ``source`` and its line number.

    >>> parse_relpron(["SBJ traffic_N: device_N that flow_N control_V"], "relpron.dev")
    Traceback (most recent call last):
    ...
    discojax.errors.DataError: relpron.dev:1: an SBJ property is 'head_N that verb_V argument_N', got 'flow_N control_V'
    """
    properties: list[RelpronProperty] = []
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 6 or fields[0] not in _LABELS or fields[3] != "that":
            raise DataError(
                f"expected 'SBJ|OBJ term_N: head_N that X Y', got {line.strip()!r}", source, number
            )
        label, term, head, _, first, second = fields
        if not term.endswith(":"):
            raise DataError(f"expected a colon after the term, got {term!r}", source, number)
        term = _lemma(term[:-1], "N", source, number)
        head = _lemma(head, "N", source, number)
        if label == "SBJ":
            verb_field, argument_field, order = first, second, "head_N that verb_V argument_N"
        else:
            argument_field, verb_field, order = first, second, "head_N that argument_N verb_V"
        if not (verb_field.endswith("_V") and argument_field.endswith("_N")):
            raise DataError(
                f"an {label} property is {order!r}, got {first + ' ' + second!r}", source, number
            )
        verb = _lemma(verb_field, "V", source, number)
        argument = _lemma(argument_field, "N", source, number)
        properties.append(RelpronProperty(label, term, head, argument, verb, source, number))
    return properties


def _lemma(word: str, tag: str, source: str, number: int) -> str:
    """``word`` without its ``_tag`` suffix; a DataError if it has none or nothing before it."""
    lemma, underscore, suffix = word.rpartition("_")
    if not underscore or suffix != tag or not lemma:
        raise DataError(f"expected a word ending in _{tag}, got {word!r}", source, number)
    return lemma


def read_gs2012_sentences(source: str | Path | Iterable[str]) -> Mapping[str, str]:
    """Read ``GS2012_sentences.csv``: each GS2012 lemma string to a full English sentence.

    The file has the ``original,completed`` layout of the ML2008 and GS2011 sentence CSVs, so
    this is :func:`~discojax.data.read_sentences`; the keys are the data set's word strings
    ``adj_subj subj verb adj_obj obj`` (and likewise with the landmark verb).

    Raises:
        DataError: a missing file, a missing header or a row without two fields, with file and
            line.

    >>> read_gs2012_sentences(["original,completed",
    ...     "statistical table show good result,The statistical table shows the good result."])
    {'statistical table show good result': 'The statistical table shows the good result.'}
    """
    return read_sentences(source)
