import sys

from cancu.cli import main

sys.exit(main())
