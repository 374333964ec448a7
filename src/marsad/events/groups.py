"""Actors by name and without one: entity mentions that may act, and the words for an unnamed group
(resources/events/actor-words.tsv: «الشرطة المصرية» EGYCOP, «مئات الفلسطينيين» PSE) or a title's holder («أمير
منطقة عسير» SAUGOV)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..document import Entity, Token
from ..kb.knowledge_base import CLUB_ID, load_kb
from ..mentions import MentionIndex, Named
from ..resources import data_rows
from ..text.normalise import fold
from .words import PREPOSITION_PROCLITICS, ROLE_COMPLEMENT

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE"})
ROLE_REACH = 4  # tokens a title may take before the place it names («رئيس وزراء جمهورية …»)
PEOPLE_ENDINGS = ("يين", "يون")  # a plural nisba names a people («الفلسطينيين»); a singular one is an adjective
NISBA_REACH = 2  # tokens after a group's word where its country's adjective may be («الطائرات الحربية السعودية»)


@dataclass(frozen=True, slots=True)
class Group:
    """An actor no entity holds: its CAMEO code, its first and last token, and its country when the text gives one."""
    code: str
    first: int
    last: int
    country: str | None = None


@lru_cache(maxsize=1)
def _actor_words() -> dict[str, tuple[str, str]]:
    return {fold(word): (code, kind) for word, code, kind in data_rows("events/actor-words.tsv")}


def mention_at(index: MentionIndex, j: int) -> Named | None:
    found = index.beginning.get(j)
    return found if found is not None and is_actor(found.entity) else None


def is_actor(entity: Entity) -> bool:
    """A person, an organisation or a country that may act; not a football club («الاتفاق», «القادسية»)."""
    return entity.type in ACTOR_TYPES and not (entity.kb_id or "").startswith(CLUB_ID)


def proclitic(tokens: Sequence[Token], index: MentionIndex, j: int) -> str:
    """Token `j`'s proclitics, none where a name begins with what the tokenizer took for one («باراك أوباما»)."""
    named = index.beginning.get(j)
    if named is not None and named.mention.start == tokens[j].start and tokens[j].prefix \
            and fold(named.entity.name)[:1] == tokens[j].norm[:1]:
        return ""  # (not «للشيخ صالح الفوزان», a mention that holds the proclitic of its title)
    return tokens[j].prefix


def is_country(entity: Entity) -> bool:
    return entity.kb_id is not None and entity.kb_id == f"m:gpe:{entity.country}"


def group_at(tokens: Sequence[Token], index: MentionIndex, j: int, last: int, region: bool = False) -> Named | Group | None:
    """The unnamed group whose word is token `j` («الشرطة»), with the country of a nisba after it («الشرطة المصرية»
    EGYCOP), or the name it heads («قوات الجيش اليمني»); a role with its country and no name after it («الرئيس
    المصري» EGYGOV); a region's word («الغربية») only where `region` allows it."""
    tok = tokens[j]
    role = index.roles.get(j)
    if role is not None and role.agent and role.country and not role.former and role.last > j + 1 \
            and mention_at(index, role.last) is None:
        return Group(role.country + role.agent, j, role.last - 1, role.country)  # «للرئيس المصري»: EGYGOV
    word = tok.stem or tok.norm
    code, kind = _actor_words().get(word, (None, None))
    if code is None and word.endswith(PEOPLE_ENDINGS) and (people := load_kb().nisba(word)) is not None \
            and people.country:
        return Group(people.country, j, j, people.country)  # «مئات الفلسطينيين», «آلاف العراقيين»
    if code is None or kind == "region" and not region:
        return None
    if kind == "region":
        return Group(code, j, j)
    named = mention_at(index, j + 1) if j + 1 < last else None
    if named is not None and named.entity.type in ("ORG", "GPE") and not proclitic(tokens, index, j + 1):
        return named  # «قوات التحالف», «عناصر حزب الله»
    kb = load_kb()
    for k in range(j + 1, min(last, j + 1 + NISBA_REACH)):
        country = kb.nisba(tokens[k].stem or tokens[k].norm)
        if country is not None and country.country:
            return Group(country.country + code, j, k, country.country)
    return Group(code, j, j) if kind == "agent" else None


def group_ending(tokens: Sequence[Token], index: MentionIndex, j: int, first: int, last: int) -> Named | Group | None:
    """A group whose last token is `j`, looking back from a trigger («والشرطة المصرية اعتقلت»)."""
    for k in range(j, max(first, j - NISBA_REACH) - 1, -1):
        found = group_at(tokens, index, k, last)
        if found is not None:
            return found if found.last == j else None
    return None


def title_holder(tokens: list[Token], index: MentionIndex, j: int, found: Named) -> Named | Group | None | bool:
    """For a place or a body named in a title («أمير منطقة عسير», «ولي عهد أبوظبي», «مدير عام مطار أبها»), the
    title's holder as a group of its country and the title's agent (None when the name has no country); False when
    the name is no title's complement."""
    if found.entity.type not in ("GPE", "LOC", "ORG") or j - 1 not in index.in_roles:
        return False
    role = next((index.roles[k] for k in range(j - 1, max(-1, j - 1 - ROLE_REACH), -1)
                 if k in index.roles and index.roles[k].last >= j), None)
    end = found.last  # the title's last token, or its holder's uncoded name
    for k in range(found.last + 1, min(len(tokens), found.last + 2 + ROLE_COMPLEMENT)):
        if proclitic(tokens, index, k)[-1:] in PREPOSITION_PROCLITICS:
            break  # «أمير دولة الكويت بالأمير نواف»: the one he welcomes
        named = index.beginning.get(k)
        if named is not None and named.entity.type == "PERSON":
            if named.entity.actor or named.entity.country:
                return named  # «أمير دولة قطر الشيخ تميم بن حمد»: the holder named after his title
            end = named.last  # («وزير خارجية النمسا سباستيان كورتس», a name with no code: the title says who)
            break
        if k not in index.in_roles:
            break
    country = found.entity.country
    if role is None or not country:
        return None
    return Group(country + (role.agent or ""), role.first, end, country)  # («أمير دولة الكويت»: KWT)


def after_title(index: MentionIndex, start: int, last: int) -> int:
    """The token after a title that stands right after a name, with the place it names («محمد بن زايد ولي عهد
    أبوظبي»: the apposition says who he is, it is not the one he hosts)."""
    role = index.roles.get(start)
    if role is None or role.last >= last:
        return start
    place = index.beginning.get(role.last)
    return place.last + 1 if place is not None and place.entity.type in ("GPE", "LOC") else role.last
