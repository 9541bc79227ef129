"""Stage `boilerplate` (being written)."""
