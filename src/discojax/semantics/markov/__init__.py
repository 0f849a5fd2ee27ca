"""Markov-category semantics: Stoch kernels, divergences, entropy and information.

- :class:`StochSemantics`, :class:`StochModel`: each box a column-stochastic kernel (softmax
  tables; deterministic boxes Dirac kernels), copies copy spiders, discards marginals; Markov
  diagrams (``discopy.markov``) and cup-free grammar diagrams compile through the one compiler;
  :func:`check_markov` rejects merges (or ``merges="renormalise"``).
- :func:`is_deterministic` and the kernel algebra on arrays (:func:`compose`, :func:`copy`).

>>> import jax.numpy as jnp
>>> is_deterministic(jnp.eye(3))
True
"""

from discojax.semantics._protocol import register_semantics_kind
from discojax.semantics.markov._discopy import stoch_diagram as stoch_diagram
from discojax.semantics.markov._discopy import to_markov as to_markov
from discojax.semantics.markov._kernels import compose as compose
from discojax.semantics.markov._kernels import copy as copy
from discojax.semantics.markov._kernels import dirac as dirac
from discojax.semantics.markov._kernels import is_deterministic as is_deterministic
from discojax.semantics.markov._kernels import joint as joint
from discojax.semantics.markov._model import StochModel as StochModel
from discojax.semantics.markov._model import stoch_network as stoch_network
from discojax.semantics.markov._network import check_markov as check_markov
from discojax.semantics.markov._network import network_from_markov as network_from_markov
from discojax.semantics.markov._stoch import DIRAC_LOGIT as DIRAC_LOGIT
from discojax.semantics.markov._stoch import StochSemantics as StochSemantics
from discojax.semantics.markov._stoch import evidence as evidence

register_semantics_kind(StochSemantics.kind, StochSemantics.from_json)
