"""The built-in stages of cleanse, each an ordinary plugin loaded through the entry points."""
