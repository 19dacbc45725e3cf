"""batch stage of the narrate pipeline."""
