"""Entity mentions by the token they begin and end on: the index the quotes and events stages look speakers and
actors up in."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from .document import Document, Entity, Mention


@dataclass(slots=True, frozen=True)
class Named:
    entity: Entity
    mention: Mention
    first: int  # the mention's first and last token
    last: int


class MentionIndex:
    """Entity mentions by the token they begin and end on, the tokens they cover, and where role phrases begin."""

    def __init__(self, doc: Document) -> None:
        self.starts = starts = [t.start for t in doc.tokens]  # (shared by the quotes stage's parts)
        self.beginning: dict[int, Named] = {}
        self.ending: dict[int, Named] = {}
        self.covered: set[int] = set()
        self.text = doc.text
        self.roles = {r.first: r for r in doc.role_phrases}  # «معالي أمين العاصمة المقدسة الدكتور أسامه البار»
        self.role_starts = set(self.roles)
        self.role_ending = {r.last - 1: r for r in doc.role_phrases}  # by the role's last token
        self.in_roles = {k for r in doc.role_phrases for k in range(r.first, r.last)}
        for e in doc.entities:
            for m in e.mentions:
                first = bisect.bisect_right(starts, m.start) - 1  # the token holding the mention's start («لتشانج»)
                last = bisect.bisect_left(starts, m.end) - 1
                self.covered.update(range(first, last + 1))
                if first >= 0:
                    self.beginning.setdefault(first, Named(e, m, first, last))
                    self.ending.setdefault(last, Named(e, m, first, last))


