"""Roles to people within an article: a role phrase before a name, one right after it, an office alone for the
one person it names, and appositions («، الذي يعتبر …»). Role runs take what each office governs
(«رئيس الهيئة العامة للسياحة», «أمير منطقة عسير»), so that the name after it is the holder's."""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import RolePhrase, Token
from ..kb import KnowledgeBase
from ..kb.roles import (HONORIFIC, MODIFIERS, OFFICE, POST_WORDS, ROLE_PREPOSITIONS, appositive_roles, is_plural_role,
                        is_role_word, with_pronoun)
from ..text.normalise import fold
from ..text.word_forms import AND_PREFIX, ARTICLE
from .clusters import Cluster
from .head_names import STOPS as NAME_STOPS, is_head
from .mentions import CUE_WORDS, NameMatch

MAX_GOVERNED_WORDS = 4
MAX_TAIL_WORDS = 5
TAIL_PREFIXES = frozenset({"ب", "و", "وب", "ل"})  # «بالمؤسسة», «بولاية», «والإعلام»
LAM = "ل"
IN = "في"
OPENING_QUOTES = ('"', "«", "“")
ORDINALS = CUE_WORDS["role_ordinal"]
PLACE_CUES = CUE_WORDS["place_cue"]


def add_appositive_roles(text: str, tokens: Sequence[Token], clusters: list[Cluster], kb: KnowledgeBase) -> None:
    """Roles in an apposition right after a person's name, up to the next person named in it."""
    people = {k for c in clusters if c.type == "PERSON" for m in c.mentions for k in range(m.first, m.last)}
    starts = [t.start for t in tokens]
    for c in clusters:
        if c.type != "PERSON":
            continue
        for m in list(c.mentions):
            if m.origin in ("kb", "tagger", "titled", "short"):
                for app in appositive_roles(text, tokens, m.last, kb):
                    end = _before_another_name(tokens, starts, app.start, app.end, people)
                    if not _next_in_list(text, app.start) and end > app.start:
                        c.add_role(text[app.start:end])


def _before_another_name(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int, people: set[int]) -> int:
    """Where an appositive role ends: before the first person named in it («، الذي يشغل منصب نائب المستشارة
    الألمانية أنجيلا ميركل،» is his post; she is the chancellor)."""
    for k in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
        if k in people:
            return tokens[k - 1].end if k > 0 and tokens[k - 1].end > start else start
    return end


def _next_in_list(text: str, start: int) -> bool:
    """«الأمير محمد بن سلمان، ولأمير منطقة عسير، الأمير فيصل»: a phrase after a comma that opens with و
    begins the next item of a list, it is no apposition."""
    return text[start:start + 1] == AND_PREFIX


@dataclass(slots=True)
class RoleItem:
    """A role phrase and what it governs: «رئيس» + «الهيئة العامة للسياحة», «مستشار» + «الرئيس اليمني»."""

    role: RolePhrase
    last: int  # token after the role and its complement
    inner: RolePhrase | None = None  # an office it governs that ends it («مستشار [الرئيس اليمني]»): a name right
    # after is that office's holder's


def role_runs(tokens: Sequence[Token], roles: Sequence[RolePhrase], named_at: dict[int, NameMatch],
              name_starts: set[int], person_spans: dict[int, int]) -> list[list[RoleItem]]:
    """Role phrases with their complements, grouped in runs that follow each other (a comma may part them):
    «رئيس الهيئة العامة للسياحة والتراث الوطني الأمير» is one run of two roles."""
    inside_names = {k for m in named_at.values() for k in range(m.first + 1, m.last)}
    # «سلطان بن سلمان» is a name, not an office; «الملك» of «مركز الملك سلمان للإغاثة» is part of a name
    by_first = {r.first: r for r in roles if r.first not in name_starts and r.first not in inside_names}
    runs: list[list[RoleItem]] = []
    used: set[int] = set()
    for r in by_first.values():
        if r.first in used:
            continue
        run: list[RoleItem] = []
        current: RolePhrase | None = r
        while current is not None:
            last = current.last
            governed: RolePhrase | None = None
            # «أمير منطقة عسير», not «الأمير فيصل»; an honorific governs nothing («سمو ولي العهد»)
            head = current
            construct = head.kind != HONORIFIC and not head.key.split()[-1].startswith(ARTICLE) and not with_pronoun(head.key)
            ordinal = True  # «النائب الثاني لرئيس مجلس الوزراء»: an ordinal right after the role
            while head.kind != HONORIFIC:  # an office governs a body, a place or another office
                named = named_at.get(last) or _after_head_noun(tokens, last, named_at)
                inner = by_first.get(last)
                if named is not None and (construct or head.kind == OFFICE or tokens[last].prefix == "ب") \
                        and tokens[last].prefix in ("", "ل", "ب"):  # (a title too: «المستشار بالديوان الملكي»)
                    last = named.last  # «رئيس الهيئة العامة للسياحة», «الناطق الإعلامي لوزارة العدل»
                elif inner is not None and inner.kind == OFFICE and (construct or tokens[last].prefix == LAM):
                    used.add(inner.first)  # «مستشار الرئيس اليمني», «النائب الثاني لرئيس مجلس الوزراء»
                    last, head = inner.last, inner
                    governed = inner
                    construct = not inner.key.split()[-1].startswith(ARTICLE)
                    continue
                elif ordinal and last < len(tokens) and tokens[last].norm in ORDINALS:
                    last += 1
                    ordinal = False
                    continue
                elif construct and last + 1 < len(tokens) and tokens[last].norm in PLACE_CUES and tokens[last + 1].is_word:
                    last = named_at[last + 1].last if last + 1 in named_at else last + 2  # «أمير منطقة عسير»
                elif last + 1 < len(tokens) and tokens[last].norm == IN and last + 1 in named_at \
                        and named_at[last + 1].type == "ORG":
                    last = named_at[last + 1].last  # «المستشار في الديوان الملكي»
                elif construct and _construct_noun(tokens, last) and (named := named_at.get(last + 1)) is not None \
                        and named.type in ("ORG", "GPE") and not tokens[last + 1].prefix:
                    last = named.last  # «مدير عام فرع هيئة السياحة», «رئيس وفد السعودية»
                elif construct and (end := _governed_words(tokens, last, name_starts, by_first)) > last:
                    last = end  # «وزير البيئة المصري», «رئيس اللجنة المنظمة للمهرجان»
                elif construct and not head.key.startswith(ARTICLE) and last in person_spans and (
                        (tail := _role_tail(tokens, after := person_spans[last], named_at, name_starts, by_first))
                        is not None or after in name_starts or after in by_first):
                    # «سفير خادم الحرمين الشريفين لدى مصر أحمد قطان»: someone's office, then its holder
                    last = after if tail is None else tail
                elif construct and _construct_noun(tokens, last) and last + 1 in name_starts:
                    last += 1  # «محافظ تنومة عبدالرحمن الهزاني»: a place the KB lacks, then the holder's name
                else:
                    break
                construct = ordinal = False
            if last not in by_first and head.kind != HONORIFIC \
                    and (tail := _role_tail(tokens, last, named_at, name_starts, by_first)) is not None:
                last = tail
            run.append(RoleItem(current, last, governed if governed is not None and governed.last == last else None))
            used.add(current.first)
            current = by_first.get(last)
            if current is not None and is_plural_role(current.key):
                current = None  # «المدرب لاعبي الوسط»: the coach does not hold the players' role
            if current is None and (nxt := _after_comma(tokens, last)) != last:
                following = by_first.get(nxt)  # «ولأمير منطقة عسير، الأمير فيصل»: a title after a comma
                current = following if following is not None and following.kind != OFFICE \
                    and not tokens[nxt].prefix.startswith(AND_PREFIX) else None
        runs.append(run)
    return runs


def _construct_noun(tokens: Sequence[Token], k: int) -> bool:
    """An indefinite noun with no proclitic, itself in the construct state before a name («فرع», «وفد»)."""
    tok = tokens[k] if k < len(tokens) else None
    return tok is not None and tok.is_word and not tok.prefix and not tok.norm.startswith(ARTICLE) \
        and tok.norm not in NAME_STOPS and not is_role_word(tok.norm) and k + 1 < len(tokens)


def _after_head_noun(tokens: Sequence[Token], k: int, named_at: dict[int, NameMatch]) -> NameMatch | None:
    """«(لـ)هيئة» + «الهلال الأحمر»: an organisation the KB names without the head noun written before it."""
    if k + 1 >= len(tokens) or not is_head(tokens[k].stem):
        return None
    named = named_at.get(k + 1)
    return named if named is not None and named.type == "ORG" and not tokens[k + 1].prefix else None


def _role_tail(tokens: Sequence[Token], k: int, named_at: dict[int, NameMatch], name_starts: set[int],
               roles_at: dict[int, RolePhrase]) -> int | None:
    """The rest of an office right before its holder's name or title: «(وزير البنى التحتية) بولاية الخرطوم»,
    «(مدير جامعة الملك عبدالعزيز) المكلف», «(سفير خادم الحرمين الشريفين) لدى مصر», «(الناطق الإعلامي) باسم
    صحة عسير», «(وزير الثقافة) والإعلام»: where the holder's name or title begins, None when none begins
    within MAX_TAIL_WORDS (a name counts as one)."""
    end, steps = k, 0
    while end < len(tokens):
        tok = tokens[end]
        if tok.norm not in ROLE_PREPOSITIONS and (end in name_starts or end in roles_at):
            return end
        if steps == MAX_TAIL_WORDS:
            break
        steps += 1  # a word, or a name however long
        if tok.norm in ROLE_PREPOSITIONS and end + 1 < len(tokens) and tokens[end + 1].is_word:
            end += 1
            continue
        if not tok.is_word or tok.norm in NAME_STOPS:
            break
        named = named_at.get(end)
        if named is not None:
            end = named.last
        elif tok.prefix == LAM and not tok.stem.startswith(ARTICLE) and end + 1 < len(tokens) and (
                tokens[end + 1].norm.startswith(ARTICLE) or end + 1 in named_at):
            # «(المدير الفني) لمنتخب سوريا الأول لكرة القدم»: ل + a noun and its genitive, a word or a name
            end = named_at[end + 1].last if end + 1 in named_at else end + 2
        elif tok.norm.startswith(ARTICLE) or tok.norm.startswith("لل") or (
                tok.prefix in TAIL_PREFIXES and tok.stem.startswith(ARTICLE)) or (
                tok.prefix in TAIL_PREFIXES and tok.stem in PLACE_CUES):
            end += 1
        else:
            break
    return None


def _governed_words(tokens: Sequence[Token], k: int, name_starts: set[int], roles_at: dict[int, RolePhrase]) -> int:
    """The end of the definite nouns, adjectives and ل-complements an office in the construct state governs
    (at most MAX_GOVERNED_WORDS), stopping at a name, another role, a time word or a clause opener."""
    end = k
    while end < len(tokens) and end - k < MAX_GOVERNED_WORDS and end not in name_starts and end not in roles_at:
        tok = tokens[end]
        if not tok.is_word or tok.norm in NAME_STOPS or not (tok.norm.startswith(ARTICLE) or tok.norm.startswith("لل")):
            break
        end += 1
    return end


def _governed(text: str, tokens: Sequence[Token], role: RolePhrase) -> bool:
    """A role written after a preposition (لولي العهد، بوزير الخارجية): the object of what precedes it."""
    return any(ch in "لب" for ch in text[tokens[role.first].start:role.start])


def _deputy_of_the_post(tokens: Sequence[Token], role: RolePhrase) -> bool:
    """A deputy's office (نائب، مساعد) named as someone's post («منصب نائب …»)."""
    return role.first > 0 and tokens[role.first - 1].norm in POST_WORDS and role.last - role.first > 1 \
        and tokens[role.first].norm in MODIFIERS


def _after_comma(tokens: Sequence[Token], k: int) -> int:
    """The token after one comma or opening quote at k («الفنان "مساعد الزهراني"»), else k."""
    return k + 1 if k < len(tokens) and tokens[k].norm in ("،", ",", *OPENING_QUOTES) else k


def attach_roles(text: str, tokens: Sequence[Token], clusters: list[Cluster], roles: Sequence[RolePhrase],
                 covered: set[int], kb: KnowledgeBase) -> None:
    """A role before a person's name is theirs; an office alone is a mention of the person it names (not one
    before another name: «وزير خارجية كوبا» is Cuba's minister)."""
    person_at = {m.first: c for c in clusters if c.type == "PERSON" for m in c.mentions}
    person_before = {m.last: c for c in clusters if c.type == "PERSON" for m in c.mentions if m.origin != "role"}
    named_at = {m.first: m for c in clusters if c.type in ("ORG", "GPE", "LOC") for m in c.mentions}
    standalone = []
    name_starts = {m.first for c in clusters if c.type == "PERSON" for m in c.mentions if m.origin != "role"}
    person_spans = {m.first: m.last for c in clusters if c.type == "PERSON" for m in c.mentions}
    for run in role_runs(tokens, roles, named_at, name_starts, person_spans):
        nxt = _after_comma(tokens, run[-1].last)
        owner = person_at.get(nxt) if nxt == run[-1].last or not tokens[nxt].prefix.startswith(AND_PREFIX) else None
        first = run[0].role
        after = owner is None and first.kind != HONORIFIC and (
            first.kind == OFFICE or not first.key.split()[0].startswith(ARTICLE) or run[0].last > first.last)
        if after:  # «وعادل الجبير وزير الخارجية»: an office right after a name, no other name after it
            owner = person_before.get(run[0].role.first)
        elif owner is not None and first.kind == OFFICE and _governed(text, tokens, first) and " " in first.key and any(
                c is not owner and first.key in c.role_keys for c in clusters if c.type == "PERSON"):
            continue  # «الوفد المرافق لولي ولي العهد أحمد الخطيب»: the office of someone named before, then a new name
            # (a whole office: «برئيس الاتحاد الأوروبي» after another «رئيس» is still the next name's)
        if owner is not None and not after and len(run) == 1 and _deputy_of_the_post(tokens, run[0].role):
            # «، الذي يشغل منصب نائب المستشارة الألمانية أنجيلا ميركل»: the post is his; she holds the office it deputises
            r = run[0].role
            owner.add_role(text[tokens[r.first + 1].start:tokens[r.last - 1].end])
            continue
        if owner is not None and not after and nxt == run[-1].last and run[-1].inner is not None:
            # «عبد العزيز جباري مستشار الرئيس اليمني عبد ربه منصور هادي»: the name is the inner office's holder's,
            # and the whole office is the one named before it
            inner = run[-1].inner
            owner.add_role(text[inner.start:tokens[run[-1].last - 1].end], inner)
            holder = person_before.get(run[0].role.first)
            for item in run if holder is not None else ():
                holder.add_role(text[item.role.start:tokens[item.last - 1].end], item.role)
            continue
        if owner is not None:
            holders = [owner]
            if not after and is_plural_role(run[-1].role.key):  # «اللاعبان يونس العليوي وعبدالرحمن الخيبري»
                k = person_spans[nxt]
                while k < len(tokens) and tokens[k].prefix.startswith(AND_PREFIX) and k in person_at:
                    holders.append(person_at[k])
                    k = person_spans[k]
            for holder in holders:
                for item in run:
                    holder.add_role(text[item.role.start:tokens[item.last - 1].end], item.role)
            continue
        r = run[0].role
        if len(run) == 1 and r.kind == OFFICE and not any(k in covered for k in range(r.first, r.last + 1)):
            if " " in r.key or r.last >= len(tokens) or not tokens[r.last].is_word:
                standalone.append(r)  # «الملك خالد» (an airbase) is no mention of King Salman
    persons = [c for c in clusters if c.type == "PERSON"]
    for r in standalone:
        named = [c for c in persons if r.key in c.role_keys]
        if not named:
            named = [c for c in persons if c.entry is not None and r.key in {fold(x) for x in c.entry.roles}]
        if len(named) != 1:
            continue  # nobody, or several people: the role alone names no one
        owner = named[0]
        owner.mentions.append(NameMatch(r.first, r.last, r.start, r.end, r.key, "PERSON", origin="role"))
        owner.add_role(text[r.start:r.end], r)
        covered.update(range(r.first, r.last))
