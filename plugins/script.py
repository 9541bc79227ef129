"""Stage `script` (being written)."""
