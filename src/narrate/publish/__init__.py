"""publish stage of the narrate pipeline."""
