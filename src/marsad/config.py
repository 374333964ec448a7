"""Typed configuration: one small frozen dataclass per stage that has options, defaults in code.

    config = PipelineConfig(entities=EntityConfig(tagger=TaggerKind.neural))
    config = PipelineConfig.from_toml("marsad.toml")   # [entities] tagger = "neural"
    pipeline = marsad.load_pipeline(config)

A config is plain data: it pickles, so worker processes and Spark executors
build the same pipeline from it. Nothing here imports an analysis.
"""
from __future__ import annotations

import dataclasses
import enum
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


class TaggerKind(str, enum.Enum):
    """The statistical NER tagger the entities stage runs (both trained here from ANERcorp).

    The CRF is the default. On the dev split (the last 10% of ANERcorp CAMeL
    train.txt) the two are within noise of each other (neural 0.742, CRF 0.733
    micro F1; ~1 point is noise on 969 entities) and tag at about the same
    speed; the choice was made after both had been scored once on the test
    split (CRF 0.7216, neural 0.7073), so the CRF's test figure is a slightly
    optimistic estimate (BENCHMARKS.md, benchmarks/ner_ablation.md, benchmarks/ner_neural.md).
    """

    crf = "crf"  # two-pass CRF with document features (marsad.ner.tagger)
    neural = "neural"  # BiLSTM-CRF with a character CNN, numpy inference (marsad.ner.neural)
    none = "none"  # no tagger: names from the knowledge base only


DEFAULT_TAGGER = TaggerKind.crf


@dataclass(frozen=True, slots=True)
class EntityConfig:
    tagger: TaggerKind = DEFAULT_TAGGER


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Options of every configurable stage; the default is the shipped pipeline."""

    entities: EntityConfig = field(default_factory=EntityConfig)

    @classmethod
    def from_toml(cls, path: str | Path) -> PipelineConfig:
        """The defaults, overridden by a TOML file's tables (`[entities]` …); unknown keys are errors."""
        with open(path, "rb") as f:
            return cls.from_mapping(tomllib.load(f))

    @classmethod
    def from_mapping(cls, values: dict) -> PipelineConfig:
        return _build(cls, values, "")


def _build(cls: type, values: dict, where: str):
    """An instance of the config dataclass `cls` from a TOML table; `where` names the table in errors."""
    label = where or "config"
    if not isinstance(values, dict):
        raise ValueError(f"{label}: expected a table, not {type(values).__name__}")
    fields = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(values) - fields)
    if unknown:
        raise ValueError(f"{label}: unknown option {', '.join(unknown)} (known: {', '.join(sorted(fields))})")
    given = {}
    for name, value in values.items():
        default = getattr(cls(), name)
        key = f"{where}.{name}" if where else name
        if dataclasses.is_dataclass(default):
            given[name] = _build(type(default), value, key)
        elif isinstance(default, enum.Enum):
            try:
                given[name] = type(default)(value)
            except ValueError:
                choices = ", ".join(member.value for member in type(default))
                raise ValueError(f"{key}: {value!r} is not one of {choices}") from None
        else:
            given[name] = value
    return cls(**given)
