"""The `communique.participants` component (factory.py registers it)."""
