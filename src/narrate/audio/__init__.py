"""audio stage of the narrate pipeline."""
