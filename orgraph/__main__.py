"""``python -m orgraph``: the same as the ``orgraph`` command."""

from orgraph.cli import main

main()
