"""Where quotes are: direct ones inside quote marks with a cue before or after, indirect ones after a cue and
أن/إن up to the end of the sentence (mixed when the clause holds a quoted part). Each is found with the token
index of its cue; the speaker is another module's business (`speakers`)."""
from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..document import Document, Span, Token, inside
from ..mentions import MentionIndex
from ..text.segment import QUOTE_CHARS, quote_regions
from .cues import (NOT_SPEECH, RELATIVE, SAYING, Cue, clause_only, is_complementizer, is_from, is_source_word,
                   opens_clause, relays, without_conjunction)

CUE_BEFORE = 8  # tokens between a cue and the quote mark that opens what it introduces («وقال الرئيس الروسي: "»)
CUE_BEFORE_COLON = 18  # the same when a colon comes before the mark («وقال الملك سلمان في برقية للرئيس المصري …: «»)
# (in both, the words of names and titles are not counted: «وقال الناطق الإعلامي لشرطة المنطقة الشرقية العقيد …»)
CUE_AFTER = 3  # tokens between a closing quote mark and a cue after it («…»، قال الوزير)
CLAUSE_WINDOW = 20  # tokens between a cue and the أن/إن of its clause («قال بوتين في وقت سابق إن», «وقال روحاني بعد
# اتصال هاتفي مع أمير دولة قطر الشيخ تميم بن حمد آل ثاني، أمس، إن»), names, titles and «، الذي …» not counted,
CLAUSE_REACH = 40  # and never more than these
OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما", "هن")  # «حرصها»: the endings of a noun with a pronoun, as written
CLAUSE_ONLY_WORDS = 2  # words between «بين» and its clause that are no known name or title, 4 after و («وبين الحربي أن»)
MIN_DIRECT_WORDS = 3  # quote marks around fewer words hold a name or a term («بلا حدود»), not speech
SENTENCE_FINAL = frozenset(".!?؟…")
QUOTE_MARKS = frozenset(QUOTE_CHARS)
CLAUSE_COMMAS = frozenset("،,")
NEAR_MENTIONS = 3  # mentions starting just before a quoted span that may cover it


@dataclass(slots=True)
class Found:
    start: int  # the words said: no marks, no cue
    end: int
    kind: str  # direct | indirect | mixed
    cue: int  # token index of the cue
    clause: int | None = None  # token index of أن/إن (indirect and mixed)


def find_spans(doc: Document, index: MentionIndex, cues: Mapping[int, Cue]) -> list[Found]:
    """Every quote of the Arabic paragraphs, in text order; `cues` are the cue tokens (`cues.cues_in`)."""
    if not doc.tokens:
        return []
    finder = Finder(doc, index, cues)
    direct = finder.direct()
    said = sorted((f.start, f.end) for f in direct)
    indirect = [f for f in finder.indirect() if not inside(said, doc.tokens[f.cue].start)]  # (a cue in the words said)
    taken = [(f.start, f.end) for f in indirect]
    cue_tokens = {f.cue for f in indirect}  # one cue, one quote: «وقالت شبكة “بي بي سي” أن …» is indirect
    direct = [f for f in direct if f.cue not in cue_tokens and not any(a <= f.start and f.end <= b for a, b in taken)]
    return sorted([*indirect, *direct], key=lambda f: f.start)



class Finder:
    """The quotes of one document: its tokens, the tokens of names and roles, and its cue tokens."""

    def __init__(self, doc: Document, index: MentionIndex, cues: Mapping[int, Cue]) -> None:
        self.doc = doc
        self.text = doc.text
        self.tokens = doc.tokens
        self.starts = index.starts
        self.sentence_starts = [s.start for s in doc.sentences]
        self.named = index.covered | index.in_roles
        self.index = index
        self.cues = cues
        self.colons = [j for j, t in enumerate(doc.tokens) if t.norm == ":"]

    def sentence_end(self, char: int, default: int) -> int:
        k = bisect.bisect_right(self.sentence_starts, char) - 1
        return self.doc.sentences[k].end if k >= 0 else default

    def direct(self) -> list[Found]:
        text, starts = self.text, self.starts
        mentions = sorted((m.start, m.end) for e in self.doc.entities for m in e.mentions)
        out = []
        for p in self.doc.paragraphs:
            if p.language not in ("ar", None):
                continue
            regions = quote_regions(text, p.start, p.end)
            names: set[int] = set()  # the marks around a name or a term («وقال لـ "الاقتصادية" مازنونيتش "…"»)
            quoted = []
            for a, b in regions:
                inner_start, inner_end = _trimmed(text, a + 1, b - 1)
                if len(text[inner_start:inner_end].split()) < MIN_DIRECT_WORDS or _is_a_name(mentions, inner_start, inner_end):
                    names.update((bisect.bisect_left(starts, a), bisect.bisect_left(starts, b - 1)))
                else:
                    quoted.append((a, b, inner_start, inner_end))
            for a, b, inner_start, inner_end in quoted:
                first = bisect.bisect_left(starts, a)  # the opening mark's token
                last = bisect.bisect_left(starts, b)  # the token after the closing mark
                cue = self.cue_before(first, names) if first > 0 else None
                if cue is None:
                    cue = self.cue_after(last)
                if cue is not None:
                    out.append(Found(inner_start, inner_end, "direct", cue))
            out += self.after_colon(p, regions, names)
        return out

    def after_colon(self, paragraph: Span, regions: Sequence[tuple[int, int]], names: set[int]) -> list[Found]:
        """«وقال العرادة في تصريحات لـ«عكاظ»: ضبط الجيش …»: a cue, a colon and no quote mark; the words said run to
        the end of the sentence, or to the next cue."""
        tokens, out = self.tokens, []
        first, end = bisect.bisect_left(self.starts, paragraph.start), bisect.bisect_left(self.starts, paragraph.end)
        for j in self.colons[bisect.bisect_right(self.colons, first):bisect.bisect_left(self.colons, end - 1)]:
            if any(a <= tokens[j].start < b for a, b in regions):
                continue
            after = tokens[j + 1]
            if not after.is_word or is_complementizer(after):
                continue  # a quote mark (a direct quote of its own) or «: إن …» (an indirect one)
            cue = self.cue_before(j + 1, names)  # (from the colon on)
            if cue is None:
                continue
            end_of_sentence = min(self.sentence_end(after.start, paragraph.end), paragraph.end)
            start, stop = _trimmed(self.text, after.start, self.next_cue(j, end_of_sentence))
            if stop - start > 1 and len(self.text[start:stop].split()) >= MIN_DIRECT_WORDS:
                out.append(Found(start, stop, "direct", cue))
        return out

    def cue_before(self, first: int, names: set[int]) -> int | None:
        """The cue a few words before an opening mark, with no أن/إن, sentence end or other quote between (the marks
        around a name may come between)."""
        tokens = self.tokens
        left = CUE_BEFORE_COLON if tokens[first - 1].norm == ":" else CUE_BEFORE
        for j in range(first - 1, -1, -1):
            if left <= 0:
                return None
            tok = tokens[j]
            if j in names:
                continue
            left -= j not in self.named
            if tok.norm in SAYING:  # «ونقل موقع النادي عنه قوله للصحافيين بمقر فندق الفريق في جاكرتا: «…»»
                left = CUE_BEFORE
            if tok.norm in SENTENCE_FINAL or tok.norm in QUOTE_MARKS:
                return None
            if is_complementizer(tok) and not (j > 0 and without_conjunction(tokens[j - 1].norm) in NOT_SPEECH):
                return None  # an indirect clause between (not «وقالت بارتون بعد أن علمت بوفاة أندرسون “…”»)
            cue = self.cues.get(j)
            if cue is not None and not clause_only(tok) and (not relays(cue) or self.relayed_from(j, first)):
                return j
        return None

    def relayed_from(self, c: int, stop: int) -> bool:
        """«نقل … عن …»: the relay cue at `c` names whom it relays before token `stop`."""
        return any(is_from(self.tokens[j]) for j in range(c + 1, stop))

    def cue_after(self, last: int) -> int | None:
        """«"…"، قال الوزير»: a cue right after the closing mark (a comma may come between)."""
        for j in range(last, min(len(self.tokens), last + CUE_AFTER)):
            tok = self.tokens[j]
            if j in self.cues:
                return j
            if tok.is_word or tok.norm in SENTENCE_FINAL or tok.norm in QUOTE_MARKS:
                return None
        return None

    def indirect(self) -> list[Found]:
        text, tokens = self.text, self.tokens
        out = []
        covered_to = -1
        for c in sorted(self.cues):
            if tokens[c].start < covered_to:
                continue
            clause = self.clause_word(c)
            if clause is None:
                continue
            speakers = {n.entity.id for j in range(c + 1, clause) if (n := self.index.beginning.get(j)) is not None}
            end = self.next_cue(clause, self.sentence_end(tokens[clause].start, len(text)), speakers)
            start, end = _trimmed(text, tokens[clause].end, end)
            if end - start < 2:
                continue
            kind = "mixed" if any(a >= start and b <= end for a, b in quote_regions(text, start, end)) else "indirect"
            out.append(Found(start, end, kind, c, clause))
            covered_to = end  # «وأن …» later in the same clause belongs to it
        return out

    def next_cue(self, clause: int, end: int, speakers: frozenset[str] | set[str] = frozenset()) -> int:
        """Where a clause ends: its sentence's end; a cue after a comma that opens the next statement («… ، مشيرا
        إلى أن …»); a cue with a clause of its own a few words after a comma or right after a relative pronoun («…،
        وهو ما أكده الناقد طارق الشناوي الذي قال إن …», not «إن بيان الصحة ذكر أن …»); or a comma before a source
        («…، حسبما ذكرت وكالة رويترز»); or a comma before a verb joined by و whose subject is the speaker again
        («أعلنت الصين أنها …، وأدانت الصين العقوبات»: she states that in her own words, not inside the clause)."""
        tokens = self.tokens
        comma = None
        for j in range(clause + 1, len(tokens)):
            tok = tokens[j]
            if tok.start >= end:
                break
            if tok.norm in CLAUSE_COMMAS:
                comma = j
                continue
            if comma == j - 1 and (is_source_word(tok) or j in self.cues and self.opens_statement(j)):
                return tokens[comma].start
            if comma == j - 1 and (tok.prefix or tok.norm).startswith("و") and (again := self.index.beginning.get(j + 1)) is not None \
                    and again.entity.id in speakers:
                return tokens[comma].start
            if j in self.cues and self.clause_word(j) is not None:
                if comma is not None and j - comma <= CUE_BEFORE:
                    return tokens[comma].start
                if tokens[j - 1].norm in RELATIVE:
                    return tokens[j - 1].start
        return end

    def opens_statement(self, c: int) -> bool:
        """A cue after a comma that says something of its own: a participle («، مشيرا إلى …»), a clause, or a colon
        or quote mark right after (not «، كتب الكثير منهم نحو 50 ألف شيك»)."""
        after = self.tokens[c + 1].norm if c + 1 < len(self.tokens) else ""
        return self.cues[c].participle or after == ":" or after in QUOTE_MARKS or self.clause_word(c) is not None

    def clause_word(self, c: int) -> int | None:
        """The أن/إن (or على) the cue at `c` introduces, a few words on (names, titles and an inserted relative clause
        not counted), before a sentence end, a colon, a quote mark or another cue."""
        tokens, named = self.tokens, self.named
        cue = self.cues.get(c)
        if cue is None:
            return None
        marks = 0
        relayed = False  # «ونقلت وكالة الأناضول عن مسؤول محلي قوله إن»: a relay cue's clause comes after its «عن»
        inserted = False  # «وقالت جانين اتينو، التي انجبت طفلة في مستشفى …، أنها …»
        left = CLAUSE_WINDOW
        for j in range(c + 1, min(len(tokens), c + 1 + CLAUSE_REACH)):
            tok = tokens[j]
            if tok.norm in CLAUSE_COMMAS:
                inserted = j + 1 < len(tokens) and tokens[j + 1].norm in RELATIVE
            left -= not inserted and j not in named
            if left < 0:
                return None
            marks += tok.norm in QUOTE_MARKS
            relayed = relayed or is_from(tok)
            if opens_clause(tok, cue):
                between = [tokens[k] for k in range(c + 1, j) if k not in named and tokens[k].is_word]  # no name or role
                if not is_complementizer(tok) and not self.subject_only(c, between):
                    return None  # «أكد بوتين على …», «وأكد البلدان على …», not «مؤكدا استعداد موسكو للحفاظ على …»
                at_start = tokens[c].norm != without_conjunction(tokens[c].norm)  # «وبين …» opens a sentence
                if clause_only(tokens[c]) and len(between) > CLAUSE_ONLY_WORDS + at_start * 2 or relays(cue) and not relayed:
                    return None  # «بين الطرفين … أن», «نقل المصاب … بعد أن»
                before = without_conjunction(tokens[j - 1].norm)
                return None if before in NOT_SPEECH or marks % 2 else j  # (an odd mark: the أن is inside a quote)
            if tok.norm == ":" and j + 1 < len(tokens) and is_complementizer(tokens[j + 1]):
                continue  # «وقالت السيدة لصحيفة محلية: إنهم …»
            if tok.norm in SENTENCE_FINAL or tok.norm == ":" or j in self.cues:
                return None  # (quote marks may come between: «وقالت شبكة “بي بي سي” أن …»)
        return None

    def subject_only(self, c: int, between: Sequence[Token]) -> bool:
        """Before «على»: nothing but the cue's subject, a name or one word that is no noun with a pronoun (the object
        in «أكدت المملكة حرصها على …»); a participle has no subject («مؤكدا على»)."""
        if not between:
            return True
        if len(between) > 1 or self.cues[c].participle:
            return False
        return not self.text[between[0].start:between[0].end].endswith(OBJECT_PRONOUNS)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space and the punctuation that ends a sentence or a clause around it."""
    while start < end and (text[start].isspace() or text[start] in "،,:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".،,:؛;"):
        end -= 1
    return start, end


def _is_a_name(mentions: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Quote marks around a name («“أسوشيتد برس”»): an entity mention covers what they hold."""
    k = bisect.bisect_right(mentions, (start, float("inf")))  # the mentions starting at or before `start`
    return any(a <= start and end <= b for a, b in mentions[max(0, k - NEAR_MENTIONS):k])
