"""tags stage of the narrate pipeline."""
