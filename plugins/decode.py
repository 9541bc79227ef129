"""Stage `decode` (being written)."""
