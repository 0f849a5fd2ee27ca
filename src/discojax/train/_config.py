"""What decides a training run's numbers: one frozen record, readable from TOML.

>>> config = TrainConfig(optimizer="spsa", spsa=SPSASettings(a=0.1), seed=2)
>>> type(config.transformation()).__name__
'ValueOnlyTransformation'
>>> config.to_json()["spsa"]["a"]
0.1
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import optax

from discojax.errors import TrainingError
from discojax.train._spsa import SPSASettings, spsa


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run's numbers.

    Attributes:
        epochs: the number of passes over the training set.
        batch_size: sentences per step (``None``: the whole set, one step an epoch).
        optimizer: an optax optimiser's name (``adam``, ``sgd``, ``adamw``…), ``spsa``, or an
            optax transformation itself (a ``GradientTransformation``, or one taking extra
            arguments: the step passes ``value``, ``grad`` and ``value_fn``, as optax's
            L-BFGS expects).
        learning_rate: the optax learning rate (ignored by SPSA, which uses its gains).
        options: extra keyword arguments of the optax optimiser.
        loss: ``cross_entropy`` (classification) or ``mse`` (similarity, regression).
        spsa: SPSA's gains, when ``optimizer == "spsa"``.
        patience: stop after this many epochs without improving the monitored dev metric.
        monitor: ``dev_accuracy`` (higher is better) or ``dev_loss`` (lower is better).
        seed: seeds the minibatch order, SPSA's directions and the shots' draws.
        shots: estimate every circuit a training step runs from this many shots (a device's
            budget; a model with ``estimate``, a :class:`~discojax.QuantumModel`): SPSA's
            losses, or a gradient optimiser's loss and its parameter-shift gradient, every
            shifted circuit sampled (see :func:`discojax.diff.sampled_probabilities`).
            ``None``: exact simulation. Evaluation (dev, test) stays exact.
        train_metrics: evaluate the whole training set after each epoch (turn off for very
            large corpora: the step losses are still logged).
        fast_compile: compile the step with XLA's backend optimisation level 0: about 30% less
            compile time for a batch of 170 shapes, but steps about 2.5x slower. ``None``
            (default) turns it on above 512 shapes.
    """

    epochs: int = 100
    batch_size: int | None = None
    optimizer: str | optax.GradientTransformation = "adam"
    learning_rate: float = 0.05
    options: Mapping[str, Any] = field(default_factory=dict)
    loss: str = "cross_entropy"
    spsa: SPSASettings = field(default_factory=SPSASettings)
    patience: int | None = None
    monitor: str = "dev_accuracy"
    seed: int = 0
    train_metrics: bool = True
    fast_compile: bool | None = None
    shots: int | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready copy (an optax object as its ``repr``).

        >>> TrainConfig(epochs=3).to_json()["epochs"]
        3
        """
        optimizer = self.optimizer if isinstance(self.optimizer, str) else repr(self.optimizer)
        return {
            **asdict(self),
            "optimizer": optimizer,
            "options": dict(self.options),
            "spsa": asdict(self.spsa),
        }

    def transformation(self) -> optax.GradientTransformationExtraArgs:
        """The optimiser as an optax transformation taking extra arguments.

        Raises:
            TrainingError: optax has no optimiser of that name.

        >>> TrainConfig(optimizer="adamw", options={"weight_decay": 0.1}).transformation().init
        <function ...>
        >>> TrainConfig(optimizer="nadamax").transformation()
        Traceback (most recent call last):
        ...
        discojax.errors.TrainingError: optax has no optimiser called 'nadamax'
        """
        if not isinstance(self.optimizer, str):
            return optax.with_extra_args_support(self.optimizer)
        if self.optimizer == "spsa":
            return spsa(**asdict(self.spsa), seed=self.seed)
        factory = getattr(optax, self.optimizer, None)
        if factory is None or not callable(factory):
            raise TrainingError(f"optax has no optimiser called {self.optimizer!r}")
        optimiser = factory(learning_rate=self.learning_rate, **dict(self.options))
        return optax.with_extra_args_support(optimiser)

    def step_key(self) -> tuple[Any, ...]:
        """What a compiled step depends on: hashable, without the seed (an initial state).

        >>> TrainConfig(seed=1).step_key() == TrainConfig(seed=2, epochs=7).step_key()
        True
        """
        options = tuple(sorted(self.options.items()))
        return (self.loss, self.optimizer, self.learning_rate, options, self.spsa, self.shots)
