"""Ways to sign in besides email and password, and the re-authentication
that guards sensitive changes. Each option is one module here (its flows),
one router in app/api/routes and one setting that leaves both out."""
