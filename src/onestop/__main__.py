"""Run the command line as ``python -m onestop``."""

import sys

from onestop.cli import main

sys.exit(main())
