"""The `communique.topics` component (factory.py registers it)."""
