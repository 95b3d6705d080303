"""The `communique.record` component (factory.py registers it)."""
