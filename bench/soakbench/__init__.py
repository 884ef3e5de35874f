"""The fault-injected soak: a compressed day of digests under faults; see bench/README.md."""
