"""The AI-assistance disclosure: the words spoken and tagged, and the IPTC term for machines."""

DEFAULT_DISCLOSURE = "This audio is created with AI assistance."

#: IPTC NewsCodes digital source type for media made by a trained model.
IPTC_TRAINED_ALGORITHMIC_MEDIA = (
    "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
)
