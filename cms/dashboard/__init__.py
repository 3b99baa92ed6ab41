"""The admin dashboard for each role: what a municipality editor and a moderator need first."""
