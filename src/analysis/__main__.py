import sys

from analysis.pipeline.cli import main

sys.exit(main())
