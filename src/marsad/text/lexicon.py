"""Word frequencies of public-domain Arabic prose, for telling clitics from word-initial letters."""
from __future__ import annotations

from functools import lru_cache

from ..resources import data_rows


@lru_cache(maxsize=1)
def word_counts() -> dict[str, int]:
    """Matching form -> count in the Hindawi public-domain books (built by scripts/build_lexicon.py)."""
    return {word: int(count) for word, count in data_rows("lexicon/words.tsv.gz")}
