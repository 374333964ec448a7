"""Exports: the layers of stored records as tables analysts load as they are (GDELT-style TSV, JSONL)."""
