"""The `communique.events` component (factory.py registers it)."""
