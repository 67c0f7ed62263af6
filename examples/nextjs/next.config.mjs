// Sesame's form lives at /auth/ (with the slash): Next must not redirect it to /auth.
export default { skipTrailingSlashRedirect: true };
