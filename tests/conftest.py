"""Shared test settings: strict JAX promotion rules and small random sentences."""

from __future__ import annotations

import os

import jax
import pytest
from hypothesis import settings
from hypothesis import strategies as st

jax.config.update("jax_numpy_rank_promotion", "raise")
settings.register_profile("discojax", max_examples=40, deadline=None)
# CI (.ci/run sets CI): the same examples on every run, so that what passed here passes there;
# the random search, with its database of failures, is for local runs.
settings.register_profile(
    "discojax-ci", settings.get_profile("discojax"), derandomize=True, database=None
)
settings.load_profile("discojax-ci" if os.environ.get("CI") else "discojax")

NOUNS = ["man", "woman", "dinner", "sauce", "program", "chef"]
ADJECTIVES = ["skillful", "tasty", "useful"]
INTRANSITIVE = ["runs", "sleeps"]
TRANSITIVE = ["prepares", "cooks", "debugs"]


@st.composite
def noun_phrases(draw: st.DrawFn, depth: int = 2) -> str:
    """A noun phrase: a noun, maybe with adjectives and a relative clause."""
    words = [draw(st.sampled_from(ADJECTIVES)) for _ in range(draw(st.integers(0, 2)))]
    words.append(draw(st.sampled_from(NOUNS)))
    if depth > 0 and draw(st.booleans()):
        verb = draw(st.sampled_from(TRANSITIVE))
        words += ["who", verb, draw(noun_phrases(depth=depth - 1))]
    return " ".join(words)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """A sentence: a subject and an intransitive verb, or subject, verb and object."""
    subject = draw(noun_phrases())
    if draw(st.booleans()):
        return f"{subject} {draw(st.sampled_from(INTRANSITIVE))}"
    return f"{subject} {draw(st.sampled_from(TRANSITIVE))} {draw(noun_phrases())}"


@pytest.fixture(scope="module", autouse=True)
def _free_executables_after_each_module():
    """Let jax free what each test module compiled: every XLA CPU executable maps 100 or more
    memory regions, and one process may map 65,530 (the whole suite runs in one process)."""
    yield
    jax.clear_caches()


@pytest.fixture
def key() -> jax.Array:
    return jax.random.key(0)


@pytest.fixture(scope="module")
def x64():
    """Double precision for the tests of a module that compare against NumPy/DisCoPy."""
    with jax.enable_x64(True):
        yield


@st.composite
def small_sentences(draw: st.DrawFn) -> str:
    """Sentences of at most 11 simple types: DisCoPy can evaluate them word by word."""

    def np() -> str:
        adjective = draw(st.sampled_from(["", *ADJECTIVES]))
        return f"{adjective} {draw(st.sampled_from(NOUNS))}".strip()

    kind = draw(st.integers(0, 2))
    if kind == 0:
        return f"{np()} {draw(st.sampled_from(INTRANSITIVE))}"
    if kind == 1:
        return f"{np()} {draw(st.sampled_from(TRANSITIVE))} {np()}"
    noun, verb, obj = (draw(st.sampled_from(x)) for x in (NOUNS, TRANSITIVE, NOUNS))
    return f"{noun} who {verb} {obj} {draw(st.sampled_from(INTRANSITIVE))}"
