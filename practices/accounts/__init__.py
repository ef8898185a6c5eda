"""Accounts a network can run: invitations, password reset, two-factor sign-in, leaving."""
