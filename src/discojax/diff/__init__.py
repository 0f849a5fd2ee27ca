"""Diagrammatic differentiation: the derivative of a sentence is a formal sum of diagrams.

Toumi (2022) differentiates a parameterised diagram box by box: the product rule over the
boxes that hold a parameter, a rule per box (a tensor box's entry gives a unit tensor; a
rotation gate gives shifted gates), and the chain rule through bubbles (the read-out and the
loss). Here the rules act on word boxes, and the terms of a whole batch are evaluated by the
one compiler in one program: every term has its sentence's shape.

- :class:`Symbols`: every table entry as a sympy symbol (lambeq's names) and its
  ``(table, row, column)``; :func:`lambdify_rows`: sympy expressions of a word's entries into
  one JAX function of a whole table; :func:`lambdify`: a batch of sentences as one JAX
  function of the symbols' values (DisCoPy's ``lambdify``, compiled once per shape).
- :func:`grad`: ``∂ sentence / ∂ symbol`` as a :class:`FormalSum` of :class:`Term`\\ s,
  drawable with DisCoPy (:meth:`FormalSum.to_discopy`).
- :func:`prepare_derivatives`, :func:`jacobian`, :func:`loss_grad`: every derivative of a
  batch of sentences, and a loss's gradient by the chain rule, through the compiler.
- :func:`sampled_probabilities`, :func:`shot_grad`, :func:`circuit_evaluations`: the read-out
  of circuits under a finite shot budget, differentiated by the parameter-shift rule with
  every shifted circuit sampled (as on a device), and what a step costs in circuit runs.
"""

from discojax.diff._batch import Derivatives as Derivatives
from discojax.diff._batch import evaluate_derivatives as evaluate_derivatives
from discojax.diff._batch import jacobian as jacobian
from discojax.diff._batch import loss_grad as loss_grad
from discojax.diff._batch import prepare_derivatives as prepare_derivatives
from discojax.diff._lambdify import lambdify as lambdify
from discojax.diff._rules import amplitude_rule as amplitude_rule
from discojax.diff._rules import rules as rules
from discojax.diff._shots import circuit_evaluations as circuit_evaluations
from discojax.diff._shots import sampled_probabilities as sampled_probabilities
from discojax.diff._shots import shot_grad as shot_grad
from discojax.diff._symbols import Symbols as Symbols
from discojax.diff._symbols import lambdify_rows as lambdify_rows
from discojax.diff._symbols import symbol_name as symbol_name
from discojax.diff._symbols import variables as variables
from discojax.diff._terms import FormalSum as FormalSum
from discojax.diff._terms import Term as Term
from discojax.diff._terms import grad as grad
