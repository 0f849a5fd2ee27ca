"""Training: one loop, optax-style.

A :class:`TrainState` PyTree and a pure step ``(state, minibatch) -> (state, loss)``
(:func:`make_step`); optax optimisers, and SPSA as an optax transformation (:func:`spsa`);
losses from ``optax.losses`` and metrics as ``fn(outputs, targets, weights)``; :func:`fit`, the
loop, with callbacks for early stopping, checkpoints, a ``metrics.jsonl`` log, progress bars and
TensorBoard.

>>> import jax.numpy as jnp
>>> float(accuracy(jnp.array([[0.0, 1.0]]), jnp.array([1])))
1.0
"""

from discojax.train._callbacks import Callback as Callback
from discojax.train._callbacks import Checkpoint as Checkpoint
from discojax.train._callbacks import EarlyStopping as EarlyStopping
from discojax.train._callbacks import MetricsLog as MetricsLog
from discojax.train._callbacks import ProgressBar as ProgressBar
from discojax.train._callbacks import TensorBoard as TensorBoard
from discojax.train._checkpoint import has_checkpoint as has_checkpoint
from discojax.train._checkpoint import load_checkpoint as load_checkpoint
from discojax.train._checkpoint import read_checkpoint as read_checkpoint
from discojax.train._checkpoint import read_metadata as read_metadata
from discojax.train._checkpoint import save_checkpoint as save_checkpoint
from discojax.train._config import TrainConfig as TrainConfig
from discojax.train._evaluation import Evaluation as Evaluation
from discojax.train._evaluation import evaluate_sets as evaluate_sets
from discojax.train._losses import accuracy as accuracy
from discojax.train._losses import cross_entropy as cross_entropy
from discojax.train._losses import default_metrics as default_metrics
from discojax.train._losses import f1_score as f1_score
from discojax.train._losses import log_probabilities as log_probabilities
from discojax.train._losses import loss_function as loss_function
from discojax.train._losses import mean_squared_error as mean_squared_error
from discojax.train._losses import predictions as predictions
from discojax.train._minibatch import MinibatchPlan as MinibatchPlan
from discojax.train._minibatch import epoch_rows as epoch_rows
from discojax.train._minibatch import take as take
from discojax.train._processes import is_writer as is_writer
from discojax.train._processes import join_processes as join_processes
from discojax.train._processes import launch as launch
from discojax.train._sharding import data_mesh as data_mesh
from discojax.train._sharding import replicate as replicate
from discojax.train._sharding import shard_tables as shard_tables
from discojax.train._spsa import SPSASettings as SPSASettings
from discojax.train._spsa import SPSAState as SPSAState
from discojax.train._spsa import ValueOnlyTransformation as ValueOnlyTransformation
from discojax.train._spsa import spsa as spsa
from discojax.train._step import Minibatch as Minibatch
from discojax.train._step import TrainState as TrainState
from discojax.train._step import make_step as make_step
from discojax.train._step import training_loss as training_loss
from discojax.train._trainer import TrainResult as TrainResult
from discojax.train._trainer import evaluate_metrics as evaluate_metrics
from discojax.train._trainer import fit as fit
