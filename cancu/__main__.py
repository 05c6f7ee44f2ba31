from cancu.cli import main
import sys
sys.exit(main())
