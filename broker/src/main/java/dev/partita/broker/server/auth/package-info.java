/**
 * Client authentication: SASL PLAIN against a users file of salted PBKDF2 hashes
 * ({@link dev.partita.broker.server.auth.UserStore}, {@link dev.partita.broker.server.auth.PasswordHasher}),
 * and whether anonymous clients are allowed ({@link dev.partita.broker.server.auth.Authenticator}).
 */
package dev.partita.broker.server.auth;
