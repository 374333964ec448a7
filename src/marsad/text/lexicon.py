"""Word frequencies of public-domain Arabic prose, for telling clitics from word-initial letters."""
from __future__ import annotations

from ..resources import data_columns, snapshot


@snapshot.loader
def word_counts() -> dict[str, int]:
    """Matching form -> count in the Hindawi public-domain books (built by scripts/build_lexicon.py)."""
    words, counts = data_columns("lexicon/words.tsv.gz", 2)
    return dict(zip(words, map(int, counts)))
