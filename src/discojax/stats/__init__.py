"""Statistics for tables that survive review: intervals, paired tests, corrections, power.

Which tool for which question (docs/statistics.md has the long form):

- an interval for a similarity model's Spearman's rho: :func:`rho_intervals` (per judgement
  and per item, items resampled with their judgements); any statistic:
  :func:`bootstrap_interval` (SciPy's ``bootstrap``, seeded, BCa or percentile);
- an interval for a classifier's accuracy or macro F1, per seed and pooled over seeds:
  :func:`classification_intervals`;
- two similarity models on the same judgements: :func:`williams_t` or :func:`steiger_z`
  (dependent correlations sharing the human scores), :func:`rho_difference_test` (paired
  permutation or bootstrap over items);
- two classifiers on the same test items: :func:`paired_permutation_test` (over seeds and
  items), :func:`mcnemar` (one seed);
- many rows against one baseline: :func:`holm`;
- how many seeds a difference needs: :func:`power`, :func:`seeds_needed`.

>>> print(mcnemar([1, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0]))
McNemar's exact = 5.000, p = 0.062
"""

from discojax.stats._accuracy import classification_intervals as classification_intervals
from discojax.stats._accuracy import macro_f1 as macro_f1
from discojax.stats._bootstrap import bootstrap_interval as bootstrap_interval
from discojax.stats._dependent import steiger_z as steiger_z
from discojax.stats._dependent import williams_t as williams_t
from discojax.stats._holm import holm as holm
from discojax.stats._mcnemar import mcnemar as mcnemar
from discojax.stats._permutation import paired_permutation_test as paired_permutation_test
from discojax.stats._power import power as power
from discojax.stats._power import seeds_needed as seeds_needed
from discojax.stats._result import Interval as Interval
from discojax.stats._result import Significance as Significance
from discojax.stats._rho_difference import rho_difference_test as rho_difference_test
from discojax.stats._spearman import rho_intervals as rho_intervals
from discojax.stats._spearman import spearman_interval as spearman_interval
from discojax.stats._spearman import weighted_spearman as weighted_spearman
