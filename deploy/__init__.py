"""The production topology: nginx's config, systemd units, and ``deploy/run`` / ``deploy/stop``
that run it all on one machine (docs/deploy.md)."""
