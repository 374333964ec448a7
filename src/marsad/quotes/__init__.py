"""Quotations: what was said, by whom, to whom (`stage.QuoteStage`)."""
