"""Named errors of the quantum semantics.

>>> from discojax.errors import CompileError, DiscojaxError
>>> issubclass(AnsatzError, CompileError) and issubclass(PostSelectionError, DiscojaxError)
True
"""

from __future__ import annotations

from discojax.errors import CompileError, DiscojaxError


class AnsatzError(CompileError):
    """A circuit ansatz that cannot be built or fed: a bad qubit count, family or parameters.

    >>> print(AnsatzError("type 's' maps to 0 qubits: the sentence has nothing to measure"))
    type 's' maps to 0 qubits: the sentence has nothing to measure
    """


class PostSelectionError(DiscojaxError):
    """A sentence whose post-selection succeeds with probability zero: it has no distribution.

    >>> print(PostSelectionError("sentence 0 ('man runs') is post-selected with probability 0"))
    sentence 0 ('man runs') is post-selected with probability 0
    """
