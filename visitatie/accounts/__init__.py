"""Accounts of project leaders, and how anyone signs in.

- auth.py            login, roles, and the participant's session bound to one link
- passwords.py       the password policy (zxcvbn)
- two_factor.py      TOTP and recovery codes
- lockout.py         failed attempts and lockout, kept in the database
- login_sessions.py  server-side sessions with idle and absolute timeouts
- links.py           one-time account links (invitation, password reset)
"""
