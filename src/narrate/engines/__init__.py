"""engines stage of the narrate pipeline."""
