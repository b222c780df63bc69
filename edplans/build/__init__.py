"""The build: caching, the dependency map (job keys), parallel workers, the atomic write."""
