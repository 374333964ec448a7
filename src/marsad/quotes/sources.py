"""Who passed a quote on: a source word in the quote's sentence and the name after it («، حسبما ذكرت وكالة
رويترز»، «وبحسب …،»، «وفقا لـ…»، «نقلا عن …»), or the subject of a relaying cue («ونقلت وكالة الأناضول عن …»,
found by `speakers`). A source is named by the agency's English name where it is one (as `wire_sources` names
it), else by its entity's English or Arabic name, else by its words («مصادر عسكرية»)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..document import Document, Entity
from ..text.agencies import find_wire_sources
from .cues import SOURCE, SOURCE_FILLER, SOURCE_NOUN, cue_of_form, is_source_word
from ..mentions import MentionIndex, Named
from .spans import CLAUSE_COMMAS, QUOTE_MARKS, SENTENCE_FINAL, Found
from .speakers import SPEAKER_TYPES, without_article

SOURCE_REACH = 4  # tokens from a source word to its name («حسبما أفادت به وكالة …»)
SOURCE_WORDS = 3  # words of a source named by no entity («بحسب مصادر عسكرية ليبية»)
OBJECT_PRONOUN = "ه"  # «نقلته», «ذكرته»: a cue with its object


@dataclass(slots=True, frozen=True)
class Credit:
    at: int  # the source word's token
    name: str
    agency: bool
    entity: Entity | None = None


class Sources:
    """The credits of a document («حسبما ذكرت …»), found once, and the one that goes with each quote."""

    def __init__(self, doc: Document, index: MentionIndex) -> None:
        self.doc = doc
        self.index = index
        self.credits = [c for i, tok in enumerate(doc.tokens) if is_source_word(tok) and (c := self._credit(i)) is not None]
        self.at = [c.at for c in self.credits]
        self.sentence_starts = [s.start for s in doc.sentences]

    def of(self, found: Found, speaker: Entity | None) -> Credit | None:
        """The credit in the quote's sentences, outside the words said: the first after them, else the last before
        the cue; not the speaker itself («بحسب النائب محمد ساندو، الذي قال …»)."""
        tokens = self.doc.tokens
        first = self._sentence_bounds(tokens[found.cue].start)[0]
        last = self._sentence_bounds(max(found.end - 1, tokens[found.cue].start))[1]
        lo, hi = bisect.bisect_left(self.at, first), bisect.bisect_right(self.at, last)
        near = [c for c in self.credits[lo:hi] if not found.start <= tokens[c.at].start < found.end
                and (c.entity is None or c.entity is not speaker)]
        after = [c for c in near if tokens[c.at].start >= found.end]
        return after[0] if after else next((c for c in reversed(near) if c.at < found.cue), None)

    def named(self, source: Named | str) -> Credit:
        """A relaying subject as a credit."""
        if isinstance(source, str):
            agencies = find_wire_sources(source, credit=True)
            return Credit(-1, agencies[0] if agencies else source, bool(agencies))
        return self._of_mention(-1, source)

    def _sentence_bounds(self, char: int) -> tuple[int, int]:
        """The tokens of the sentence holding `char`, as the first and last token index."""
        sentences = self.doc.sentences
        starts = self.index.starts
        k = bisect.bisect_right(self.sentence_starts, char) - 1
        if k < 0:
            return 0, len(starts) - 1
        return bisect.bisect_left(starts, sentences[k].start), bisect.bisect_left(starts, sentences[k].end) - 1

    def _credit(self, i: int) -> Credit | None:
        tokens = self.doc.tokens
        tok = tokens[i]
        before = tokens[i - 1].norm if i else "."
        if not (before in CLAUSE_COMMAS or before in SENTENCE_FINAL or before in QUOTE_MARKS or tok.norm not in SOURCE
                or tokens[i - 1].end < tok.start and "\n" in self.doc.text[tokens[i - 1].end:tok.start]):
            return None  # «… بحسب قربها من …»: no credit mid-clause
        for k in range(i + 1, min(len(tokens), i + 1 + SOURCE_REACH)):
            t = tokens[k]
            found = self.index.beginning.get(k)
            if found is not None and found.entity.type in SPEAKER_TYPES:
                return self._of_mention(i, found)
            if t.is_word and (agencies := find_wire_sources(self.doc.span_text(t), credit=True)):
                return Credit(i, agencies[0], True)  # «حسبما ذكرت واس»: a short name no entity holds
            if without_article(t) in SOURCE_NOUN:
                words = [w for w in tokens[k:k + SOURCE_WORDS]]
                words = words[:next((n for n, w in enumerate(words) if not w.is_word), len(words))]
                text = " ".join([t.stem or t.norm, *(self.doc.span_text(w) for w in words[1:])])
                agencies = find_wire_sources(self.doc.text[t.start:words[-1].end], credit=True)
                return Credit(i, agencies[0] if agencies else text, bool(agencies))
            filler = t.norm in SOURCE_FILLER or t.stem in SOURCE_FILLER or cue_of_form(t.norm) is not None or (
                t.norm.endswith(OBJECT_PRONOUN) and cue_of_form(t.norm[:-1]) is not None)
            if not filler:
                return None
        return None

    def _of_mention(self, at: int, found: Named) -> Credit:
        agencies = find_wire_sources(self.doc.span_text(found.mention), credit=True)
        if agencies:
            return Credit(at, agencies[0], True, found.entity)
        return Credit(at, found.entity.name_en or found.entity.name, False, found.entity)
