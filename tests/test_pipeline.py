"""The stage protocol: the order is checked when a pipeline is built, and a failing stage skips only the
stages that need what it provides."""
from __future__ import annotations

import pytest

from marsad import load_pipeline
from marsad.config import EntityConfig, PipelineConfig, TaggerKind
from marsad.document import Document, Source
from marsad.ner.entities import EntityStage
from marsad.pipeline import Pipeline, PipelineError
from marsad.stage import Stage, stage
from marsad.text.clean import clean
from marsad.text.language import identify_language
from marsad.text.segment import segment, tokenize

KB_ONLY = PipelineConfig(entities=EntityConfig(tagger=TaggerKind.none))
# Sada El Balad, 2023-11-29 (the example article), shortened.
ARTICLE = ("بوتين يلتقي نائب رئيس اللجنة العسكرية الصينية\n\n"
           "التقى الرئيس الروسي فلاديمير بوتين الجنرال الصيني تشانج يوشيا في موسكو. وأكد بوتين أهمية التعاون.")


def doc(raw: str = ARTICLE) -> Document:
    return Document(Source(format="text"), raw=raw)


@stage(requires=("text",), provides=("tokens",))
def tokenize_broken(doc: Document) -> Document:
    raise ValueError("tokeniser exploded")


tokenize_broken.name = "tokenize"  # stands in for the shipped tokenize


def test_shipped_stages_declare_their_layers():
    pipeline = load_pipeline(KB_ONLY)
    assert pipeline.names == ["clean", "segment", "identify_language", "tokenize", "entities", "quotes", "dates",
                              "events"]
    assert all(isinstance(s, Stage) for s in pipeline.stages)
    assert clean.provides == ("text", "sections", "wire_sources") and tokenize.requires == ("paragraphs", "language")
    assert EntityStage.requires == ("tokens", "sentences")


@pytest.mark.parametrize("stages, message", [
    ([tokenize, clean], "stage tokenize requires paragraphs, language, which no earlier stage provides "
                        "(available before it: raw)"),
    ([clean, segment], None),
    ([clean, EntityStage(KB_ONLY.entities)], "stage entities requires tokens, sentences"),
    ([clean, clean], "two stages are named clean"),
    ([clean, lambda d: d], "is not a stage"),
])
def test_pipeline_checks_the_order_when_built(stages, message):
    if message is None:
        Pipeline(stages)
        return
    with pytest.raises(PipelineError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Pipeline(stages)


def test_a_layer_that_is_no_document_field_is_an_error():
    @stage(requires=("text",), provides=("quotations",))
    def quotes(doc: Document) -> Document:
        return doc

    with pytest.raises(PipelineError, match="quotations, which is no Document layer"):
        Pipeline([clean, quotes])


def test_given_layers_let_a_pipeline_start_later():
    pipeline = Pipeline([segment, identify_language, tokenize], given=("text",))
    d = pipeline(Document(Source(format="text"), text="قال الوزير"))
    assert [d.span_text(t) for t in d.tokens] == ["قال", "الوزير"]


def test_a_failing_stage_skips_only_what_needs_it():
    pipeline = load_pipeline(KB_ONLY).with_stage(tokenize_broken)
    d = pipeline(doc())
    assert d.failed and d.failed_stages == {"tokenize": "ValueError"}
    assert d.skipped_stages == {"entities": "tokens", "quotes": "tokens", "dates": "tokens", "events": "tokens"}
    assert d.text and d.sentences  # clean and segment ran
    assert d.tokens == [] and d.entities == []
    assert "stage tokenize failed: ValueError: tokeniser exploded" in d.warnings
    assert "stage entities skipped: it needs tokens, which stage tokenize did not provide" in d.warnings


def test_a_stage_that_returns_no_document_fails():
    @stage(requires=("text",), provides=("sentences",))
    def segment(doc: Document) -> None:  # forgot the return
        doc.sentences = []

    d = Pipeline([clean, segment])(doc())
    assert d.failed_stages == {"segment": "TypeError"}


def test_counters_say_per_stage_what_ran_failed_and_was_skipped():
    pipeline = load_pipeline(KB_ONLY)
    broken = pipeline.with_stage(tokenize_broken)
    items = [doc(), "an unreadable path", doc("")]
    assert list(broken.run(items))[1] == "an unreadable path"  # other items pass through, in order
    counters = broken.counters
    assert (counters.processed, counters.failed) == (2, 2)
    stages = counters.stages
    assert stages["clean"].processed == 2 and not stages["clean"].failed
    assert stages["tokenize"].processed == 2 and stages["tokenize"].failed == {"ValueError": 2}
    assert stages["entities"].processed == 0 and stages["entities"].skipped == {"tokens": 2}
    assert pipeline.counters.processed == 0  # with_stage made a new pipeline with its own counters


def test_the_next_document_is_analysed_whole_after_a_failure():
    class FailsOnce:
        name, requires, provides = "entities", ("tokens", "sentences"), ("role_phrases", "entities")

        def __init__(self) -> None:
            self.real = EntityStage(KB_ONLY.entities)
            self.calls = 0

        def __call__(self, d: Document) -> Document:
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("first call")
            return self.real(d)

    pipeline = load_pipeline(KB_ONLY).with_stage(FailsOnce())
    first, second = list(pipeline.run([doc(), doc()]))
    assert first.failed_stages == {"entities": "RuntimeError"} and first.entities == []
    assert not second.failed and "Vladimir Putin" in {e.name_en for e in second.entities}


def test_with_stage_needs_a_stage_of_that_name():
    @stage(requires=("text",), provides=("tokens",))
    def other(doc: Document) -> Document:
        return doc

    with pytest.raises(PipelineError, match="no stage named other"):
        load_pipeline(KB_ONLY).with_stage(other)
