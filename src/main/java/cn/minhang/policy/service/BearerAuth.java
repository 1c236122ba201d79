package cn.minhang.policy.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bearer tokens, checked against the SHA-256 hashes configured per role. The token itself is never stored or
 * logged: it is hashed on arrival and the hash is compared with every configured hash in constant time
 * ({@link MessageDigest#isEqual}), all of them, so that the time taken says nothing about which one matched.
 */
final class BearerAuth {
    static final String CHALLENGE = "Bearer realm=\"policy\"";

    private record Entry(Role role, byte[] hash) {
    }

    private final List<Entry> entries = new ArrayList<>();

    BearerAuth(Map<Role, List<String>> hashes) {
        hashes.forEach((role, list) -> list.forEach(hex -> entries.add(new Entry(role, HexFormat.of().parseHex(hex)))));
    }

    /**
     * Lets a request through only if its {@code Authorization: Bearer …} token has one of {@code required}.
     *
     * @throws ApiError 401 when the token is missing, malformed or unknown, 403 when it lacks the role
     */
    void require(String authorization, Set<Role> required) {
        String token = token(authorization);
        if (token == null) {
            throw unauthorized("this route needs a bearer token (Authorization: Bearer …)");
        }
        Set<Role> granted = rolesOf(token);
        if (granted.isEmpty()) {
            throw unauthorized("the bearer token is not valid");
        }
        for (Role role : required) {
            if (granted.contains(role)) {
                return;
            }
        }
        throw new ApiError(403, ApiError.FORBIDDEN, "the bearer token does not have the role " + required
                .iterator().next() + " this route needs");
    }

    private Set<Role> rolesOf(String token) {
        byte[] hash = sha256(token);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), hash)) {
                roles.add(entry.role());
            }
        }
        return roles;
    }

    /** The token of {@code Bearer <token>} (the scheme in any case), or null. */
    private static String token(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(401, ApiError.UNAUTHORIZED, List.of(new cn.minhang.policy.model.Problem("$", message)),
                Map.of("WWW-Authenticate", CHALLENGE));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
