"""text stage of the narrate pipeline."""
