"""`python -m ikan_desktop` runs the same entry point as the `ikan-desktop` command."""

import sys

from ikan_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
