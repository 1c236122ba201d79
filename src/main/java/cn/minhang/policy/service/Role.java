package cn.minhang.policy.service;

import io.javalin.security.RouteRole;

/**
 * What a bearer token may do. Tokens are configured per role as SHA-256 hashes ({@link ServiceConfig}); a token
 * may be configured for several roles, and no role implies another. Routes without a role (evaluation without a
 * record, batch, the rules' information, schemas, OpenAPI, health, metrics and the page) need no token.
 */
public enum Role implements RouteRole {
    /** Posts applications whose decisions are recorded. */
    SUBMIT,
    /** Reads records, exports, replays and archived rules. */
    READ_RECORDS,
    /** Reloads the rules. */
    ADMIN
}
