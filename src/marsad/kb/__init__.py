"""marsad's knowledge base: people, organisations, places, with Arabic name forms."""
from .knowledge_base import KBEntry, KnowledgeBase, load_kb

__all__ = ["KBEntry", "KnowledgeBase", "load_kb"]
