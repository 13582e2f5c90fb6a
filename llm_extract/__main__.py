"""``python -m llm_extract`` is the ``llm-extract`` command."""

import sys

from llm_extract.cli import main

sys.exit(main())
