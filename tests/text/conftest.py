"""The text-composition tests share `composer_checks` (next to this file), which also holds
the one FontBook of the session (`shared_book`, cached). Make it importable whatever pytest's
import mode is."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
