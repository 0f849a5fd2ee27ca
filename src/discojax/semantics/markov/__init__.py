"""Markov-category semantics: Stoch kernels, divergences, entropy and information.

- :class:`StochSemantics`, :class:`StochModel`: each box a column-stochastic kernel (softmax
  tables; deterministic boxes Dirac kernels), copies copy spiders, discards marginals; Markov
  diagrams (``discopy.markov``) and cup-free grammar diagrams compile through the one compiler;
  :func:`check_markov` rejects merges (or ``merges="renormalise"``).
- :func:`is_deterministic` and the kernel algebra on arrays (:func:`compose`, :func:`copy`).
- :class:`MarkovLM`: ``k_head ∘ k_backbone ∘ k_embed`` as boxes, trained by NLL through
  :func:`discojax.train.fit`, on text as :func:`next_tokens` (contexts and next-token ids).
- Divergences (:func:`kl`, :func:`total_variation`, :func:`hellinger`, :func:`renyi`,
  :func:`jensen_shannon`; between kernels :func:`kernel_divergence`), the
  :func:`categorical_entropy`, :func:`mutual_information`, :func:`nll_decomposition`,
  :func:`information_surplus` and a draft head's :func:`acceptance_rate`.
- Finite sources with known conditionals (:func:`low_rank_source`,
  :func:`second_order_source`, :func:`future_joint`).

>>> import jax.numpy as jnp
>>> is_deterministic(jnp.eye(3))
True
"""

from discojax.models._saving import MODEL_CLASSES
from discojax.semantics._protocol import register_semantics_kind
from discojax.semantics.markov._discopy import stoch_diagram as stoch_diagram
from discojax.semantics.markov._discopy import to_markov as to_markov
from discojax.semantics.markov._divergences import categorical_entropy as categorical_entropy
from discojax.semantics.markov._divergences import hellinger as hellinger
from discojax.semantics.markov._divergences import jensen_shannon as jensen_shannon
from discojax.semantics.markov._divergences import kernel_divergence as kernel_divergence
from discojax.semantics.markov._divergences import kl as kl
from discojax.semantics.markov._divergences import renyi as renyi
from discojax.semantics.markov._divergences import total_variation as total_variation
from discojax.semantics.markov._information import acceptance_rate as acceptance_rate
from discojax.semantics.markov._information import (
    conditional_mutual_information as conditional_mutual_information,
)
from discojax.semantics.markov._information import entropy as entropy
from discojax.semantics.markov._information import information_surplus as information_surplus
from discojax.semantics.markov._information import mutual_information as mutual_information
from discojax.semantics.markov._information import nll_decomposition as nll_decomposition
from discojax.semantics.markov._kernels import compose as compose
from discojax.semantics.markov._kernels import copy as copy
from discojax.semantics.markov._kernels import dirac as dirac
from discojax.semantics.markov._kernels import is_deterministic as is_deterministic
from discojax.semantics.markov._kernels import joint as joint
from discojax.semantics.markov._lm import MarkovLM as MarkovLM
from discojax.semantics.markov._lm import lm_diagram as lm_diagram
from discojax.semantics.markov._model import StochModel as StochModel
from discojax.semantics.markov._model import stoch_network as stoch_network
from discojax.semantics.markov._network import check_markov as check_markov
from discojax.semantics.markov._network import network_from_markov as network_from_markov
from discojax.semantics.markov._sources import future_joint as future_joint
from discojax.semantics.markov._sources import low_rank_source as low_rank_source
from discojax.semantics.markov._sources import second_order_source as second_order_source
from discojax.semantics.markov._sources import stationary as stationary
from discojax.semantics.markov._stoch import DIRAC_LOGIT as DIRAC_LOGIT
from discojax.semantics.markov._stoch import StochSemantics as StochSemantics
from discojax.semantics.markov._stoch import evidence as evidence
from discojax.semantics.markov._text import NextTokens as NextTokens
from discojax.semantics.markov._text import next_tokens as next_tokens

register_semantics_kind(StochSemantics.kind, StochSemantics.from_json)
MODEL_CLASSES[StochModel.__name__] = StochModel  # load_model rebuilds saved Stoch models
