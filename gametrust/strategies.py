"""Public hypothesis strategies (``gametrust.strategies``): games valid by construction.

The strategies live in :mod:`gametrust.testing.strategies`; this module is the
name researchers import them by::

    from gametrust.strategies import prisoners_dilemmas
"""

from .testing.strategies import *  # noqa: F403
from .testing.strategies import __all__  # noqa: F401
