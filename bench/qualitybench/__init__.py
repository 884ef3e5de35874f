"""The digest-quality benchmark: a labelled corpus, the offline analyzer and its peers, scored."""
