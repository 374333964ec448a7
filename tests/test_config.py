"""Typed configuration: defaults in code, a TOML file may override, and a config pickles for workers."""
from __future__ import annotations

import pickle

import pytest

from marsad.config import EntityConfig, PipelineConfig, TaggerKind


def test_defaults_are_the_shipped_pipeline():
    assert PipelineConfig().entities.tagger is TaggerKind.crf


def test_toml_overrides_the_defaults(tmp_path):
    path = tmp_path / "marsad.toml"
    path.write_text('[entities]\ntagger = "neural"\n', encoding="utf-8")
    assert PipelineConfig.from_toml(path) == PipelineConfig(entities=EntityConfig(tagger=TaggerKind.neural))
    path.write_text("", encoding="utf-8")
    assert PipelineConfig.from_toml(path) == PipelineConfig()


@pytest.mark.parametrize("values, message", [
    ({"entities": {"tagger": "bert"}}, "entities.tagger: 'bert' is not one of crf, neural, none"),
    ({"entities": {"taggr": "crf"}}, "entities: unknown option taggr"),
    ({"quotes": {}}, "config: unknown option quotes"),
    ({"entities": "crf"}, "entities: expected a table"),
])
def test_bad_config_is_a_clear_error(values, message):
    with pytest.raises(ValueError, match=message):
        PipelineConfig.from_mapping(values)


def test_config_pickles_and_hashes():
    config = PipelineConfig(entities=EntityConfig(tagger=TaggerKind.none))
    again = pickle.loads(pickle.dumps(config))
    assert again == config and hash(again) == hash(config)
