"""Sub-commands of the ``discojax`` command line (see :mod:`discojax.cli`)."""
