"""Stage `dedupe` (being written)."""
