"""The `communique.places` component (factory.py registers it)."""
