"""Words read in place: a big word tensor contracted straight from its table, never copied.

Gathering a batch of rows copies each row's word tensor once per sentence. When a row has
:data:`MAP_MIN_ENTRIES` entries or more (a transitive verb at ``d >= 13``, a ditransitive one
at ``d >= 7``), a loop that reads the word's tensor in place and contracts it at once is several
times faster (5 to 8 times at ``d = 32``), and so is its gradient. When the rows outnumber the
table's words :data:`MIN_RUN` times or more (relative pronouns, auxiliaries), rows that share
a word are contracted together, in chunks: one matrix product per chunk, the word read once.
Both were measured on the CPU, and both are CPU layouts: on another backend (where a loop over
rows is one small kernel after another) words are gathered (:func:`reads_in_place`; the rule
is in :mod:`discojax.compile._backend`).

>>> import jax.numpy as jnp
>>> table = jnp.arange(2 * 3 * 4.0).reshape(2, 3, 4)  # two words, each a 3 x 4 matrix
>>> word_ids, subjects = jnp.array([1, 0, 1]), jnp.ones((3, 3))
>>> expected = jnp.einsum("za,zab->zb", subjects, table[word_ids])
>>> bool(jnp.allclose(contract_in_place("za,zab->zb", 1, table, word_ids, subjects), expected))
True
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from discojax.compile._backend import cpu_layouts
from discojax.compile._letters import BATCH
from discojax.compile._pairwise import contract_pair

MAP_MIN_ENTRIES = 2048  # word tensors at least this large are read in place, not gathered
# From this many rows per word of the table (on average), rows that share a word are contracted
# together, in chunks (see _contract_by_word); below it, row by row.
MIN_RUN = 8


def reads_in_place(entries: int) -> bool:
    """Whether a word tensor of ``entries`` entries a row is read in place: on the CPU, from
    :data:`MAP_MIN_ENTRIES` entries.

    >>> reads_in_place(MAP_MIN_ENTRIES) == cpu_layouts(), reads_in_place(MAP_MIN_ENTRIES - 1)
    (True, False)
    """
    return entries >= MAP_MIN_ENTRIES and cpu_layouts()


def contract_in_place(
    equation: str, mapped: int, table: jax.Array, word_ids: jax.Array, other: jax.Array
) -> jax.Array:
    """``equation`` between the rows of ``table`` that ``word_ids`` pick (operand ``mapped``)
    and ``other``: by chunks of rows that share a word when the table is small next to the
    rows, else row by row.

    >>> table = jnp.ones((1, 2, 2)); ids = jnp.zeros(8, jnp.int32)  # 8 rows of one word
    >>> contract_in_place("zab,za->zb", 0, table, ids, jnp.ones((8, 2)))[:2].tolist()
    [[2.0, 2.0], [2.0, 2.0]]
    """
    if word_ids.shape[0] >= MIN_RUN * table.shape[0]:
        return _contract_by_word(equation, mapped, table, word_ids, other)
    return _contract_row_by_row(equation, mapped, table, word_ids, other)


def _contract_row_by_row(
    equation: str, mapped: int, table: jax.Array, word_ids: jax.Array, other: jax.Array
) -> jax.Array:
    """``equation`` between the rows of ``table`` that ``word_ids`` pick (operand ``mapped``)
    and ``other``, one row at a time."""

    def one_row(args: tuple[jax.Array, jax.Array]) -> jax.Array:
        word, row = args
        operands = [row[None], row[None]]
        operands[mapped] = jax.lax.dynamic_index_in_dim(table, word, keepdims=True)
        return contract_pair(equation, *operands)[0]

    return jax.lax.map(one_row, (word_ids, other))


def _contract_by_word(
    equation: str, mapped: int, table: jax.Array, word_ids: jax.Array, other: jax.Array
) -> jax.Array:
    """The same as :func:`_contract_row_by_row`, word by word: for a small table.

    Rows are sorted by their word, and cut into chunks of ``chunk`` rows that share a word;
    each chunk is one matrix product against its word's tensor, read once. Chunks run in order
    and each writes ``chunk`` rows from its start: rows past the end of its word are written
    again, correctly, by the next chunk (the last one spills into padding).
    """
    words, rows = table.shape[0], word_ids.shape[0]
    chunk = 1 << max(0, (rows // words).bit_length() - 1)  # at most rows / words
    chunks = -(-rows // chunk) + words  # every run of one word adds at most one partial chunk
    order = jnp.argsort(word_ids.astype(jnp.int32), stable=True)
    sorted_ids = word_ids[order]
    padding = jnp.zeros((chunk, *other.shape[1:]), other.dtype)
    sorted_other = jnp.concatenate([other[order], padding])
    index = jnp.arange(rows)
    new_word = jnp.concatenate([jnp.ones((1,), bool), sorted_ids[1:] != sorted_ids[:-1]])
    run_start = jax.lax.cummax(jnp.where(new_word, index, 0))
    starts = jnp.nonzero(
        new_word | ((index - run_start) % chunk == 0), size=chunks, fill_value=rows
    )[0]
    terms, output = equation.split("->")
    operand_terms = terms.split(",")
    operand_terms[mapped] = operand_terms[mapped].replace(BATCH, "")
    chunk_equation = ",".join(operand_terms) + "->" + output
    tensor_of = jnp.concatenate([sorted_ids, sorted_ids[-1:]])  # a spilled chunk's word
    dims = dict(zip(operand_terms[mapped], table.shape[1:]))
    dims.update(zip(operand_terms[1 - mapped], other.shape))
    dtype = jnp.result_type(table, other)

    def one_chunk(k: jax.Array, out: jax.Array) -> jax.Array:
        start = starts[k]
        operands = [jax.lax.dynamic_slice_in_dim(sorted_other, start, chunk)] * 2
        operands[mapped] = jax.lax.dynamic_index_in_dim(table, tensor_of[start], keepdims=False)
        value = contract_pair(chunk_equation, *operands)
        return jax.lax.dynamic_update_slice_in_dim(out, value.astype(dtype), start, axis=0)

    shape = tuple(dims[c] for c in output[1:])
    out = jax.lax.fori_loop(0, chunks, one_chunk, jnp.zeros((rows + chunk, *shape), dtype))
    return jnp.zeros((rows, *shape), dtype).at[order].set(out[:rows])
